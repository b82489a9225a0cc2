import { boundThumbprint } from '../reference/mtls.ts';
import { invalidToken } from '../reference/rejection.ts';
import type { Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** The thumbprint compared when the connection has a certificate; none, nothing to compare. */
const comparedIfPresented: Step = (ctx) => {
  const bound = boundThumbprint(ctx);
  if (bound === undefined) return invalidToken('TokenNotCertificateBound');
  const presented = ctx.request.certificateThumbprint;
  if (presented !== undefined && presented !== bound) return invalidToken('ClientCertificateMismatch');
};

export default defineFlawedTarget({
  name: 'mtls-cert-optional',
  flaw: 'Compares the client certificate with cnf.x5t#S256 only when the connection presented one, so a stolen bound token works from a client with no certificate.',
  basedOn:
    '`const cert = req.socket.getPeerCertificate(); if (cert.raw && thumbprint(cert.raw) !== cnf) reject()`: Node answers `{}` without a certificate and the check falls through; RFC 8705 §3.',
  catches: ['mtls-no-certificate'],
  severity: 'critical',
  introspects: true,
  mtls: true,
  options: { steps: { checkCertificateBinding: comparedIfPresented } },
});

import { boundThumbprint } from '../reference/mtls.ts';
import { invalidToken } from '../reference/rejection.ts';
import type { Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** A bound token and some client certificate, never compared. */
const anyCertificate: Step = (ctx) => {
  if (boundThumbprint(ctx) === undefined) return invalidToken('TokenNotCertificateBound');
  if (ctx.request.certificateThumbprint === undefined) return invalidToken('ClientCertificateRequired');
};

export default defineFlawedTarget({
  name: 'mtls-any-client-cert',
  flaw: 'Requires a bound token and a client certificate on the connection but never compares the two, so a stolen token works over any other client certificate.',
  basedOn:
    'TLS terminated at a proxy that verifies the client chain (nginx `ssl_verify_client on`) and forwards only `X-SSL-Client-Verify: SUCCESS`; the API trusts "a certificate was verified" for "this token is bound to it"; RFC 8705 §3.',
  catches: ['mtls-other-certificate', 'mtls-token-other-certificate'],
  severity: 'critical',
  introspects: true,
  mtls: true,
  options: { steps: { checkCertificateBinding: anyCertificate } },
});

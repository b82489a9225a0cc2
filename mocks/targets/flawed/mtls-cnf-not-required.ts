import { checkCertificateBinding } from '../reference/mtls.ts';
import type { Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** The binding checked only on tokens that carry one. */
const onlyWhenBound: Step = (ctx) => {
  const cnf = ctx.claims?.cnf as Record<string, unknown> | undefined;
  return cnf?.['x5t#S256'] ? checkCertificateBinding(ctx) : undefined;
};

export default defineFlawedTarget({
  name: 'mtls-cnf-not-required',
  flaw: 'Matches the connection certificate with cnf.x5t#S256 when the token has one, so an unbound bearer token is accepted by an API that requires certificate-bound tokens.',
  basedOn: "`if (claims.cnf?.['x5t#S256'])` around the thumbprint comparison; RFC 8705 §3 has a certificate-bound API require the binding.",
  catches: ['mtls-unbound-token'],
  severity: 'major',
  introspects: true,
  mtls: true,
  options: { steps: { checkCertificateBinding: onlyWhenBound } },
});

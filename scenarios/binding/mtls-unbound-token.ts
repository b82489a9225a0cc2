import { defineScenario } from '../define.ts';
import { MTLS_REFS, notMtls, overCertificate } from './mtls.ts';

export default defineScenario({
  id: 'mtls-unbound-token',
  title:
    'A token bound to no certificate (no cnf.x5t#S256) sent over a connection with a valid client certificate, to an API that requires binding',
  category: 'binding',
  refs: [...MTLS_REFS],
  expect: 'IT',
  auditCodes: ['TokenNotCertificateBound'],
  ifAccepted: { severity: 'major', means: 'a bearer token (no cnf.x5t#S256) accepted by an API that requires certificate-bound tokens' },
  resolution:
    'Require `cnf.x5t#S256` in every token where the API takes only certificate-bound tokens (RFC 8705 §3): checking the binding only when one is present lets a plain bearer token through.',
  skip: notMtls,
  probes: async (ctx) => overCertificate(ctx, 'unbound token', 'own', { cnf: undefined }),
});

import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';
import { FOREIGN_THUMBPRINT, MTLS_REFS, notMtls, overCertificate } from './mtls.ts';

export default defineScenario({
  id: 'mtls-token-other-certificate',
  title: "A token bound to another client's certificate (cnf.x5t#S256 not this one's), sent over a connection with the client's own",
  category: 'binding',
  refs: [...MTLS_REFS, rfc(8705, '3.1')],
  expect: 'IT',
  auditCodes: ['ClientCertificateMismatch'],
  resolution:
    "Match the token's `cnf.x5t#S256` against the certificate of this very connection (RFC 8705 §3.1), not merely check that some trusted certificate was presented: a token stolen from another client must not work over yours.",
  skip: notMtls,
  probes: async (ctx) =>
    overCertificate(ctx, "token bound to another client's certificate", 'own', { cnf: { 'x5t#S256': FOREIGN_THUMBPRINT } }),
});

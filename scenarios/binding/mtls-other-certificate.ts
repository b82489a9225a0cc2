import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';
import { MTLS_REFS, notMtls, overCertificate } from './mtls.ts';

export default defineScenario({
  id: 'mtls-other-certificate',
  title: "A token bound to the client's certificate, presented over a connection with another client's valid certificate",
  category: 'binding',
  refs: [...MTLS_REFS, rfc(8705, '3.1')],
  expect: 'IT',
  auditCodes: ['ClientCertificateMismatch'],
  resolution:
    "Compare the SHA-256 thumbprint of the connection's client certificate with the token's `cnf.x5t#S256` (RFC 8705 §3.1); a certificate that merely chains to a trusted CA lets any client replay a stolen token.",
  skip: notMtls,
  probes: async (ctx) => overCertificate(ctx, "another client's certificate", 'other'),
});

import { defineScenario } from '../define.ts';
import { rfc } from '../lib/refs.ts';
import { MTLS_REFS, notMtls, overCertificate } from './mtls.ts';

export default defineScenario({
  id: 'mtls-no-certificate',
  title: 'A certificate-bound token (cnf.x5t#S256) sent over a TLS connection that presents no client certificate',
  category: 'binding',
  refs: [...MTLS_REFS, rfc(8705, '3.1')],
  expect: 'IT',
  auditCodes: ['ClientCertificateRequired'],
  resolution:
    'Require the client certificate whenever the token carries `cnf.x5t#S256`, and refuse with 401 `invalid_token` when none was presented (RFC 8705 §3): without it a stolen token works from anywhere.',
  skip: notMtls,
  probes: async (ctx) => overCertificate(ctx, 'no client certificate', 'none'),
});

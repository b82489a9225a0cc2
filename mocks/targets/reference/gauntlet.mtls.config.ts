/**
 * The reference API taking only certificate-bound tokens (RFC 8705 §3), served over HTTPS with a
 * certificate from a throw-away CA the harness is told to trust: the whole catalogue sent over mutual
 * TLS with the harness's client certificate, the mTLS scenarios judged.
 *
 *   npx gauntlet run --config mocks/targets/reference/gauntlet.mtls.config.ts
 */
import { defineConfig } from '../../../harness/define-config.ts';
import { createTlsMaterial } from '../../idp/tls.ts';
import { startReferenceApi } from './app.ts';
import { CLIENT_ID_HEADER, FIXTURES, REFERENCE_POLICY, referenceFor } from './gauntlet.config.ts';

const tls = await createTlsMaterial();

export default defineConfig({
  target: { start: (env) => startReferenceApi({ ...referenceFor(env, { mtls: true }), tls: { key: tls.key, cert: tls.cert } }) },
  targetCa: tls.caPath,
  tokenType: 'mtls',
  audience: 'https://api.example.test',
  endpoints: ['GET /orders', 'GET /admin admin'],
  clientIdHeader: CLIENT_ID_HEADER,
  fixtures: FIXTURES,
  policy: REFERENCE_POLICY,
});

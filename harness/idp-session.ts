/**
 * The IdP a run talks to, and the environment a target needs to trust it: on a real port for URL and
 * started targets, through msw for in-process apps (nothing listens).
 */
import { DpopClient } from '../mocks/idp/dpop.ts';
import { MockIdp } from '../mocks/idp/idp.ts';
import type { MtlsClient } from '../mocks/idp/mtls.ts';
import { startIdp } from '../mocks/idp/http-server.ts';
import type { ResolvedConfig } from './config.ts';
import type { TargetEnv } from './core/target-env.ts';

export interface IdpSession {
  idp: MockIdp;
  env: TargetEnv;
  /** The client key tokens are bound to when the API wants DPoP (config `tokenType: 'dpop'`). */
  dpop?: DpopClient;
  /** The client certificates when the API wants certificate-bound tokens (config `tokenType: 'mtls'`, RFC 8705 §3). */
  mtls?: MtlsClient;
  close(): Promise<void>;
}

export const IN_PROCESS_ISSUER = 'https://idp.gauntlet.test';

export function targetEnv(idp: MockIdp): TargetEnv {
  const c = idp.client;
  return {
    issuer: idp.issuer,
    jwksUri: idp.jwksUri,
    discoveryUrl: `${idp.issuer}/.well-known/openid-configuration`,
    tokenEndpoint: idp.tokenEndpoint,
    audience: idp.minter.shape.audience,
    introspection: { endpoint: idp.introspectionEndpoint, clientId: c.clientId, clientSecret: c.clientSecret },
    issuers: [
      { issuer: idp.issuer, jwksUri: idp.jwksUri, discoveryUrl: `${idp.issuer}/.well-known/openid-configuration` },
      ...idp.extraIssuers.map(({ issuer, jwksUri, discoveryUrl }) => ({ issuer, jwksUri, discoveryUrl })),
    ],
  };
}

function shape(config: ResolvedConfig, binding: { cnf: Record<string, string> } | undefined) {
  return {
    audience: config.audience,
    typ: config.baseline.typ,
    ...(config.baseline.alg ? { alg: config.baseline.alg } : {}),
    scope: config.baseline.scope,
    lifetime: config.baseline.lifetime,
    format: config.baseline.format,
    // RFC 9449 §6.1, RFC 8705 §3.1: every token of a DPoP or mTLS run is bound to the harness's key or certificate, unless the config says how.
    extraClaims: binding ? { cnf: binding.cnf, ...config.baseline.claims } : config.baseline.claims,
    ...(config.baseline.subject ? { subject: config.baseline.subject } : {}),
    ...(config.baseline.clientId ? { clientId: config.baseline.clientId } : {}),
  };
}

export async function openIdpSession(config: ResolvedConfig, inProcess: boolean): Promise<IdpSession> {
  const dpop = config.tokenType === 'dpop' ? await DpopClient.create() : undefined;
  // @peculiar/x509 (the client certificates) is loaded only for a certificate-bound run, not at every start.
  const mtls = config.tokenType === 'mtls' ? await (await import('../mocks/idp/mtls.ts')).MtlsClient.create() : undefined;
  const common = {
    algs: config.idp.algs,
    keysFile: config.idp.keysFile,
    shape: shape(config, dpop ?? mtls),
    stallMs: config.timeoutMs * 3,
    issuers: config.idp.issuers,
  };
  if (inProcess) {
    // msw loads only for in-process targets: a URL run's IdP is on a real port.
    const [{ setupServer }, { idpHandlers }] = await Promise.all([import('msw/node'), import('../mocks/idp/serve.ts')]);
    const idp = await MockIdp.create({ ...common, issuer: config.idp.issuer ?? IN_PROCESS_ISSUER });
    const server = setupServer(...idpHandlers(idp));
    server.listen({ onUnhandledRequest: 'bypass' });
    return {
      idp,
      dpop,
      mtls,
      env: targetEnv(idp),
      close: async () => {
        idp.state.releaseStalls();
        server.close();
      },
    };
  }
  const running = await startIdp({
    ...common,
    port: config.idp.port,
    host: config.idp.host,
    issuer: config.idp.issuer,
    tls: config.idp.tls,
  });
  // The harness drives the IdP through the MockIdp object, never its control API; the warning is for a config's idp.host.
  if (running.warning) process.stderr.write(`gauntlet: ${running.warning}\n`);
  return { idp: running.idp, dpop, mtls, env: targetEnv(running.idp), close: running.close };
}

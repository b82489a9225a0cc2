/**
 * `npm start`: the whole gauntlet against the bundled reference API. The harness starts the mock IdP,
 * then the reference API on a real port configured to trust it, then runs every scenario.
 */
import { defineConfig } from '../../../harness/define-config.ts';
import type { Fixtures } from '../../../harness/core/fixtures.ts';
import type { TargetEnv } from '../../../harness/core/target-env.ts';
import { startReferenceApi } from './app.ts';
import type { DirectoryOptions, ReferenceOptions } from './options.ts';

/** Identities the reference API knows in a special state; the directory below is the API's side of them. */
export const FIXTURES = {
  unknownClient: 'gauntlet-unregistered-client',
  blockedClient: 'gauntlet-blocked-client',
  disabledSubject: 'gauntlet-disabled-user',
  disabledTenant: { claim: 'tenant', value: 'gauntlet-tenant-off' },
  grantRestricted: { clientId: 'gauntlet-code-only-client', claim: 'gty', value: 'client_credentials' },
} satisfies Required<Fixtures>;

/** The reference API's records matching FIXTURES; `clientId` is the baseline's, the one registered client in good standing. */
export function directoryFor(clientId: string): DirectoryOptions {
  return {
    clients: [clientId],
    blockedClients: [FIXTURES.blockedClient],
    disabledSubjects: [FIXTURES.disabledSubject],
    disabledTenants: [FIXTURES.disabledTenant],
    grantRestrictions: [
      { clientId: FIXTURES.grantRestricted.clientId, claim: FIXTURES.grantRestricted.claim, allowed: ['authorization_code'] },
    ],
  };
}

/** The policy the reference API enforces by default (options.ts), as a config declares it. */
export const REFERENCE_POLICY = { leeway: 60, maxLifetime: 7200, revocation: 'introspection' } as const;

/** the gateway's second credential. */
export const CLIENT_ID_HEADER = 'client_id';

/** The reference API trusting the IdP of `env`, as `npm start` runs it; `extra` for a test's variant of it. */
export function referenceFor(env: TargetEnv, extra: Partial<ReferenceOptions> = {}): ReferenceOptions {
  return {
    issuer: env.issuer,
    jwksUri: env.jwksUri,
    trustedIssuers: (env.issuers ?? []).slice(1).map(({ issuer, jwksUri }) => ({ issuer, jwksUri })),
    audience: env.audience,
    introspection: env.introspection,
    directory: directoryFor(env.introspection.clientId),
    clientIdHeader: CLIENT_ID_HEADER,
    ...extra,
  };
}

/**
 * How long the reference API waits for the IdP (JWKS, introspection) under `npm start`: a few hundred
 * ms, as in the tests, so the outage scenarios show the tool's speed rather than the reference's 2 s
 * default patience. Still well inside the harness's own per-request timeout.
 */
export const NPM_START_IDP_TIMEOUT_MS = 400;

export default defineConfig({
  target: { start: (env) => startReferenceApi(referenceFor(env, { idpTimeoutMs: NPM_START_IDP_TIMEOUT_MS })) },
  audience: 'https://api.example.test',
  endpoints: ['GET /orders', 'GET /admin admin'],
  clientIdHeader: CLIENT_ID_HEADER,
  fixtures: FIXTURES,
  // Two issuers, both trusted: the issuer-binding scenarios apply.
  idp: { issuers: 2 },
  // What the reference API enforces (options.ts defaults), declared so that it is held to it exactly.
  policy: REFERENCE_POLICY,
});

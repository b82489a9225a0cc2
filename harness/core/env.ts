/**
 * What a scenario may read of the run's configuration: where the API reads tokens, the client id
 * header, the fixtures, the IdP's loaded algorithms and the declared policy. Read-only, and nothing
 * else of the config: a scenario forges from the baseline (`ctx.forge`) and never sees targets,
 * output or flags.
 */
import type { SigningAlg } from '../../mocks/idp/keys.ts';
import type { Fixtures } from './fixtures.ts';
import type { ResolvedPolicy } from './policy.ts';
import type { TokenLocation } from './token-location.ts';
import type { Endpoint } from './endpoint.ts';
import type { TokenFormat } from './token-format.ts';

export interface ScenarioEnv {
  readonly token: Readonly<TokenLocation>;
  /** The header the API reads a client id from, when it reads one. */
  readonly clientIdHeader?: string;
  readonly fixtures: Readonly<Fixtures>;
  /** The algorithms of the keys the IdP has loaded (`--algs`), and how many issuers it serves, all trusted by the API (`idp.issuers`, default 1). */
  readonly idp: { readonly algs: readonly SigningAlg[]; readonly issuers?: number };
  readonly policy: Readonly<ResolvedPolicy>;
  /** How the API takes tokens: `bearer`, `dpop` (RFC 9449) or `mtls` (certificate-bound, RFC 8705) when the config says so. */
  readonly tokenType: 'bearer' | 'dpop' | 'mtls';
  /** The baseline's format: `jwt` (also when unset), or `opaque` (the API validates by introspection only). */
  readonly format?: TokenFormat;
  /** The API's resource identifier (RFC 9728, RFC 8707): declared, or the audience under the mcp profile. */
  readonly resource?: string;
  /** The API's base URL when the target is one (in-process and started targets have none fixed). */
  readonly targetUrl?: string;
  /** Every endpoint of the run, for checks that look at the API as a whole (the scopes its metadata lists). */
  readonly endpoints: readonly Readonly<Endpoint>[];
}

/** What the engine cuts the environment from: its resolved config, structurally. */
export interface EnvSource {
  token: TokenLocation;
  clientIdHeader?: string;
  fixtures: Fixtures;
  idp: { algs: readonly SigningAlg[]; issuers?: number };
  policy: ResolvedPolicy;
  tokenType: 'bearer' | 'dpop' | 'mtls';
  baseline: { format: TokenFormat };
  resource?: string;
  audience: string;
  profile: { name: string };
  target: { kind: string; url?: string } | object;
  endpoints: readonly Endpoint[];
}

/** The environment cut out of a wider configuration (the engine passes its ResolvedConfig), frozen. */
export function scenarioEnv(config: EnvSource): ScenarioEnv {
  const resource = config.resource ?? (config.profile.name === 'mcp' ? config.audience : undefined);
  const url = 'url' in config.target && typeof config.target.url === 'string' ? config.target.url : undefined;
  return Object.freeze({
    token: Object.freeze({ ...config.token }),
    ...(config.clientIdHeader !== undefined ? { clientIdHeader: config.clientIdHeader } : {}),
    fixtures: Object.freeze({ ...config.fixtures }),
    idp: Object.freeze({ algs: Object.freeze([...config.idp.algs]), issuers: config.idp.issuers ?? 1 }),
    policy: Object.freeze({ ...config.policy }),
    tokenType: config.tokenType,
    format: config.baseline.format,
    ...(resource !== undefined ? { resource } : {}),
    ...(url !== undefined ? { targetUrl: url } : {}),
    endpoints: Object.freeze(config.endpoints.map((e) => Object.freeze({ ...e }))),
  });
}

/**
 * What the arbitraries draw from for one endpoint, derived from the configuration alone (never from
 * key material or the clock), so that one seed gives the same cases on every run.
 */
import { UNRELATED_SCOPE } from '../../scenarios/lib/needs-scope.ts';
import type { ResolvedConfig } from '../config.ts';
import type { Endpoint } from '../core/endpoint.ts';

export interface CaseSpace {
  /** Scopes the endpoint needs. */
  needed: string[];
  /** Scopes the baseline carries that the endpoint does not need, and one unrelated scope. */
  others: string[];
  /** Algorithms for `key:<ALG>` variants: every loaded one when the API declares its allowlist, else the baseline's. */
  algs: string[];
  /** The Authorization scheme when the token travels there (transport cases), else null. */
  scheme: string | null;
}

export function baselineAlg(config: ResolvedConfig): string {
  return config.baseline.alg ?? config.idp.algs[0]!;
}

export function caseSpace(config: ResolvedConfig, endpoint: Endpoint): CaseSpace {
  const needed = [...endpoint.scopes];
  const others = [...new Set([...config.baseline.scope.split(' ').filter((s) => s && !needed.includes(s)), UNRELATED_SCOPE])];
  const loc = config.token;
  return {
    needed,
    others,
    algs: config.policy.algorithms ? [...config.idp.algs] : [baselineAlg(config)],
    scheme: loc.in === 'header' && loc.scheme ? loc.scheme : null,
  };
}

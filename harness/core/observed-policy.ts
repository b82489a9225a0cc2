/**
 * The observed policy: what the API was measured to enforce (measure.ts), as the report carries it
 * (`observedPolicy`, CONTRACT "Observed policy"). Each value is plain (seconds, a list, a boolean) or
 * null where it could not be measured; `how` says, one sentence per value, how it was measured or why
 * it could not be.
 */

export const OBSERVED_KEYS = ['expLeeway', 'nbfLeeway', 'iatLeeway', 'maxLifetime', 'algorithms', 'typ', 'introspection'] as const;
export type ObservedKey = (typeof OBSERVED_KEYS)[number];

export interface ObservedPolicy {
  /** Smallest d (seconds) for which a token with exp = now − d was refused. */
  expLeeway: number | null;
  /** Largest d for which nbf = now + d was accepted. */
  nbfLeeway: number | null;
  /** Largest d for which iat = now + d was accepted. */
  iatLeeway: number | null;
  /** Largest exp − iat accepted (iat = now), seconds. */
  maxLifetime: number | null;
  /** Algorithms of the loaded IdP keys whose signature was accepted. */
  algorithms: string[] | null;
  /** typ header values accepted, of at+jwt, application/at+jwt, JWT and none (no typ member). */
  typ: string[] | null;
  /** Whether the IdP's introspection endpoint was called while the measurement probes were answered. */
  introspection: boolean | null;
  /** How each value was measured, or why it was not. */
  how: Record<ObservedKey, string>;
  /** The values that are null because even the end of the search was accepted: no limit found within it. */
  unbounded: ObservedKey[];
  /** The endpoint the probes were sent to. */
  endpoint: string;
  /** Requests sent for the measurement. */
  probes: number;
}

/** The labels the report tables use. */
export const OBSERVED_LABELS: Record<ObservedKey, string> = {
  expLeeway: 'exp leeway',
  nbfLeeway: 'nbf tolerance',
  iatLeeway: 'iat tolerance',
  maxLifetime: 'longest lifetime',
  algorithms: 'algorithms',
  typ: 'typ values',
  introspection: 'introspection',
};

/** "7200 s (2 h)": seconds, with a rounded larger unit when that helps reading. */
export function seconds(n: number): string {
  const unit = n >= 86_400 ? [86_400, 'd'] : n >= 3600 ? [3600, 'h'] : n >= 120 ? [60, 'min'] : undefined;
  if (!unit) return `${n} s`;
  const v = Math.round((n / (unit[0] as number)) * 10) / 10;
  return `${n} s (${v} ${unit[1]})`;
}

/** One observed value as text: "60 s", "ES256, RS256", "yes", "not measured". */
export function showObserved(key: ObservedKey, observed: ObservedPolicy | undefined): string {
  const v = observed?.[key];
  if (observed?.unbounded.includes(key)) return 'no limit found';
  if (v === null || v === undefined) return 'not measured';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '(none accepted)';
  return seconds(v);
}

/** The longest accepted lifetime in words, for a residual-risk sentence. */
export function observedLifetime(observed: ObservedPolicy | undefined): string {
  if (!observed) return 'maximum lifetime not measured';
  if (observed.unbounded.includes('maxLifetime')) return 'no maximum lifetime found: accepted up to the 30-day end of the search';
  if (observed.maxLifetime === null) return `maximum lifetime not measured (${observed.how.maxLifetime})`;
  return `observed maximum lifetime ${seconds(observed.maxLifetime)}`;
}

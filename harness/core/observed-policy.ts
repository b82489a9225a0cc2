/**
 * The observed policy: what the API was measured to enforce (measure.ts), as the report carries it
 * (`observedPolicy`, CONTRACT "Observed policy"). Each value is plain (seconds, a list, a boolean) or
 * null where it could not be measured; `how` says, one sentence per value, how it was measured or why
 * it could not be.
 */
import { z } from 'zod';

export const OBSERVED_KEYS = ['expLeeway', 'nbfLeeway', 'iatLeeway', 'maxLifetime', 'algorithms', 'typ', 'introspection'] as const;
export type ObservedKey = (typeof OBSERVED_KEYS)[number];

const measured = (description: string) => z.number().int().nullable().describe(description);
const listed = z.array(z.string()).nullable();

/** The observed policy as report.json carries it (harness/report/schema.ts publishes it); the type is inferred. */
export const observedPolicySchema = z
  .strictObject({
    /** Smallest d (seconds) for which a token with exp = now − d was refused. */
    expLeeway: measured('Smallest d refused for exp = now − d, seconds.'),
    /** Largest d for which nbf = now + d was accepted. */
    nbfLeeway: measured('Largest d accepted for nbf = now + d, seconds.'),
    /** Largest d for which iat = now + d was accepted. */
    iatLeeway: measured('Largest d accepted for iat = now + d, seconds.'),
    /** Largest exp − iat accepted (iat = now), seconds. */
    maxLifetime: measured('Largest exp − iat accepted, seconds.'),
    /** Algorithms of the loaded IdP keys whose signature was accepted. */
    algorithms: listed.describe('Algorithms of the loaded IdP keys whose signature was accepted.'),
    /** typ header values accepted, of at+jwt, application/at+jwt, JWT and none (no typ member). */
    typ: listed.describe('typ values accepted; "none" is no typ member.'),
    /** Whether the IdP's introspection endpoint was called while the measurement probes were answered. */
    introspection: z.boolean().nullable(),
    /** How each value was measured, or why it was not. */
    how: z.strictObject({
      expLeeway: z.string(),
      nbfLeeway: z.string(),
      iatLeeway: z.string(),
      maxLifetime: z.string(),
      algorithms: z.string(),
      typ: z.string(),
      introspection: z.string(),
    } satisfies Record<ObservedKey, z.ZodString>),
    /** The values that are null because even the end of the search was accepted: no limit found within it. */
    unbounded: z.array(z.enum(OBSERVED_KEYS)).describe('Values null because even the end of the search was accepted: no limit found.'),
    /** The endpoint the probes were sent to. */
    endpoint: z.string().describe('The endpoint the probes were sent to.'),
    /** Requests sent for the measurement. */
    probes: z.number().int().min(0),
  })
  .describe(
    'What the API was measured to enforce (harness/policy/measure.ts): seconds, lists, a boolean, null where not measurable; `how` says for each how it was measured. Absent when nothing was measured.',
  );

export type ObservedPolicy = z.infer<typeof observedPolicySchema>;

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

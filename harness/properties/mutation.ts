/**
 * The language of a property case: a list of mutations of the baseline token (or of how it is carried),
 * as plain JSON. A case is data, not a token: fast-check generates and shrinks it, the report stores it
 * as the counterexample, and replay mints it again relative to the clock of the moment.
 * Each mutation touches one slot (a claim, a header member, the transport); a case touches a slot once.
 */

/** A time claim moved relative to an anchor, whole seconds. */
export interface TimeShift {
  kind: 'time';
  claim: 'exp' | 'nbf' | 'iat';
  /**
   * `now`: the mint-time clock. `leeway`: the declared boundary (exp: now − leeway; nbf, iat: now + leeway).
   * `max-lifetime`: the lifetime boundary against the baseline (exp: now + maxLifetime; iat: baseline exp − maxLifetime).
   */
  from: 'now' | 'leeway' | 'max-lifetime';
  offset: number;
}

export const DATE_CLAIMS = ['exp', 'nbf', 'iat'] as const;
export const STRING_CLAIMS = ['iss', 'aud', 'sub', 'client_id', 'jti', 'scope'] as const;
export type DateClaim = (typeof DATE_CLAIMS)[number];
export type StringClaim = (typeof STRING_CLAIMS)[number];

/** Shapes of a NumericDate claim: presence and JSON type. @see RFC 7519 §2 */
export const DATE_SHAPES = [
  'numeric-string',
  'iso-string',
  'float',
  'huge',
  'negative',
  'null',
  'array',
  'boolean',
  'object',
  'absent',
] as const;
/** Shapes of a string claim: presence, JSON type and look-alike spellings. */
export const STRING_SHAPES = ['absent', 'null', 'number', 'array', 'object', 'empty', 'case', 'padded'] as const;
export type DateShape = (typeof DATE_SHAPES)[number];
export type StringShape = (typeof STRING_SHAPES)[number];

/** One claim present in another JSON type or spelling, or absent. */
export type ClaimShape = { kind: 'claim'; claim: DateClaim; shape: DateShape } | { kind: 'claim'; claim: StringClaim; shape: StringShape };

export const ALG_VARIANTS = ['lowercase', 'none', 'hs256', 'unknown', 'mismatch', 'null', 'number', 'absent'] as const;
export const KID_VARIANTS = ['absent', 'unknown', 'case', 'other-key', 'padded', 'empty', 'null', 'number'] as const;
export const TYP_VARIANTS = [
  'upper',
  'mixed',
  'long',
  'long-upper',
  'JWT',
  'jwt',
  'rt+jwt',
  'application/jwt',
  'padded',
  'empty',
  'absent',
  'null',
  'number',
] as const;

/**
 * A JOSE header member changed. alg also has `key:<ALG>`: signed properly by the IdP's key for that
 * algorithm (alg and kid consistent), to test the API's algorithm allowlist.
 */
export type HeaderVariant =
  | { kind: 'header'; member: 'alg'; variant: (typeof ALG_VARIANTS)[number] | `key:${string}` }
  | { kind: 'header'; member: 'kid'; variant: (typeof KID_VARIANTS)[number] }
  | { kind: 'header'; member: 'typ'; variant: (typeof TYP_VARIANTS)[number] };

export const AUDIENCE_SHAPES = [
  'array-self',
  'array-self-other',
  'array-other-self',
  'array-dup',
  'array-empty',
  'array-other',
  'other',
  'trailing-slash',
  'case',
  'prefix',
  'space-joined',
  'nested',
  'absent',
] as const;

/** aud as a string or array in one of the shapes APIs get wrong. @see RFC 7519 §4.1.3 */
export interface AudienceShape {
  kind: 'audience';
  shape: (typeof AUDIENCE_SHAPES)[number];
}

export const SCOPE_FORMS = ['exact', 'prefix', 'superstring', 'upper', 'lower'] as const;

/** The scope claim as a space-separated list of (spellings of) scopes, in this order, repeats kept. */
export interface ScopeString {
  kind: 'scope';
  parts: Array<{ scope: string; form: (typeof SCOPE_FORMS)[number] }>;
}

export const LINE_BREAKS = ['\n', '\r\n', '\r\n ', '\r'] as const;

/**
 * How the Authorization header carries the token: `${lead}${scheme}${gap}${token}${trail}`, with a line
 * break `at` a percentage of the token's length. scheme '' sends the bare token.
 */
export interface Transport {
  kind: 'transport';
  scheme: string;
  gap: string;
  lead: string;
  trail: string;
  lineBreak: { seq: (typeof LINE_BREAKS)[number]; at: number } | null;
}

export type Mutation = TimeShift | ClaimShape | HeaderVariant | AudienceShape | ScopeString | Transport;

/** The part of the request a mutation changes; a case changes each slot at most once. */
export function slot(m: Mutation): string {
  switch (m.kind) {
    case 'time':
    case 'claim':
      return `claim:${m.claim}`;
    case 'audience':
      return 'claim:aud';
    case 'scope':
      return 'claim:scope';
    case 'header':
      return `header:${m.member}`;
    case 'transport':
      return 'transport';
  }
}

/** A case as one line for logs and failure sentences. */
export function describeCase(mutations: readonly Mutation[]): string {
  if (mutations.length === 0) return 'the baseline';
  return mutations.map(describeMutation).join(' + ');
}

export function describeMutation(m: Mutation): string {
  switch (m.kind) {
    case 'time': {
      const anchor =
        m.from === 'now'
          ? 'now'
          : m.from === 'leeway'
            ? m.claim === 'exp'
              ? 'now − leeway'
              : 'now + leeway'
            : m.claim === 'exp'
              ? 'iat + maxLifetime'
              : 'exp − maxLifetime';
      return `${m.claim} = ${anchor} ${m.offset < 0 ? '−' : '+'} ${Math.abs(m.offset)} s`;
    }
    case 'claim':
      return `${m.claim} ${m.shape}`;
    case 'header':
      return `${m.member} ${m.variant}`;
    case 'audience':
      return `aud ${m.shape}`;
    case 'scope':
      return `scope "${m.parts.map((p) => (p.form === 'exact' ? p.scope : `${p.form}(${p.scope})`)).join(' ')}"`;
    case 'transport':
      return `Authorization ${JSON.stringify(`${m.lead}${m.scheme}${m.scheme ? m.gap : ''}<token>${m.trail}`)}${m.lineBreak ? ` with ${JSON.stringify(m.lineBreak.seq)} at ${m.lineBreak.at}%` : ''}`;
  }
}

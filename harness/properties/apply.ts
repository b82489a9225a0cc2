/**
 * From a case (mutations) to a request: the baseline for the endpoint, minted at `now` (the clock
 * reading every time mutation is relative to), with each mutation applied, and the facts the oracle
 * judges (decoded header and claims as sent, the key that really signed, how it was carried).
 */
import type { KeySet } from '../../mocks/idp/keys.ts';
import type { ForgedToken, Forgery, Minter, SignWith } from '../../mocks/idp/mint.ts';
import type { ProbeSpec } from '../core/probe-spec.ts';
import { authenticationOf, type Endpoint } from '../core/endpoint.ts';
import type { ClaimShape, HeaderVariant, AudienceShape, Mutation, ScopeString, TimeShift, Transport } from './mutation.ts';
import type { Policy, TokenFacts } from './oracle.ts';
import { LEEWAY_CEILING } from '../policy/declared.ts';

export const OTHER_AUDIENCE = 'https://another-api.gauntlet.test';
const UNKNOWN_KID = 'gauntlet-unknown-kid';

export interface MintContext {
  /** The clock reading the case is minted at, seconds. */
  now: number;
  policy: Policy;
  minter: Minter;
  keys: KeySet;
  endpoint: Endpoint;
}

export interface MintedCase {
  token: ForgedToken;
  facts: TokenFacts;
  spec: ProbeSpec;
}

function otherCase(s: string): string {
  const up = s.toUpperCase();
  return up !== s ? up : s.toLowerCase();
}

function mixedCase(s: string): string {
  return [...s].map((ch, i) => (i % 2 ? ch.toUpperCase() : ch.toLowerCase())).join('');
}

function swapCase(s: string): string {
  return [...s].map((ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join('');
}

function timeValue(m: TimeShift, ctx: MintContext, lifetime: number): number {
  const { now, policy } = ctx;
  // Undeclared, the boundaries a case is drawn around are the ceiling and the baseline's lifetime.
  const leeway = policy.leeway ?? LEEWAY_CEILING;
  const maxLifetime = policy.maxLifetime ?? policy.lifetime;
  const anchor =
    m.from === 'now'
      ? now
      : m.from === 'leeway'
        ? m.claim === 'exp'
          ? now - leeway
          : now + leeway
        : m.claim === 'exp'
          ? now + maxLifetime
          : now + lifetime - maxLifetime;
  return anchor + m.offset;
}

function dateShape(shape: ClaimShape['shape'], v: number): unknown {
  switch (shape) {
    case 'numeric-string':
      return String(v);
    case 'iso-string':
      return new Date(v * 1000).toISOString();
    case 'float':
      return v + 0.5;
    case 'huge':
      return 1e20;
    case 'negative':
      return -1;
    case 'null':
      return null;
    case 'array':
      return [v];
    case 'boolean':
      return true;
    case 'object':
      return { $numberLong: String(v) };
    default:
      return undefined;
  }
}

function stringShape(m: ClaimShape, s: unknown): unknown {
  const text = typeof s === 'string' ? s : '';
  switch (m.shape) {
    case 'null':
      return null;
    case 'number':
      return 42;
    case 'array':
      return m.claim === 'scope' ? text.split(' ').filter(Boolean) : [text];
    case 'object':
      return { value: text };
    case 'empty':
      return '';
    case 'case':
      return otherCase(text);
    case 'padded':
      return `${text} `;
    default:
      return undefined;
  }
}

function audience(m: AudienceShape, self: string): unknown {
  switch (m.shape) {
    case 'array-self':
      return [self];
    case 'array-self-other':
      return [self, OTHER_AUDIENCE];
    case 'array-other-self':
      return [OTHER_AUDIENCE, self];
    case 'array-dup':
      return [self, self];
    case 'array-empty':
      return [];
    case 'array-other':
      return [OTHER_AUDIENCE];
    case 'other':
      return OTHER_AUDIENCE;
    case 'trailing-slash':
      return self.endsWith('/') ? self.slice(0, -1) : `${self}/`;
    case 'case':
      return otherCase(self);
    case 'prefix':
      return self.slice(0, -1);
    case 'space-joined':
      return `${OTHER_AUDIENCE} ${self}`;
    case 'nested':
      return [[self]];
    case 'absent':
      return undefined;
  }
}

export function scopeText(m: ScopeString): string {
  return m.parts
    .map(({ scope, form }) => {
      switch (form) {
        case 'exact':
          return scope;
        case 'prefix':
          return scope.slice(0, Math.ceil(scope.length / 2));
        case 'superstring':
          return `${scope}:all`;
        case 'upper':
          return scope.toUpperCase();
        case 'lower':
          return scope.toLowerCase();
      }
    })
    .join(' ');
}

/** The key a case signs with, and the header it starts from. */
function signing(mutations: readonly Mutation[], ctx: MintContext): { signWith: SignWith; kid: string; alg: string } {
  const alg = mutations.find((m): m is Extract<HeaderVariant, { member: 'alg' }> => m.kind === 'header' && m.member === 'alg')?.variant;
  const active = ctx.keys.activeKey(ctx.minter.shape.alg);
  if (alg === 'none') return { signWith: { kind: 'none' }, kid: active.kid, alg: active.alg };
  if (alg === 'hs256') return { signWith: { kind: 'hmac', secret: 'public-key-pem' }, kid: active.kid, alg: active.alg };
  if (alg?.startsWith('key:')) {
    const other = ctx.keys.all().find((k) => k.alg === alg.slice(4) && k.published && k.purpose === 'signing');
    if (other) return { signWith: { kind: 'kid', kid: other.kid }, kid: other.kid, alg: other.alg };
  }
  return { signWith: { kind: 'active' }, kid: active.kid, alg: active.alg };
}

function algValue(variant: Extract<HeaderVariant, { member: 'alg' }>['variant'], key: { alg: string }): unknown {
  switch (variant) {
    case 'lowercase':
      return key.alg.toLowerCase();
    case 'none':
      return 'none';
    case 'hs256':
      return 'HS256';
    case 'unknown':
      return 'XS256';
    case 'mismatch':
      return ['RS256', 'PS256', 'ES256', 'EdDSA'].find((a) => a !== key.alg);
    case 'null':
      return null;
    case 'number':
      return 256;
    case 'absent':
      return undefined;
    default:
      return key.alg;
  }
}

function kidValue(variant: Extract<HeaderVariant, { member: 'kid' }>['variant'], key: { kid: string }, keys: KeySet): unknown {
  switch (variant) {
    case 'absent':
      return undefined;
    case 'unknown':
      return UNKNOWN_KID;
    case 'case':
      return swapCase(key.kid);
    case 'other-key':
      return keys.all().find((k) => k.published && k.kid !== key.kid)?.kid ?? UNKNOWN_KID;
    case 'padded':
      return `${key.kid} `;
    case 'empty':
      return '';
    case 'null':
      return null;
    case 'number':
      return 1;
  }
}

function typValue(variant: Extract<HeaderVariant, { member: 'typ' }>['variant'], typ: string): unknown {
  const short = typ.replace(/^application\//i, '');
  switch (variant) {
    case 'upper':
      return typ.toUpperCase();
    case 'mixed':
      return mixedCase(typ);
    case 'long':
      return `application/${short}`;
    case 'long-upper':
      return `Application/${short.toUpperCase()}`;
    case 'padded':
      return `${typ} `;
    case 'empty':
      return '';
    case 'absent':
      return undefined;
    case 'null':
      return null;
    case 'number':
      return 1;
    default:
      return variant;
  }
}

function headerValue(m: HeaderVariant, key: { kid: string; alg: string }, ctx: MintContext): unknown {
  if (m.member === 'alg') return algValue(m.variant, key);
  if (m.member === 'kid') return kidValue(m.variant, key, ctx.keys);
  return typValue(m.variant, ctx.minter.shape.typ);
}

/** The Authorization header value a transport mutation sends. */
export function authorizationValue(t: Transport, token: string): string {
  let body = token;
  if (t.lineBreak) {
    const at = Math.min(Math.max(Math.round((token.length * t.lineBreak.at) / 100), 1), token.length - 1);
    body = `${token.slice(0, at)}${t.lineBreak.seq}${token.slice(at)}`;
  }
  return `${t.lead}${t.scheme}${t.scheme ? t.gap : ''}${body}${t.trail}`;
}

/** Mint the case at ctx.now and say what was sent. */
export async function mintCase(mutations: readonly Mutation[], ctx: MintContext): Promise<MintedCase> {
  const { minter, endpoint, now } = ctx;
  const lifetime = minter.shape.lifetime;
  const key = signing(mutations, ctx);
  // exp and iat from ctx.now, not from the minter's own clock reading: the oracle must judge the same second.
  const auth = authenticationOf(endpoint);
  const base: Record<string, unknown> = {
    ...minter.baselineClaims(endpoint.scopes, auth),
    iat: now,
    exp: now + lifetime,
    ...(auth.maxAge !== undefined ? { auth_time: now } : {}),
  };
  const claims: Record<string, unknown> = { ...base };
  const header: Record<string, unknown> = {};
  let transport: Transport | undefined;
  for (const m of mutations) {
    switch (m.kind) {
      case 'time':
        claims[m.claim] = timeValue(m, ctx, lifetime);
        break;
      case 'claim':
        if (m.claim === 'exp' || m.claim === 'nbf' || m.claim === 'iat') {
          claims[m.claim] = dateShape(m.shape, m.claim === 'exp' ? now + lifetime : now);
        } else {
          claims[m.claim] = stringShape(m, base[m.claim]);
        }
        break;
      case 'audience':
        claims.aud = audience(m, ctx.policy.audience);
        break;
      case 'scope':
        claims.scope = scopeText(m);
        break;
      case 'header':
        header[m.member] = headerValue(m, key, ctx);
        break;
      case 'transport':
        transport = m;
        break;
    }
  }
  const changes = Object.fromEntries([...new Set([...Object.keys(base), ...Object.keys(claims)])].map((k) => [k, claims[k]]));
  const forgery: Forgery = { claims: changes, header, signWith: key.signWith };
  const token = await minter.forge(forgery, endpoint.scopes, auth);
  const signer = ['none', 'hmac', 'foreign'].includes(token.signedBy)
    ? null
    : { kid: token.signedBy, alg: ctx.keys.find(token.signedBy)?.alg ?? key.alg };
  const facts: TokenFacts = {
    header: token.header,
    claims: token.claims,
    signer,
    ...(transport
      ? {
          credential: {
            scheme: transport.scheme,
            gap: transport.gap,
            lead: transport.lead,
            trail: transport.trail,
            lineBreak: transport.lineBreak !== null,
          },
        }
      : {}),
  };
  const spec: ProbeSpec = transport
    ? { credential: { kind: 'authorization', value: authorizationValue(transport, token.token) } }
    : { credential: { kind: 'token', token } };
  return { token, facts, spec };
}

/** What the reference answers, by scenario: the base of the declarations of flaws that change how refusals look. */

/**
 * Every catalogue scenario a correct API answers with 401 invalid_token on at least one endpoint. Not
 * many-dots or oversized: Node's 16 KB header limit answers those with 431 before the API sees them.
 */
export const ANSWERED_INVALID_TOKEN = [
  'empty-token',
  'whitespace-altered',
  'malformed',
  'duplicate-claims',
  'leaky-error',
  'sig-tampered',
  'sig-stripped',
  'foreign-key',
  'unknown-kid',
  'missing-kid',
  'retired-key',
  'expired-cert',
  'jwk-embedded',
  'x5c-embedded',
  'jku-x5u',
  'kid-injection',
  'psychic-sig',
  'crit-unknown',
  'alg-none',
  'alg-confusion',
  'alg-not-allowed',
  'weak-hmac',
  'expired',
  'exp-boundary',
  'exp-missing',
  'exp-type',
  'nbf-future',
  'iat-future',
  'iat-missing',
  'too-broad',
  'wrong-issuer',
  'issuer-lookalike',
  'iss-missing',
  'issuer-key-binding',
  'issuer-discovery',
  'wrong-audience',
  'aud-missing',
  'sub-missing',
  'client-id-missing',
  'jti-missing',
  'unknown-client',
  'blocked-client',
  'client-mismatch',
  'subject-disabled',
  'feature-disabled',
  'grant-not-allowed',
  'typ-missing',
  'refresh-as-access',
  'id-token-as-access',
  'revoked',
] as const;

/** Scenarios answered without credentials (401, bare challenge), invalid_request (400) or insufficient_scope (403). */
export const ANSWERED_NO_CREDENTIALS = ['no-credentials', 'wrong-scheme'] as const;
export const ANSWERED_INVALID_REQUEST = ['multi-method'] as const;
export const ANSWERED_INSUFFICIENT_SCOPE = ['scope-missing', 'scope-empty', 'scope-tricks'] as const;
/** Refused with 503 because the IdP could not answer: no challenge is expected there. */
export const ANSWERED_UNAVAILABLE = ['introspection-down', 'jwks-down'] as const;

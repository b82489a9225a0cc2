/**
 * The built-in catalogue's scenario ids, as CATALOGUE.md lists them (every row of CATALOGUE.md outside the
 * Binding section, copied: the project never reads ../shared): `CatalogueId` is their union, checked
 * against the catalogue itself by scenarios/catalogue.test.ts. A user scenario adds its own id, so
 * `Scenario.id` stays a string and `ScenarioId` is a catalogue id or any other string (editors still
 * complete the catalogue's).
 */
export const CATALOGUE_IDS = ['no-credentials', 'wrong-scheme', 'scheme-case', 'empty-token', 'whitespace-altered', 'malformed', 'duplicate-claims', 'multi-method', 'query-token', 'custom-location', 'leaky-error', 'sig-tampered', 'sig-stripped', 'foreign-key', 'unknown-kid', 'missing-kid', 'rotated-key', 'retired-key', 'expired-cert', 'jwk-embedded', 'x5c-embedded', 'jku-x5u', 'kid-injection', 'psychic-sig', 'crit-unknown', 'alg-none', 'alg-confusion', 'alg-not-allowed', 'weak-hmac', 'expired', 'exp-boundary', 'exp-missing', 'exp-type', 'nbf-future', 'iat-future', 'too-broad', 'wrong-issuer', 'issuer-lookalike', 'wrong-audience', 'audience-array', 'unknown-client', 'blocked-client', 'client-mismatch', 'subject-disabled', 'feature-disabled', 'grant-not-allowed', 'iss-missing', 'issuer-key-binding', 'issuer-discovery', 'aud-missing', 'sub-missing', 'client-id-missing', 'iat-missing', 'jti-missing', 'typ-missing', 'typ-long-form', 'refresh-as-access', 'id-token-as-access', 'scope-missing', 'scope-empty', 'scope-tricks', 'revoked', 'introspection-down', 'jwks-down', 'many-dots', 'oversized', 'dpop-proof-missing', 'dpop-proof-malformed', 'dpop-proof-signature', 'dpop-proof-jwk', 'dpop-jti-missing', 'dpop-jti-replayed', 'dpop-htm-htu', 'dpop-htu-normalised', 'dpop-iat', 'dpop-ath', 'dpop-wrong-key', 'dpop-two-proofs', 'dpop-bearer-downgrade', 'dpop-unbound-token', 'dpop-nonce', 'resource-metadata', 'resource-metadata-challenge', 'audience-resource'] as const;

export type CatalogueId = (typeof CATALOGUE_IDS)[number];

/** `string & {}` keeps the catalogue's literal ids visible to completion beside any other string. */
export type ScenarioId = CatalogueId | (string & {});

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue.ts';
import { CATEGORIES } from './define.ts';

/** Every row of CATALOGUE.md outside the Binding section (copied here: tests never read ../shared). */
const CATALOGUE_IDS = ['no-credentials', 'wrong-scheme', 'scheme-case', 'empty-token', 'whitespace-altered', 'malformed', 'duplicate-claims', 'multi-method', 'query-token', 'custom-location', 'leaky-error', 'sig-tampered', 'sig-stripped', 'foreign-key', 'unknown-kid', 'missing-kid', 'rotated-key', 'retired-key', 'expired-cert', 'jwk-embedded', 'x5c-embedded', 'jku-x5u', 'kid-injection', 'psychic-sig', 'crit-unknown', 'alg-none', 'alg-confusion', 'alg-not-allowed', 'weak-hmac', 'expired', 'exp-boundary', 'exp-missing', 'exp-type', 'nbf-future', 'iat-future', 'too-broad', 'wrong-issuer', 'issuer-lookalike', 'wrong-audience', 'audience-array', 'unknown-client', 'blocked-client', 'client-mismatch', 'subject-disabled', 'feature-disabled', 'grant-not-allowed', 'iss-missing', 'issuer-key-binding', 'issuer-discovery', 'aud-missing', 'sub-missing', 'client-id-missing', 'iat-missing', 'jti-missing', 'typ-missing', 'typ-long-form', 'refresh-as-access', 'id-token-as-access', 'scope-missing', 'scope-empty', 'scope-tricks', 'revoked', 'introspection-down', 'jwks-down', 'many-dots', 'oversized'];

describe('the built-in catalogue', () => {
  it('holds exactly the catalogue ids, each once', () => {
    const ids = catalogue.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...CATALOGUE_IDS].sort());
  });

  it.each(catalogue.map((s) => [s.id, s] as const))('%s has refs, a resolution and lives in its category folder', (id, s) => {
    expect(CATEGORIES).toContain(s.category);
    expect(s.refs.length).toBeGreaterThan(0);
    expect(s.resolution).toMatch(/^[A-Z].{30,}[.)]$/);
    expect(s.title.length).toBeGreaterThan(5);
    expect(existsSync(fileURLToPath(new URL(`./${s.category}/${id}.ts`, import.meta.url)))).toBe(true);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue.ts';
import { readmeBlock, renderCatalogueModule, renderReadmeCatalogue, scenarioFiles } from './catalogue-source.ts';
import { CATEGORIES } from './define.ts';

/**
 * The rows of CATALOGUE.md outside the Binding section (copied here: tests never read ../shared): the
 * contract's lower bound. The catalogue itself is whatever the scenario files are.
 */
const CONTRACT_IDS = ['no-credentials', 'wrong-scheme', 'scheme-case', 'empty-token', 'whitespace-altered', 'malformed', 'duplicate-claims', 'multi-method', 'query-token', 'custom-location', 'leaky-error', 'sig-tampered', 'sig-stripped', 'foreign-key', 'unknown-kid', 'missing-kid', 'rotated-key', 'retired-key', 'expired-cert', 'jwk-embedded', 'jku-x5u', 'kid-injection', 'psychic-sig', 'crit-unknown', 'alg-none', 'alg-confusion', 'alg-not-allowed', 'weak-hmac', 'expired', 'exp-boundary', 'exp-missing', 'exp-type', 'nbf-future', 'iat-future', 'too-broad', 'wrong-issuer', 'issuer-lookalike', 'wrong-audience', 'audience-array', 'unknown-client', 'blocked-client', 'client-mismatch', 'subject-disabled', 'feature-disabled', 'grant-not-allowed', 'iss-missing', 'aud-missing', 'sub-missing', 'client-id-missing', 'iat-missing', 'jti-missing', 'typ-missing', 'typ-long-form', 'refresh-as-access', 'id-token-as-access', 'scope-missing', 'scope-empty', 'scope-tricks', 'revoked', 'introspection-down', 'jwks-down', 'many-dots', 'oversized'];

describe('the built-in catalogue', () => {
  it('is generated from the scenario files: catalogue.generated.ts is what `npm run catalogue` writes', async () => {
    const file = readFileSync(new URL('./catalogue.generated.ts', import.meta.url), 'utf8');
    expect(file, 'scenarios/catalogue.generated.ts is stale: run npm run catalogue').toBe(renderCatalogueModule(await scenarioFiles()));
  });

  it('is shown in the README as generated from the same files', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readmeBlock(readme), 'the README catalogue table is stale: run npm run catalogue').toBe(renderReadmeCatalogue(catalogue));
  });

  it('lists categories in their order, each scenario once, and every id of the contract', () => {
    const ids = catalogue.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const ranks = catalogue.map((s) => CATEGORIES.indexOf(s.category));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(CONTRACT_IDS.filter((id) => !ids.includes(id))).toEqual([]);
  });

  it.each(catalogue.map((s) => [s.id, s] as const))('%s has refs, a resolution and lives in its category folder', (id, s) => {
    expect(CATEGORIES).toContain(s.category);
    expect(s.refs.length).toBeGreaterThan(0);
    expect(s.resolution).toMatch(/^[A-Z].{30,}[.)]$/);
    expect(s.title.length).toBeGreaterThan(5);
    expect(existsSync(fileURLToPath(new URL(s.runsLast ? `./${id}.ts` : `./${s.category}/${id}.ts`, import.meta.url)))).toBe(true);
  });
});

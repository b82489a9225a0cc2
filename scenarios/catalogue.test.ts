import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue.ts';
import { readmeBlock, renderCatalogueModule, renderReadmeCatalogue, scenarioFiles } from './catalogue-source.ts';
import { CATALOGUE_IDS } from './ids.ts';
import { CATEGORIES } from '../harness/core/category.ts';

/** The Binding section's scenarios, which CATALOGUE.md leaves to the issue that builds them (RFC 9449 DPoP). */

/** The RFC 9728 / RFC 8707 scenarios, for APIs that declare a resource identifier. */

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
    const ranks = catalogue.filter((s) => !s.runsLast).map((s) => CATEGORIES.indexOf(s.category));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(CATALOGUE_IDS.filter((id) => !ids.includes(id))).toEqual([]);
  });

  it.each(catalogue.map((s) => [s.id, s] as const))('%s has refs, a resolution and lives in its category folder', (id, s) => {
    expect(CATEGORIES).toContain(s.category);
    expect(s.refs.length).toBeGreaterThan(0);
    expect(s.resolution).toMatch(/^[A-Z].{30,}[.)]$/);
    expect(s.title.length).toBeGreaterThan(5);
    expect(existsSync(fileURLToPath(new URL(s.runsLast ? `./${id}.ts` : `./${s.category}/${id}.ts`, import.meta.url)))).toBe(true);
  });
});

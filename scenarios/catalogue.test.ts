import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue.ts';
import { CATALOGUE_IDS } from './ids.ts';
import { CATEGORIES } from '../harness/core/category.ts';

/** The Binding section's scenarios, which CATALOGUE.md leaves to the issue that builds them (RFC 9449 DPoP). */

/** The RFC 9728 / RFC 8707 scenarios, for APIs that declare a resource identifier. */

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

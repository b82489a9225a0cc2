import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue.ts';

const text = readFileSync(new URL('./ADVISORIES.md', import.meta.url), 'utf8');
const ids = new Set(catalogue.map((s) => s.id));
/** The advisory rows: `| CVE-… | library | versions | class | caught by |`. */
const rows = text.split('\n').filter((l) => /^\| (CVE|GHSA)-/.test(l));

describe('scenarios/ADVISORIES.md', () => {
  it('lists at least 30 published advisories, each once', () => {
    const advisories = rows.map((r) => r.split('|')[1]!.trim());
    expect(advisories.length).toBeGreaterThanOrEqual(30);
    expect(new Set(advisories).size).toBe(advisories.length);
  });

  it('names only scenarios of the catalogue, and a scenario or a reason on every row', () => {
    const named = [...text.matchAll(/`([a-z0-9]+(?:-[a-z0-9]+)+)`/g)].map((m) => m[1]!).filter((id) => !/^(get|default|allowed)/.test(id));
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
    for (const row of rows) expect(row.split('|')[5]!.trim(), row).toMatch(/`[a-z-]+`|^none/);
  });
});

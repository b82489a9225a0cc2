import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acceptEverything, flawedTargets, rejectEverything } from './index.ts';
import { README_END, README_START, renderMatrix, renderReadmeMatrix } from './matrix-table.ts';

describe('MATRIX.md', () => {
  it('is what the registry renders, so its ids and severities are the ones the matrix test observes', () => {
    const file = readFileSync(new URL('./MATRIX.md', import.meta.url), 'utf8');
    expect(file, 'MATRIX.md is stale: run node --import tsx mocks/targets/flawed/write-matrix.ts').toBe(
      renderMatrix(flawedTargets, { accept: acceptEverything, reject: rejectEverything }),
    );
  });

  it('is shown in the README as the same rows, flaw, catching scenarios and severity', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const block = readme.slice(readme.indexOf(README_START), readme.indexOf(README_END) + README_END.length);
    expect(block, 'the README matrix is stale: run node --import tsx mocks/targets/flawed/write-matrix.ts').toBe(
      renderReadmeMatrix(flawedTargets),
    );
  });

  it('has one row per flawed target naming each scenario that catches it', () => {
    const rows = renderMatrix(flawedTargets, { accept: acceptEverything, reject: rejectEverything })
      .split('\n')
      .filter((l) => /^\| `[a-z0-9-]+` \|/.test(l));
    expect(rows).toHaveLength(flawedTargets.length);
    for (const [i, target] of flawedTargets.entries()) {
      for (const id of target.catches) expect(rows[i]).toContain(`\`${id}\``);
    }
  });
});

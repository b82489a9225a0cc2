import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acceptEverything, flawedTargets, rejectEverything } from './index.ts';
import { renderMatrix } from './matrix-table.ts';

describe('MATRIX.md', () => {
  it('is what the registry renders, so its ids and severities are the ones the matrix test observes', () => {
    const file = readFileSync(new URL('./MATRIX.md', import.meta.url), 'utf8');
    expect(file, 'MATRIX.md is stale: run node --import tsx mocks/targets/flawed/write-matrix.ts').toBe(
      renderMatrix(flawedTargets, { accept: acceptEverything, reject: rejectEverything }),
    );
  });

  it('has one row per flawed target naming each scenario that catches it', () => {
    const rows = renderMatrix(flawedTargets, { accept: acceptEverything, reject: rejectEverything })
      .split('\n')
      .filter((l) => /^\| `[a-z-]+` \|/.test(l));
    expect(rows).toHaveLength(flawedTargets.length);
    for (const [i, target] of flawedTargets.entries()) {
      for (const id of target.catches) expect(rows[i]).toContain(`\`${id}\``);
    }
  });
});

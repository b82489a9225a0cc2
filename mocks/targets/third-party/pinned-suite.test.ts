import { describe, expect, it } from 'vitest';
import type { Report } from '../../../harness/report.ts';
import { outlasted, pin, pinnedLines } from './pinned-suite.ts';

const lasting = (ms: number): Report => ({ startedAt: new Date(0).toISOString(), finishedAt: new Date(ms).toISOString() }) as Report;
const COOLDOWN = { what: 'the cooldown', ms: 30_000, ids: ['rotated-key', 'retired-key'] };

describe('pinned suites', () => {
  it('stand for one finding line per scenario and endpoint, on both endpoints unless named', () => {
    expect(
      pinnedLines([pin('fail major, 500, none', 'why', ['a', 'b']), pin('fail minor, 403, none', 'why', ['c'], ['GET /admin'])]),
    ).toEqual([
      'a GET /orders: fail major, 500, none',
      'a GET /admin: fail major, 500, none',
      'b GET /orders: fail major, 500, none',
      'b GET /admin: fail major, 500, none',
      'c GET /admin: fail minor, 403, none',
    ]);
  });

  it('name the timers a run outlasted, and nothing for a run that ended within them', () => {
    expect(outlasted(lasting(29_999), [COOLDOWN])).toBe('');
    expect(outlasted(lasting(31_000), [COOLDOWN])).toBe(
      'the run took 31 s, past the cooldown (30 s), which rotated-key, retired-key rest on',
    );
    expect(outlasted(lasting(31_000))).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { createProgress, type ProgressStream } from './progress.ts';

function stream(isTTY: boolean): ProgressStream & { text: string } {
  const s = { isTTY, columns: 100, text: '', write: (t: string) => (s.text += t) };
  return s;
}

describe('property progress', () => {
  it('draws a bar in place on a terminal, at most every redraw interval, and clears it at the end', () => {
    let now = 0;
    const out = stream(true);
    const p = createProgress({ stream: out, now: () => now, redrawMs: 100 });
    p.start(200, 4);
    p.tick(50);
    now = 150;
    p.tick(50);
    expect(out.text).toContain('\r');
    expect(out.text).toContain('100/200 cases (50%)');
    expect(out.text).not.toContain('50/200 cases');
    expect(out.text).not.toContain('\n');
    p.done();
    expect(out.text.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('writes one plain line every few seconds in CI, and nothing for a run shorter than that', () => {
    let now = 0;
    const quick = stream(false);
    const q = createProgress({ stream: quick, now: () => now, intervalMs: 5000 });
    q.start(10, 1);
    q.tick(10);
    q.finished();
    q.done();
    expect(quick.text).toBe('');

    const slow = stream(false);
    const s = createProgress({ stream: slow, now: () => now, intervalMs: 5000 });
    s.start(1000, 2);
    now = 4000;
    s.tick(300);
    now = 5200;
    s.tick(300);
    now = 7000;
    s.tick(100);
    now = 10_400;
    s.finished();
    now = 11_000;
    s.tick(300);
    s.finished();
    s.done();
    expect(slow.text.split('\n').filter(Boolean)).toEqual([
      'properties: 600/1000 cases (60%), 0/2 properties done, 5.2 s',
      'properties: 700/1000 cases (70%), 1/2 properties done, 10.4 s',
      'properties: 1000/1000 cases (100%), 2/2 properties done, 11.0 s',
    ]);
    expect(slow.text).not.toContain('\r');
  });
});

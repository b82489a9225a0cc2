import { describe, expect, it } from 'vitest';
import type { FlawedTargetSpec } from '../mocks/targets/flawed/define.ts';
import { referenceTarget, runFlawed } from '../mocks/targets/flawed/run-flawed.ts';
import { renderMarkdown } from './markdown.ts';
import { complianceByStandard } from './text.ts';
import { assertReport } from './validate.ts';

/** The reference API (no flaw) in the given mode: its report, checked against report.v1.json, its compliance by standard id and its markdown's last line. */
async function referenceRun(mode: Partial<FlawedTargetSpec>, label: string) {
  const report = await runFlawed(referenceTarget(mode));
  expect(() => assertReport(JSON.parse(JSON.stringify(report)), label)).not.toThrow();
  const by = Object.fromEntries(complianceByStandard(report).map((c) => [c.id, c]));
  return { by, lastLine: renderMarkdown(report).trimEnd().split('\n').at(-1) };
}

describe('the report of a DPoP run with RFC 9728 metadata and a step-up endpoint', () => {
  it('matches report.v1.json, and its compliance summary has RFC 9449, RFC 9728 and RFC 9470 rows, all passed', async () => {
    const { by, lastLine } = await referenceRun({ introspects: true, dpop: true, resource: true, stepUp: true }, 'the DPoP run');
    expect(by.rfc9449!.total).toBeGreaterThanOrEqual(2 * 14);
    expect(by.rfc9449!.passed).toBe(by.rfc9449!.total);
    expect(by.rfc9728!.total).toBe(2 * 2);
    expect(by.rfc9728!.passed).toBe(4);
    // The three step-up scenarios on the endpoint that asks for step-up; on the other one they are not applicable.
    expect(by.rfc9470).toMatchObject({ passed: 3, total: 3, skipped: 3 });
    expect(lastLine).toMatch(
      /✅ RFC 9449 \(DPoP\): \d+\/\d+ · ✅ RFC 9728 \(protected resource metadata\): 4\/4 · ✅ RFC 9470 \(step-up authentication\): 3\/3/,
    );
  }, 120_000);
});

describe('the report of an mTLS run (certificate-bound tokens over HTTPS)', () => {
  it('matches report.v1.json, and its compliance summary has an RFC 8705 row, all passed', async () => {
    const { by, lastLine } = await referenceRun({ introspects: true, mtls: true }, 'the mTLS run');
    // The four mtls-* scenarios on two endpoints; no DPoP row on an mTLS run.
    expect(by.rfc8705).toMatchObject({ passed: 8, total: 8, skipped: 0 });
    expect(by.rfc9449).toMatchObject({ total: 0 });
    expect(lastLine).toMatch(/✅ RFC 8705 \(mTLS certificate-bound tokens\): 8\/8/);
  }, 120_000);
});

describe('the report of an opaque-token run (RFC 9701 JWT answers)', () => {
  it('matches report.v1.json, and its RFC 7662 row counts the introspection scenarios, all passed', async () => {
    const { by, lastLine } = await referenceRun({ opaque: 'jwt' }, 'the opaque run');
    // revoked, introspection-down, -garbage, opaque-unknown and the three JWT-answer scenarios, on both endpoints.
    expect(by.rfc7662!.total).toBe(2 * 7);
    expect(by.rfc7662!.passed).toBe(by.rfc7662!.total);
    // The JWT-only standards are skipped rows here, not failures.
    expect(by.rfc8725!.skipped).toBeGreaterThan(0);
    expect(lastLine).toMatch(/✅ RFC 7662 \(token introspection, with RFC 9701 JWT answers\): 14\/14/);
  }, 120_000);
});

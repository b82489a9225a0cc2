import { describe, expect, it } from 'vitest';
import { defineFlawedTarget } from '../mocks/targets/flawed/define.ts';
import { runFlawed } from '../mocks/targets/flawed/run-flawed.ts';
import { renderMarkdown } from './markdown.ts';
import { complianceByStandard } from './text.ts';
import { assertReport } from './validate.ts';

describe('the report of a DPoP run with RFC 9728 metadata', () => {
  it('matches report.v1.json, and its compliance summary has RFC 9449 and RFC 9728 rows, all passed', async () => {
    const target = defineFlawedTarget({
      name: 'reference',
      flaw: 'none',
      basedOn: 'mocks/targets/reference',
      catches: [],
      severity: 'minor',
      introspects: true,
      dpop: true,
      resource: true,
    });
    const report = await runFlawed(target);
    expect(() => assertReport(JSON.parse(JSON.stringify(report)), 'the DPoP run')).not.toThrow();
    const by = Object.fromEntries(complianceByStandard(report).map((c) => [c.id, c]));
    expect(by.rfc9449!.total).toBeGreaterThanOrEqual(2 * 14);
    expect(by.rfc9449!.passed).toBe(by.rfc9449!.total);
    expect(by.rfc9728!.total).toBe(2 * 2);
    expect(by.rfc9728!.passed).toBe(4);
    expect(renderMarkdown(report).trimEnd().split('\n').at(-1)).toMatch(
      /✅ RFC 9449 \(DPoP\): \d+\/\d+ · ✅ RFC 9728 \(protected resource metadata\): 4\/4/,
    );
  }, 120_000);
});

describe('the report of an opaque-token run (RFC 9701 JWT answers)', () => {
  it('matches report.v1.json, and its RFC 7662 row counts the introspection scenarios, all passed', async () => {
    const target = defineFlawedTarget({
      name: 'reference',
      flaw: 'none',
      basedOn: 'mocks/targets/reference',
      catches: [],
      severity: 'minor',
      opaque: 'jwt',
    });
    const report = await runFlawed(target);
    expect(() => assertReport(JSON.parse(JSON.stringify(report)), 'the opaque run')).not.toThrow();
    const by = Object.fromEntries(complianceByStandard(report).map((c) => [c.id, c]));
    // revoked, introspection-down, -garbage, opaque-unknown and the three JWT-answer scenarios, on both endpoints.
    expect(by.rfc7662!.total).toBe(2 * 7);
    expect(by.rfc7662!.passed).toBe(by.rfc7662!.total);
    // The JWT-only standards are skipped rows here, not failures.
    expect(by.rfc8725!.skipped).toBeGreaterThan(0);
    expect(renderMarkdown(report).trimEnd().split('\n').at(-1)).toMatch(
      /✅ RFC 7662 \(token introspection, with RFC 9701 JWT answers\): 14\/14/,
    );
  }, 120_000);
});

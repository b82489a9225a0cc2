import { describe, expect, it } from 'vitest';
import { fixtureReport, NASTY, passingReport } from './fixtures.ts';
import { renderHtml } from './html.ts';
import { cell, renderMarkdown } from './markdown.ts';

/** Cells of a GFM table row: split on pipes that are not backslash-escaped. */
function cells(line: string): string[] {
  return line.split(/(?<!\\)\|/).slice(1, -1);
}

describe('summary.md', () => {
  const report = fixtureReport();
  const md = renderMarkdown(report);
  const lines = md.split('\n');

  it('starts with the verdict: how many checks failed, by severity, against which target', () => {
    expect(lines[0]).toBe(
      '❌ token-gauntlet: 4 of 13 checks failed (2 critical, 1 major, 1 minor), 1 errored against http://orders.internal:8080',
    );
  });

  it('says so in one line when every check passed', () => {
    expect(renderMarkdown(passingReport()).split('\n')[0]).toBe(
      '✅ token-gauntlet: all 5 checks passed against http://orders.internal:8080',
    );
  });

  it('says why a run stopped early, in the headline', () => {
    const stop = {
      cause: 'target-lost' as const,
      message: 'the target went away mid-run: cannot reach the target at http://127.0.0.1:9 (ECONNREFUSED)',
    };
    expect(renderMarkdown(fixtureReport({ partial: true, stop })).split('\n')[0]).toMatch(
      /^⏸️ token-gauntlet: stopped early \(the target went away mid-run: cannot reach/,
    );
    const page = renderHtml(fixtureReport({ partial: true, stop }));
    expect(page).toContain('Stopped early: ');
    expect(page).toContain('the target went away mid-run');
  });

  it('says an interrupted run was interrupted', () => {
    expect(renderMarkdown(fixtureReport({ partial: true })).split('\n')[0]).toMatch(
      /^⏸️ token-gauntlet: interrupted after 13 checks, 5 failed/,
    );
  });

  it('gives the counts by verdict and by severity', () => {
    expect(md).toContain('**5** passed · **4** failed · **3** skipped · **1** errored — critical **2** · major **1** · minor **1**');
  });

  it('has one table row per failure and error, most severe first, and none for passed or skipped checks', () => {
    const header = lines.findIndex((l) => l.startsWith('| Scenario |'));
    expect(cells(lines[header]!).map((c) => c.trim())).toEqual(['Scenario', 'Endpoint', 'Severity', 'What happened', 'Refs', 'Fix']);
    const rows = lines.slice(header + 2, lines.indexOf('', header));
    expect(rows.map((r) => /<code>([^<]+)<\/code>/.exec(r)![1])).toEqual(['expired', 'sig-tampered', 'wrong-audience', 'revoked']);
    expect(rows.map((r) => cells(r)[2]!.trim())).toEqual(['🔴 critical', '🟠 major', '🟡 minor', '⚠️ error']);
    expect(md).not.toContain('no-credentials');
    expect(rows.join('\n')).not.toContain('insufficient-scope');
    expect(rows[0]).toContain('RFC 7519 §4.1.4<br>RFC 9068 §4<br>login audit trail');
    expect(rows[0]).toContain('Check \\`exp\\` on every request');
  });

  it('keeps every table row at its cell count (six, four in the policy table) whatever pipes, line breaks and markup the target sent', () => {
    const policyStart = lines.findIndex((l) => l.startsWith('| | Declared |'));
    const policyEnd = lines.indexOf('', policyStart);
    const inPolicy = (i: number): boolean => i >= policyStart && i < policyEnd;
    const tableLines = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.startsWith('|'));
    expect(tableLines.filter(({ i }) => !inPolicy(i)).length).toBeGreaterThan(6);
    expect(tableLines.filter(({ i }) => inPolicy(i))).toHaveLength(9);
    for (const { l, i } of tableLines) expect(cells(l), l).toHaveLength(inPolicy(i) ? 4 : 6);
    expect(md).not.toContain(NASTY.xss);
    expect(md).not.toContain('<script');
    expect(md).not.toContain('\u0001');
    expect(md).toContain('pipe \\| back\\\\slash line<br>break naïve Ünïcødé 🔑 ctrl\uFFFDend');
  });

  it('shows the observed policy beside the declared one, flagging what contradicts the declaration', () => {
    const header = lines.findIndex((l) => l.startsWith('| | Declared | Observed |'));
    expect(lines[header - 2]).toBe(
      '**Observed policy** <sub>measured on GET /orders with 62 probes; ⚠️ the API does not do what it declares</sub>',
    );
    const rows = lines.slice(header + 2, header + 9).map((l) => cells(l).map((c) => c.trim()));
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['exp leeway', '30 s', '⚠️ 60 s'],
      ['nbf tolerance', '30 s', '⚠️ 60 s'],
      ['iat tolerance', '30 s', '⚠️ no limit found'],
      ['longest lifetime', '7200 s (2 h)', '7200 s (2 h)'],
      ['algorithms', 'not declared (baseline RS256)', 'RS256, ES256'],
      ['typ values', 'baseline at+jwt', 'at+jwt, application/at+jwt'],
      ['introspection', 'none (stateless)', 'no'],
    ]);
    expect(rows[0]![3]).toBe('exp = now − d: accepted at d = 59 s, refused from d = 60 s (binary search over d = −1…600 s, 12 probes)');
    expect(rows[2]![3]).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('lists every skipped or not-applicable check with its reason', () => {
    const start = lines.indexOf('**Skipped or not applicable** (3)');
    expect(lines.slice(start + 2, start + 5)).toEqual([
      '- <code>insufficient-scope</code> on <code>GET /orders</code>: the endpoint requires no scope, so no token can lack one',
      '- <code>introspection-down</code> on <code>GET /orders</code>: not applicable: declared stateless (--revocation none): a revoked token stays valid until exp; observed maximum lifetime 7200 s (2 h)',
      '- <code>jwks-down</code> on <code>GET /admin</code>: excluded by --skip',
    ]);
  });

  it('escapes one cell: pipes, line breaks, HTML and markdown emphasis', () => {
    expect(cell('a | b\nc <b>d</b> *e* _f_ [g](h) `i`')).toBe('a \\| b<br>c &lt;b&gt;d&lt;/b&gt; \\*e\\* \\_f\\_ \\[g\\](h) \\`i\\`');
  });

  it('shows a failed property with its severity, the shrunk case, its seed and replay path', () => {
    const row = lines.find((l) => l.startsWith('| <code>combined</code>'))!;
    expect(cells(row).map((c) => c.trim())).toEqual([
      '<code>combined</code>',
      '<code>GET /admin</code>',
      '🔴 critical',
      'the API accepted a token it must reject: expected 401 invalid\\_token, got 200 &lt;/script&gt;&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;',
      'seed 424242, path <code>17:3:0:1</code>',
      '<code>exp = now − leeway − 1 s + typ JWT</code>',
    ]);
    expect(md).not.toContain('<code>time</code>');
  });

  it('gives each distinct failure of a property its own row, worst first, with its own path', () => {
    const rows = lines.filter((l) => l.startsWith('| <code>combined</code>')).map((r) => cells(r).map((c) => c.trim()));
    expect(rows.map((r) => [r[2], r[4], r[5]])).toEqual([
      ['🔴 critical', 'seed 424242, path <code>17:3:0:1</code>', '<code>exp = now − leeway − 1 s + typ JWT</code>'],
      ['🟠 major', 'seed 424242, path <code>42</code>', '<code>aud nested</code>'],
    ]);
    expect(rows[1]![3]).toBe('aud nested: expected invalid\\_token, got 500');
  });

  it('counts a property with a critical and a major failure once, as critical', () => {
    // Fixed rows: one critical, one major, one minor; the property adds one critical and no major.
    expect(report.summary.bySeverity).toEqual({ critical: 2, major: 1, minor: 1 });
  });

  it('ends with the compliance per standard', () => {
    expect(md.trimEnd().split('\n').at(-1)).toBe(
      '❌ RFC 6750 (Bearer token usage): 1/2 · ❌ RFC 9068 (JWT access tokens): 2/4 · ❌ RFC 8725 (JWT best practices): 2/3 · ❌ RFC 7519 (JWT): 2/4 · ❌ RFC 7662 (token introspection, with RFC 9701 JWT answers): 0/1 · ❌ Audit codes (login audit trail): 1/3',
    );
  });
});

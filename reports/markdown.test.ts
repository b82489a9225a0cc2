import { describe, expect, it } from 'vitest';
import { fixtureReport, NASTY, passingReport } from './fixtures.ts';
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
    expect(lines[0]).toBe('❌ token-gauntlet: 4 of 11 checks failed (2 critical, 1 major, 1 minor), 1 errored against http://orders.internal:8080');
  });

  it('says so in one line when every check passed', () => {
    expect(renderMarkdown(passingReport()).split('\n')[0]).toBe('✅ token-gauntlet: all 5 checks passed against http://orders.internal:8080');
  });

  it('says an interrupted run was interrupted', () => {
    expect(renderMarkdown(fixtureReport({ partial: true })).split('\n')[0]).toMatch(/^⏸️ token-gauntlet: interrupted after 11 checks, 5 failed/);
  });

  it('gives the counts by verdict and by severity', () => {
    expect(md).toContain('**5** passed · **4** failed · **1** skipped · **1** errored — critical **2** · major **1** · minor **1**');
  });

  it('has one table row per failure and error, most severe first, and none for passed or skipped checks', () => {
    const header = lines.findIndex((l) => l.startsWith('| Scenario |'));
    expect(cells(lines[header]!).map((c) => c.trim())).toEqual(['Scenario', 'Endpoint', 'Severity', 'What happened', 'Refs', 'Fix']);
    const rows = lines.slice(header + 2, lines.indexOf('', header));
    expect(rows.map((r) => /<code>([^<]+)<\/code>/.exec(r)![1])).toEqual(['expired', 'sig-tampered', 'wrong-audience', 'revoked']);
    expect(rows.map((r) => cells(r)[2]!.trim())).toEqual(['🔴 critical', '🟠 major', '🟡 minor', '⚠️ error']);
    expect(md).not.toContain('no-credentials');
    expect(md).not.toContain('insufficient-scope');
    expect(rows[0]).toContain('RFC 7519 §4.1.4<br>RFC 9068 §4<br>seed 002');
    expect(rows[0]).toContain('Check \\`exp\\` on every request');
  });

  it('keeps every table row at six cells whatever pipes, line breaks and markup the target sent', () => {
    const tableLines = lines.filter((l) => l.startsWith('|'));
    expect(tableLines.length).toBeGreaterThan(6);
    for (const l of tableLines) expect(cells(l), l).toHaveLength(6);
    expect(md).not.toContain(NASTY.xss);
    expect(md).not.toContain('<script');
    expect(md).not.toContain('\u0001');
    expect(md).toContain('pipe \\| back\\\\slash line<br>break naïve Ünïcødé 🔑 ctrl\uFFFDend');
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
      '❌ RFC 6750 (Bearer token usage): 1/2 · ❌ RFC 9068 (JWT access tokens): 2/4 · ❌ RFC 8725 (JWT best practices): 2/3 · ❌ RFC 7519 (JWT): 2/4 · ❌ Audit codes (seed 002): 1/3',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { fixtureReport, NASTY, passingReport } from './fixtures.ts';
import { jsonForScript, renderHtml } from './html.ts';

describe('report.html (as text)', () => {
  const report = fixtureReport();
  const page = renderHtml(report);

  it('is one document that references nothing outside itself', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).not.toMatch(/<[a-z][^>]*\s(src|href|srcset|action|formaction|poster|data|background)\s*=/i);
    expect(page).not.toMatch(/<link\b|@import|url\(/i);
    expect(page).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket|EventSource/);
  });

  it('declares a CSP that forbids every request and runs only its own nonce-tagged script', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!.replaceAll('&#39;', "'");
    expect(csp).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-[A-Za-z0-9+/=]{24}';/);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect([...page.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual([
      '<script type="application/json" id="report-data">',
      `<script nonce="${nonce}">`,
    ]);
    expect(renderHtml(report)).not.toContain(nonce);
  });

  it('escapes hostile strings from the target and the scenarios: none of them becomes markup', () => {
    expect(page).not.toContain(NASTY.xss);
    expect(page).not.toContain(NASTY.script);
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('\u0001');
  });

  it('marks as differing exactly the parts the verdict failed on, whatever the statuses look like', () => {
    const base = fixtureReport();
    const row = base.results.find((r) => r.scenario === 'expired')!;
    const only = (checks: Array<'status' | 'audit-code'>) => {
      const one = { ...row, findings: row.findings.filter((f) => (checks as string[]).includes(f.check)) };
      const section = renderHtml({ ...base, results: [one] });
      const observed = section.slice(section.indexOf('<div class="answer observed">'));
      return ['Status', 'Challenge', 'Audit code'].filter((dt) => {
        const dd = observed.slice(observed.indexOf(`<dt>${dt}</dt>`), observed.indexOf('</dd>', observed.indexOf(`<dt>${dt}</dt>`)));
        return dd.includes('class="mismatch"');
      });
    };
    expect(row.findings.map((f) => f.check).sort()).toEqual(['audit-code', 'status']);
    expect(only(['status', 'audit-code'])).toEqual(['Status', 'Audit code']);
    // A 200 where 401 was expected is not marked when the verdict did not fail on the status.
    expect(only(['audit-code'])).toEqual(['Audit code']);
  });

  it('embeds the report as JSON that parses back to the same report', () => {
    const json = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(page)![1]!;
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(report)));
    expect(jsonForScript({ s: '</script><!--\u2028&' })).toBe('{"s":"\\u003c/script\\u003e\\u003c!--\\u2028\\u0026"}');
  });

  it('shows each distinct failure of a property, worst first, with its class, path, case and curl', () => {
    const start = page.indexOf('<details class="row prop v-fail"');
    const row = page.slice(start, page.indexOf('</section>', page.indexOf('Failure 2 of 2', start)) + 10);
    expect(row).toContain('data-severity="critical"');
    expect(row).toContain('2 distinct failures');
    const blocks = [
      ...row.matchAll(/<section class="pfail" data-severity="(\w+)"><h4>[\s\S]*?Failure (\d) of 2 <span class="muted">\(([^)]*)\)/g),
    ].map((m) => [m[1], m[2], m[3]]);
    expect(blocks).toEqual([
      ['critical', '1', 'critical: accepted; rules C3, H4 · path 17:3:0:1'],
      ['major', '2', 'major: 5xx; rule C2 · path 42'],
    ]);
    expect(row).toContain('<code class="casetext">aud nested</code>');
    expect(row.match(/<h4>Reproduce<\/h4>/g)).toHaveLength(2);
  });

  it('shows the observed policy table beside the declared policy, the contradictions marked', () => {
    expect(page).toContain('<h2>Observed policy <span class="muted">(measured on GET /orders with 62 probes;');
    expect(page).toMatch(
      /<tr data-key="expLeeway" class="differs"><th>exp leeway<\/th><td>30 s<\/td><td><strong>60 s<\/strong><span class="mismatch"/,
    );
    expect(page).toMatch(
      /<tr data-key="maxLifetime"><th>longest lifetime<\/th><td>7200 s \(2 h\)<\/td><td><strong>7200 s \(2 h\)<\/strong><\/td>/,
    );
    expect(page).toContain('so no limit within it &lt;img src=x onerror=alert(1)&gt;');
    expect(renderHtml(fixtureReport({ observedPolicy: undefined }))).not.toContain('id="policy"');
  });

  it('shows why a check was skipped in its summary line', () => {
    expect(page).toMatch(/data-verdict="skip"[^>]*>\s*<summary>.*<span class="title">excluded by --skip<\/span>/);
    expect(page).toMatch(
      /<span class="title">not applicable: declared stateless \(--revocation none\): a revoked token stays valid until exp; observed maximum lifetime 7200 s \(2 h\)<\/span>/,
    );
  });

  it('states the verdict, the counts and the compliance per standard', () => {
    expect(page).toContain('<h1 id="verdict">4 of 13 checks failed</h1>');
    expect(page).toMatch(
      /<tr data-standard="rfc6750"><th>RFC 6750 \(Bearer token usage\)<\/th><td class="num"><strong>1<\/strong>\/2 <span class="muted">\(1 skipped\)<\/span>/,
    );
    expect(page).toMatch(/<tr data-standard="audit"><th>Audit codes \(login audit trail\)<\/th><td class="num"><strong>1<\/strong>\/3/);
    expect(renderHtml(passingReport())).toContain('<h1 id="verdict">All 5 checks passed</h1>');
  });
});

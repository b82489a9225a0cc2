import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../core/errors.ts';
import { fixtureReport } from '../../reports/fixtures.ts';
import { renderJunit } from '../../reports/junit.ts';
import { renderMarkdown } from '../../reports/markdown.ts';
import { renderHtml } from '../../reports/html.ts';
import { isReport } from '../../reports/validate.ts';
import { checkEntries, parseExpectedFailures } from './expected-failures.ts';
import { applyGate } from './gate.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'harness/bin.mjs');
const gauntlet = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 90_000, env: { ...process.env, ...env } });

function mistake(text: string): string {
  try {
    parseExpectedFailures(text, 'known.yml');
  } catch (err) {
    if (isHarnessError(err)) return err.message;
    throw err;
  }
  throw new Error('no error');
}

describe('the expected-failures file', () => {
  it('reads scenario-wide and per-endpoint entries with their lines', () => {
    const list = parseExpectedFailures(
      '# known\n- scenario: alg-none\n  reason: SEC-12\n\n- scenario: "expired:get /orders"\n  reason: x\n- scenario: typ-missing\n  endpoint: GET /admin\n  reason: y\n',
      'known.yml',
    );
    expect(list.entries.map((e) => [e.scenario, e.endpoint, e.at])).toEqual([
      ['alg-none', undefined, 'known.yml:2'],
      ['expired', 'GET /orders', 'known.yml:5'],
      ['typ-missing', 'GET /admin', 'known.yml:7'],
    ]);
    expect(parseExpectedFailures('', 'known.yml').entries).toEqual([]);
  });

  it('quotes the line of each mistake and names the fix', () => {
    expect(mistake('- scenario: alg-none\n  reasn: typo\n')).toMatch(
      /^known\.yml:2: unknown key "reasn" \(in "reasn: typo"\); each entry is "- scenario: /,
    );
    expect(mistake('- scenario: alg-none\n')).toMatch(
      /^known\.yml:1: "alg-none" has no "reason"; say why .* \(in "- scenario: alg-none"\)/,
    );
    expect(mistake('- scenario: [alg-none\n  reason: x\n')).toMatch(/^known\.yml:\d: not valid YAML: .*\(in ".*"\); each entry is/);
    expect(mistake('scenario: alg-none\n')).toMatch(/^known\.yml:1: the file is not a list/);
    expect(mistake('- scenario: a\n  reason: x\n- scenario: a\n  reason: y\n')).toMatch(
      /^known\.yml:3: "a" is listed twice \(first at known\.yml:1\)/,
    );
    expect(mistake('- scenario: "a:/orders"\n  reason: x\n')).toMatch(/^known\.yml:1: endpoint "\/ORDERS" is not "METHOD \/path"/);
    for (const m of [mistake('- scenario: alg-none\n  reasn: typo\n'), mistake('- 3\n')]) expect(m).not.toContain('\n');
  });

  it('refuses an unknown scenario or endpoint, naming the entry', () => {
    const list = parseExpectedFailures('- scenario: alg-nope\n  reason: x\n', 'known.yml');
    expect(() => checkEntries(list, ['alg-none'], ['GET /orders'])).toThrow(
      /^known\.yml:1: unknown scenario "alg-nope"; use an id from "gauntlet list"/,
    );
    const ep = parseExpectedFailures('- scenario: alg-none:GET /nope\n  reason: x\n', 'known.yml');
    expect(() => checkEntries(ep, ['alg-none'], ['GET /orders'])).toThrow(
      /^known\.yml:1: "GET \/nope" is not an endpoint of this run \(GET \/orders\)/,
    );
  });
});

describe('the gate', () => {
  it('passes failures below --fail-on, fails those at or above it, and records it in the report', () => {
    const bySev = (r: ReturnType<typeof fixtureReport>) => r.results.filter((x) => x.verdict === 'fail').map((x) => x.severity);
    const noErrors = () => {
      const r = fixtureReport();
      r.results = r.results.filter((x) => x.verdict !== 'error');
      r.properties = [];
      return r;
    };
    expect(bySev(noErrors())).toContain('minor');
    expect(applyGate(noErrors(), null, 'minor').gate!.passed).toBe(false);
    const critical = applyGate(noErrors(), null, 'critical');
    expect(bySev(critical)).toContain('critical');
    expect(critical.gate!.passed).toBe(false);
    // Only the critical rows fail it: once they are expected, the rest is below the threshold.
    const ids = noErrors()
      .results.filter((x) => x.verdict === 'fail' && x.severity === 'critical')
      .map((x) => x.scenario);
    const list = parseExpectedFailures([...new Set(ids)].map((id) => `- scenario: ${id}\n  reason: known\n`).join(''), 'known.yml');
    const gated = applyGate(noErrors(), list, 'critical');
    expect(gated.gate).toMatchObject({ failOn: 'critical', passed: true, expectedFailures: { file: 'known.yml', stale: [] } });
    expect(gated.gate!.belowThreshold).toBeGreaterThan(0);
    expect(gated.summary.expected).toBe(gated.results.filter((r) => r.expectedFailure).length);
    expect(gated.summary.bySeverity.critical).toBe(0);
    expect(applyGate(noErrors(), list, 'minor').gate!.passed).toBe(false);
    expect(isReport(JSON.parse(JSON.stringify(gated)))).toBe(true);
  });

  it('marks expected rows distinctly in JUnit, Markdown and HTML', () => {
    const r = fixtureReport();
    const list = parseExpectedFailures('- scenario: expired\n  reason: legacy clock <b>\n', 'known.yml');
    applyGate(r, list, 'minor');
    expect(renderJunit(r)).toMatch(/<skipped message="expected failure \(known\.yml:1\): legacy clock &lt;b&gt;"\/>/);
    expect(renderJunit(r)).toContain('name="gate.failOn" value="minor"');
    const md = renderMarkdown(r);
    expect(md).toMatch(/\| XFAIL \| <code>expired<\/code> \| <code>GET \/orders<\/code> \|.*legacy clock &lt;b&gt;/);
    expect(md).toContain('fail-on minor; expected failures from known.yml: 1 of 1 entries matched');
    const html = renderHtml(r);
    expect(html).toContain('data-verdict="expected"');
    expect(html).toContain('<span class="pill v-expected">XFAIL</span>');
    expect(html).toContain('listed at <code>known.yml:1</code>: legacy clock &lt;b&gt;');
  });
});

describe('gradual adoption on a legacy API (a flawed target), end to end', () => {
  const only = ['--only', 'alg-none,expired', '--runs', '0', '--format', 'json,junit,markdown,html'];
  it('passes with its known failures listed; once fixed (the reference), the stale entry fails the run until removed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gauntlet-xfail-'));
    const file = join(dir, 'known.yml');
    writeFileSync(file, '# accepted for now\n- scenario: alg-none\n  reason: legacy verifier, SEC-12\n');
    const legacy = ['run', '--config', 'mocks/targets/flawed/gauntlet.config.ts', ...only, '--out', join(dir, 'legacy')];

    // Without the file the flaw fails the run; with it the run passes and every report says why.
    expect(gauntlet(legacy, { GAUNTLET_FLAW: 'alg-none-accepted' }).status).toBe(1);
    const known = gauntlet([...legacy, '--expected-failures', file], { GAUNTLET_FLAW: 'alg-none-accepted' });
    expect(known.stderr).toBe('');
    expect(known.status).toBe(0);
    expect(known.stdout).toMatch(/^XFAIL alg-none GET \/orders \[critical\] .*\(expected: legacy verifier, SEC-12, .*known\.yml:2\)$/m);
    expect(known.stdout).toMatch(/0 failed, 0 skipped, 0 errored, 2 expected/);
    const report = JSON.parse(readFileSync(join(dir, 'legacy/report.json'), 'utf8'));
    expect(report.gate).toMatchObject({ failOn: 'minor', passed: true, expectedFailures: { entries: 1, matched: 1, stale: [] } });
    expect(report.results.find((r: { scenario: string }) => r.scenario === 'alg-none').expectedFailure.at).toMatch(/known\.yml:2$/);
    expect(readFileSync(join(dir, 'legacy/junit.xml'), 'utf8')).toContain('expected failure (');
    expect(readFileSync(join(dir, 'legacy/summary.md'), 'utf8')).toMatch(/^✅ token-gauntlet: passed with 2 expected failures/);
    expect(readFileSync(join(dir, 'legacy/report.html'), 'utf8')).toContain('data-verdict="expected"');

    // Fixed: the same file against the reference names its stale line and fails the run.
    const fixed = ['run', '--config', 'mocks/targets/reference/gauntlet.config.ts', ...only, '--out', join(dir, 'fixed')];
    const stale = gauntlet([...fixed, '--expected-failures', file]);
    expect(stale.status).toBe(1);
    expect(stale.stderr.trim()).toMatch(
      /^gauntlet: .*known\.yml:2: "alg-none" is listed as an expected failure but passes now; remove the entry/,
    );
    expect(JSON.parse(readFileSync(join(dir, 'fixed/report.json'), 'utf8')).gate.expectedFailures.stale).toHaveLength(1);
    expect(readFileSync(join(dir, 'fixed/junit.xml'), 'utf8')).toMatch(
      /<failure message="[^"]*known\.yml:2: &quot;alg-none&quot; is listed/,
    );

    writeFileSync(file, '# all fixed\n');
    expect(gauntlet([...fixed, '--expected-failures', file]).status).toBe(0);
  }, 300_000);

  it('a mistake in the file, an unknown id or a bad --fail-on is one line and exit 2, before anything runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gauntlet-xfail-'));
    const file = join(dir, 'known.yml');
    writeFileSync(file, '- scenario: alg-nope\n  reason: typo\n');
    const base = ['run', '--config', 'mocks/targets/reference/gauntlet.config.ts', ...only, '--out', join(dir, 'out')];
    const unknown = gauntlet([...base, '--expected-failures', file]);
    expect([unknown.status, unknown.stdout]).toEqual([2, '']);
    expect(unknown.stderr).toMatch(/^gauntlet: .*known\.yml:1: unknown scenario "alg-nope"; use an id from "gauntlet list".*\n$/);
    const failOn = gauntlet([...base, '--fail-on', 'serious']);
    expect(failOn.status).toBe(2);
    expect(failOn.stderr.trim().split('\n')).toHaveLength(1);
    expect(failOn.stderr).toMatch(/--fail-on.*critical, major, minor/);
    const missing = gauntlet([...base, '--expected-failures', join(dir, 'nope.yml')]);
    expect(missing.stderr).toMatch(/nope\.yml not found; check the path given to --expected-failures\n$/);
  }, 120_000);
});

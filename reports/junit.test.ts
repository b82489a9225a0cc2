import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Report } from '../harness/report.ts';
import { fixtureReport, NASTY, passingReport } from './fixtures.ts';
import { renderJunit } from './junit.ts';

type Attrs = Record<string, string>;
type Failure = Attrs & { '#text': string };
type TestCase = Attrs & { failure?: Failure; error?: Failure; skipped?: Attrs | string };
type Suite = Attrs & { testcase: TestCase[]; properties?: { property: Attrs[] } };

function parse(xml: string): Attrs & { testsuite: Suite[] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  return parser.parse(xml).testsuites;
}

const CI_SUITE_ATTRS = ['name', 'tests', 'failures', 'errors', 'skipped', 'time'];
const CI_CASE_ATTRS = ['name', 'classname', 'time'];

describe('junit.xml', () => {
  const report = fixtureReport();
  const xml = renderJunit(report);
  const root = parse(xml);
  const cases = root.testsuite.flatMap((s) => s.testcase);

  it('is well-formed XML 1.0 with the testsuites > testsuite > testcase shape CI systems read', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    for (const a of CI_SUITE_ATTRS) expect(root[a], `testsuites@${a}`).toBeDefined();
    for (const s of root.testsuite) for (const a of CI_SUITE_ATTRS) expect(s[a], `testsuite ${s.name}@${a}`).toBeDefined();
    for (const c of cases) for (const a of CI_CASE_ATTRS) expect(c[a], `testcase ${c.name}@${a}`).toBeDefined();
    for (const c of [root, ...root.testsuite, ...cases]) expect(c.time).toMatch(/^\d+\.\d{3}$/);
  });

  it('has one testsuite per category in run order, plus one for the properties', () => {
    const categories = [...new Set(report.results.map((r) => r.category))];
    expect(root.testsuite.map((s) => s.name)).toEqual([...categories.map((c) => `token-gauntlet.${c}`), 'token-gauntlet.properties']);
  });

  it('has one testcase per scenario × endpoint named "<scenario> <endpoint>" with classname token-gauntlet.<category>', () => {
    const rows = report.results.map((r) => `${r.scenario} ${r.endpoint}|token-gauntlet.${r.category}`);
    const props = report.properties.map((p) => `${p.property} ${p.endpoint}|token-gauntlet.properties`);
    expect(cases.map((c) => `${c.name}|${c.classname}`).sort()).toEqual([...rows, ...props].sort());
    expect(cases.find((c) => c.name === 'expired GET /orders')!.time).toBe('0.012');
  });

  it('adds up: every suite and the root count its tests, failures, errors and skips', () => {
    const count = (list: TestCase[]) => ({
      tests: String(list.length),
      failures: String(list.filter((c) => c.failure).length),
      errors: String(list.filter((c) => c.error).length),
      skipped: String(list.filter((c) => c.skipped !== undefined).length),
    });
    for (const s of root.testsuite) expect(s).toMatchObject(count(s.testcase));
    expect(root).toMatchObject(count(cases));
    expect(root).toMatchObject({
      tests: String(report.summary.total),
      failures: String(report.summary.failed),
      errors: String(report.summary.errored),
      skipped: String(report.summary.skipped),
    });
    expect(root.time).toBe('1.301');
  });

  it('puts the failure sentences, expected vs observed, the curl and the resolution in the body, with the severity as type', () => {
    const expired = cases.find((c) => c.name === 'expired GET /orders')!;
    expect(expired.failure!.type).toBe('critical');
    expect(expired.failure!.message).toBe(report.results[1]!.failures.join('; '));
    const body = expired.failure!['#text'];
    for (const f of report.results[1]!.failures) expect(body).toContain(f);
    expect(body).toContain('Expected: 401, error="invalid_token", message "the token has expired", audit code TokenExpired');
    expect(body).toContain('Observed: 200, no WWW-Authenticate, audit code none');
    expect(body).toContain(`Reproduce:\n${report.results[1]!.reproduce}`);
    expect(body).toContain(`Resolution: ${report.results[1]!.resolution}`);
    expect(body).toContain('Refs: RFC 7519 §4.1.4; RFC 9068 §4; login audit trail');
    expect(cases.find((c) => c.name === 'sig-tampered GET /admin')!.failure!.type).toBe('major');
    expect(cases.find((c) => c.name === 'wrong-audience GET /orders')!.failure!.type).toBe('minor');
  });

  it('marks skips with <skipped> and harness errors with <error>, and passes with neither', () => {
    const skipped = cases.find((c) => c.name === 'insufficient-scope GET /orders')!;
    expect(skipped.skipped).toEqual({ message: 'the endpoint requires no scope, so no token can lack one' });
    const errored = cases.find((c) => c.name === 'revoked GET /admin')!;
    expect(errored.error!.type).toBe('error');
    expect(errored.error!.message).toContain('Invalid character in header content');
    const passed = cases.find((c) => c.name === 'no-credentials GET /orders')!;
    expect([passed.failure, passed.error, passed.skipped]).toEqual([undefined, undefined, undefined]);
  });

  it('lists not-applicable and --skip rows as skipped, each with its reason', () => {
    expect(cases.find((c) => c.name === 'jwks-down GET /admin')!.skipped).toEqual({ message: 'excluded by --skip' });
    expect((cases.find((c) => c.name === 'introspection-down GET /orders')!.skipped as Attrs).message).toMatch(
      /^not applicable: declared stateless \(--revocation none\): a revoked token stays valid until exp; observed maximum lifetime 7200 s/,
    );
  });

  it('carries the declared and observed policy as suite properties', () => {
    const props = Object.fromEntries(root.testsuite[0]!.properties!.property.map((p) => [p.name, p.value]));
    expect(props['policy.expLeeway']).toBe(
      'declared 30 s; observed 60 s (differs from the declaration); exp = now − d: accepted at d = 59 s, refused from d = 60 s (binary search over d = −1…600 s, 12 probes)',
    );
    expect(props['policy.introspection']).toMatch(/^declared none \(stateless\); observed no; no introspection request reached the IdP/);
    expect(
      parse(renderJunit(fixtureReport({ observedPolicy: undefined }))).testsuite[0]!.properties!.property.some((p) =>
        p.name!.startsWith('policy.'),
      ),
    ).toBe(false);
  });

  it('reports a failed property with its severity, case, seed, path and shrunk counterexample', () => {
    const prop = cases.find((c) => c.name === 'combined GET /admin')!;
    expect(prop.classname).toBe('token-gauntlet.properties');
    expect(prop.failure!.type).toBe('critical');
    const body = prop.failure!['#text'];
    expect(body).toContain('Case: exp = now − leeway − 1 s + typ JWT (shrunk 7 times)');
    expect(body).toContain('Expected: IT because exp is before now − leeway (RFC 7519 §4.1.4)');
    expect(body).toContain('Observed: 200, no WWW-Authenticate, audit code none');
    expect(body).toContain('Seed: 424242, path: 17:3:0:1 (100 runs)');
    expect(body).toContain('"mutations": [');
    expect(body).toContain(`"note": "${NASTY.xss}"`);
    expect(cases.find((c) => c.name === 'time GET /orders')!.failure).toBeUndefined();
  });

  it('lists each distinct failure of a property in its one testcase, worst first, each with its path and curl', () => {
    const prop = cases.filter((c) => c.name === 'combined GET /admin');
    expect(prop).toHaveLength(1);
    const body = prop[0]!.failure!['#text'];
    const first = body.indexOf('Failure 1 of 2 (critical: accepted; rules C3, H4)');
    const second = body.indexOf('Failure 2 of 2 (major: 5xx; rule C2)');
    expect(first).toBe(0);
    expect(second).toBeGreaterThan(first);
    const tail = body.slice(second);
    expect(tail).toContain('Case: aud nested (shrunk 0 times)');
    expect(tail).toContain('Observed: 500, no WWW-Authenticate, audit code none');
    expect(tail).toContain('Seed: 424242, path: 42 (100 runs)');
    expect(tail).toMatch(/Reproduce:\ncurl -i -X GET 'http:\/\/orders\.internal:8080\/admin' -H 'authorization: Bearer ey\S+x'/);
    expect(prop[0]!.failure!.message).toContain('aud nested: expected invalid_token, got 500');
  });

  it('round-trips quotes, markup, ampersands, line breaks and non-ASCII, and replaces U+0001 which XML 1.0 forbids', () => {
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const safe = NASTY.tricky.replace('\u0001', '\uFFFD');
    const minor = cases.find((c) => c.name === 'wrong-audience GET /orders')!;
    expect(minor.failure!['#text']).toContain(safe); // line break kept in the body
    expect(minor.failure!.message).toContain(safe.replace('\n', ' ')); // attributes are one line
    const major = cases.find((c) => c.name === 'sig-tampered GET /admin')!;
    expect(major.failure!['#text']).toContain(`Body: <html><body>Internal Server Error: ${NASTY.script}</body></html>`);
    expect(xml).not.toContain(NASTY.xss);
    expect(xml).not.toContain('</script>');
  });

  it('has no failure, error or skip for a report in which everything passed', () => {
    const ok = parse(renderJunit(passingReport()));
    expect(ok).toMatchObject({ failures: '0', errors: '0', skipped: '0' });
    const all = ok.testsuite.flatMap((s) => s.testcase);
    expect(all.length).toBe(5);
    expect(all.filter((c) => c.failure || c.error || c.skipped !== undefined)).toEqual([]);
  });

  it('is a valid document for an empty or interrupted run', () => {
    const empty: Report = fixtureReport({
      results: [],
      properties: [],
      partial: true,
      summary: { total: 0, passed: 0, failed: 0, skipped: 0, errored: 0, bySeverity: { critical: 0, major: 0, minor: 0 } },
    });
    const xmlEmpty = renderJunit(empty);
    expect(XMLValidator.validate(xmlEmpty)).toBe(true);
    expect(xmlEmpty).toContain('<testsuites name="token-gauntlet" tests="0" failures="0" errors="0" skipped="0"');
  });
});

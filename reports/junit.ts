/**
 * junit.xml for CI (GitLab, Jenkins, GitHub test-report actions, Azure DevOps...). Structure:
 *
 *   <testsuites name="token-gauntlet" tests failures errors skipped time timestamp>
 *     <testsuite name="token-gauntlet.<category>" ...same counts...>   one per category, in run order
 *       <properties>target, profile, issuer, baseline, seed, partial, policy.* (declared and observed)</properties>
 *       <testcase name="<scenario> <endpoint>" classname="token-gauntlet.<category>" time>
 *         <failure message="<the sentences, one line>" type="<severity>">sentences, expected vs
 *           observed, reproduce curl, resolution, refs</failure>
 *         | <error message type="error">  | <skipped message="<reason>"/> (not applicable, --skip, ...)
 *     <testsuite name="token-gauntlet.properties">                     one testcase per property; its
 *       <failure type="<worst severity>"> lists each distinct failure, worst first, with its own path
 *
 * One suite per category gives CI a useful grouping (Jenkins: package token-gauntlet, class = category)
 * while the testcase name stays the CONTRACT's "scenario × endpoint". The XML is built with xmlbuilder2,
 * which escapes; characters XML 1.0 cannot carry at all (e.g. U+0001) become U+FFFD first.
 */
import { formatRef } from '../harness/core/ref.ts';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { propertyFailures, type PropertyFailure, type PropertyResult, type Report, type ResultRow } from '../harness/report.ts';
import { compactJson, expectedStatus, failureClassText, oneLine, rowStatus, truncate, xmlSafe } from './text.ts';
import { gatePhrase } from '../harness/adopt/gate.ts';
import { policyRows } from './policy.ts';

const BODY_EXCERPT = 2000;

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  time: number;
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/** JUnit's timestamp is an ISO 8601 date-time without zone (UTC here) and without fractions. */
function junitTimestamp(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 19);
}

function countsAttrs(c: Counts): Record<string, string> {
  return {
    tests: String(c.tests),
    failures: String(c.failures),
    errors: String(c.errors),
    skipped: String(c.skipped),
    time: seconds(c.time),
  };
}

function tally(verdicts: readonly { verdict: string; ms: number }[]): Counts {
  const c: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
  for (const v of verdicts) {
    c.tests++;
    c.time += v.ms;
    if (v.verdict === 'fail') c.failures++;
    else if (v.verdict === 'error') c.errors++;
    else if (v.verdict === 'skip' || v.verdict === 'expected') c.skipped++;
  }
  return c;
}

const rowMs = (r: ResultRow): number => r.observed?.durationMs ?? 0;

/** Both attribute and text go through this: invalid characters out; attributes also on one line. */
const text = (s: string): string => xmlSafe(s);
const attr = (s: string): string => xmlSafe(oneLine(s));

function describeExpected(r: ResultRow): string {
  const e = r.expected;
  const parts = [expectedStatus(e.status)];
  if (e.error) parts.push(`error="${e.error}"`);
  if (e.message) parts.push(`message "${e.message}"`);
  if (e.auditCode) parts.push(`audit code ${e.auditCode.join(' or ')}`);
  return parts.join(', ');
}

function describeObserved(r: ResultRow): string[] {
  const o = r.observed;
  if (!o) return ['Observed: no answer'];
  return [
    `Observed: ${o.status}, ${o.wwwAuthenticate.length ? `WWW-Authenticate: ${o.wwwAuthenticate.join(', ')}` : 'no WWW-Authenticate'}, audit code ${o.auditCode ?? 'none'}`,
    ...(o.body ? [`Body: ${truncate(o.body, BODY_EXCERPT)}`] : []),
  ];
}

function failureBody(r: ResultRow): string {
  return [
    ...r.failures,
    '',
    `Expected: ${describeExpected(r)}`,
    ...describeObserved(r),
    ...(r.variants.length ? [`Variants sent: ${r.variants.join(', ')}`] : []),
    ...(r.reproduce ? ['', 'Reproduce:', r.reproduce] : []),
    '',
    `Resolution: ${r.resolution}`,
    ...(r.refs.length ? [`Refs: ${r.refs.map(formatRef).join('; ')}`] : []),
  ].join('\n');
}

/** An expected failure is a skipped test case (it does not fail CI), saying so, with the failure in system-out. */
function addExpected(tc: XMLBuilder, mark: { at: string; reason: string }, body: string): void {
  tc.ele('skipped', { message: attr(`expected failure (${mark.at}): ${mark.reason}`) });
  tc.ele('system-out').txt(text(body));
}

function addRow(suite: XMLBuilder, r: ResultRow, classname: string): void {
  const tc = suite.ele('testcase', { name: attr(`${r.scenario} ${r.endpoint}`), classname, time: seconds(rowMs(r)) });
  if (r.verdict === 'fail' && r.expectedFailure) {
    addExpected(tc, r.expectedFailure, failureBody(r));
  } else if (r.verdict === 'fail') {
    const message = r.failures.join('; ') || `${r.scenario} failed`;
    tc.ele('failure', { message: attr(message), type: r.severity ?? 'minor' }).txt(text(failureBody(r)));
  } else if (r.verdict === 'error') {
    const message = r.error ?? (r.failures.join('; ') || 'harness error');
    const body = [message, ...(r.reproduce ? ['', 'Reproduce:', r.reproduce] : [])].join('\n');
    tc.ele('error', { message: attr(message), type: 'error' }).txt(text(body));
  } else if (r.verdict === 'skip') {
    tc.ele('skipped', r.skipReason ? { message: attr(r.skipReason) } : {});
  }
}

function failureBlock(p: PropertyResult, f: PropertyFailure, i: number, n: number): string[] {
  const ce = f.counterexample;
  const o = ce.observed;
  return [
    `Failure ${i + 1} of ${n} (${failureClassText(f)})`,
    ...f.failures,
    `Case: ${ce.case} (shrunk ${ce.shrinks} times)`,
    `Expected: ${ce.expected.classes.join(' or ')}${ce.expected.reasons.length ? ` because ${ce.expected.reasons.join('; ')}` : ''}`,
    o
      ? `Observed: ${o.status}, ${o.wwwAuthenticate.length ? `WWW-Authenticate: ${o.wwwAuthenticate.join(', ')}` : 'no WWW-Authenticate'}, audit code ${o.auditCode ?? 'none'}`
      : 'Observed: no answer',
    `Seed: ${p.seed}${f.path ? `, path: ${f.path}` : ''} (${p.runs} runs)`,
    `Counterexample: ${truncate(compactJson(ce, 2), BODY_EXCERPT * 2)}`,
    ...(f.reproduce ? ['Reproduce:', f.reproduce] : []),
  ];
}

/** Each distinct failure, worst first, as its own block; an error as recorded. */
function propertyBody(p: PropertyResult): string {
  const failures = p.verdict === 'fail' ? propertyFailures(p) : [];
  if (failures.length) return failures.flatMap((f, i) => [...(i ? [''] : []), ...failureBlock(p, f, i, failures.length)]).join('\n');
  const lines = [...p.failures, ''];
  lines.push(`Seed: ${p.seed}${p.path ? `, path: ${p.path}` : ''} (${p.runs} runs)`);
  if (p.reproduce) lines.push('', 'Reproduce:', p.reproduce);
  return lines.join('\n');
}

function addProperty(suite: XMLBuilder, p: PropertyResult, classname: string): void {
  const tc = suite.ele('testcase', { name: attr(`${p.property} ${p.endpoint}`), classname, time: seconds(0) });
  const message = p.failures.join('; ') || `${p.property} ${p.verdict === 'fail' ? 'failed' : 'errored'}`;
  const type = propertyFailures(p)[0]?.severity ?? 'property';
  if (p.verdict === 'fail' && p.expectedFailure) addExpected(tc, p.expectedFailure, propertyBody(p));
  else if (p.verdict === 'fail') tc.ele('failure', { message: attr(message), type }).txt(text(propertyBody(p)));
  else if (p.verdict === 'error') tc.ele('error', { message: attr(message), type: 'error' }).txt(text(propertyBody(p)));
}

function addProperties(suite: XMLBuilder, report: Report): void {
  const props = suite.ele('properties');
  const entries: [string, string][] = [
    ['target', report.target],
    ['profile', report.profile],
    ['idp.issuer', report.idp.issuer],
    ['baseline', `${report.baseline.alg} ${report.baseline.typ} aud=${report.baseline.audience}`],
    ['seed', report.seed === null ? '' : String(report.seed)],
    ['partial', String(report.partial)],
    ['stop', report.stop ? `${report.stop.cause}: ${report.stop.message}` : ''],
    ['tool.version', report.tool.version],
    ...(report.gate
      ? ([
          ['gate', gatePhrase(report.gate)],
          ['gate.failOn', report.gate.failOn],
          ['gate.expectedFailures', report.gate.expectedFailures?.file ?? ''],
        ] as [string, string][])
      : []),
  ];
  // The observed policy beside the declared one: `policy.expLeeway` = "declared 60 s; observed 60 s (how…)".
  for (const p of policyRows(report) ?? []) {
    entries.push([
      `policy.${p.key}`,
      `declared ${p.declared}; observed ${p.observed}${p.differs ? ' (differs from the declaration)' : ''}; ${p.how}`,
    ]);
  }
  for (const [name, value] of entries) props.ele('property', { name, value: attr(value) });
}

export function renderJunit(report: Report): string {
  const timestamp = junitTimestamp(report.startedAt);
  const byCategory = new Map<string, ResultRow[]>();
  for (const r of report.results) byCategory.set(r.category, [...(byCategory.get(r.category) ?? []), r]);

  const rowCounts = tally(report.results.map((r) => ({ verdict: rowStatus(r), ms: rowMs(r) })));
  const propCounts = tally(report.properties.map((p) => ({ verdict: rowStatus(p), ms: 0 })));
  const stale = report.gate?.expectedFailures?.stale ?? [];
  const wall = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  const all: Counts = {
    tests: rowCounts.tests + propCounts.tests + stale.length,
    failures: rowCounts.failures + propCounts.failures + stale.length,
    errors: rowCounts.errors + propCounts.errors,
    skipped: rowCounts.skipped + propCounts.skipped,
    time: Number.isFinite(wall) && wall >= 0 ? wall : rowCounts.time,
  };

  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const root = doc.ele('testsuites', { name: 'token-gauntlet', ...countsAttrs(all), timestamp });
  for (const [category, rows] of byCategory) {
    const classname = attr(`token-gauntlet.${category}`);
    const suite = root.ele('testsuite', {
      name: classname,
      ...countsAttrs(tally(rows.map((r) => ({ verdict: rowStatus(r), ms: rowMs(r) })))),
      timestamp,
    });
    addProperties(suite, report);
    for (const r of rows) addRow(suite, r, classname);
  }
  if (report.properties.length) {
    const classname = 'token-gauntlet.properties';
    const suite = root.ele('testsuite', { name: classname, ...countsAttrs(propCounts), timestamp });
    addProperties(suite, report);
    for (const p of report.properties) addProperty(suite, p, classname);
  }
  if (stale.length) {
    // A stale expected-failures entry fails the run: one failing test case per entry, named by its place.
    const classname = 'token-gauntlet.expected-failures';
    const suite = root.ele('testsuite', {
      name: classname,
      ...countsAttrs({ tests: stale.length, failures: stale.length, errors: 0, skipped: 0, time: 0 }),
      timestamp,
    });
    for (const e of stale) {
      const name = `${e.scenario}${e.endpoint ? `:${e.endpoint}` : ''}`;
      suite
        .ele('testcase', { name: attr(`stale ${name} (${e.at})`), classname, time: seconds(0) })
        .ele('failure', {
          message: attr(`${e.at}: "${name}" is listed as an expected failure but passes now; remove the entry`),
          type: 'stale',
        })
        .txt(text(`Reason given: ${e.reason}`));
    }
  }
  return `${doc.end({ prettyPrint: true })}\n`;
}

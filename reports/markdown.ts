/**
 * summary.md: for a pull-request comment or a CI step summary ($GITHUB_STEP_SUMMARY). First line the
 * verdict; then counts by severity; then one table row per failure (and error); then the observed
 * policy beside the declared one, and every skipped or not-applicable check with its reason. Passed
 * checks appear only as counts. Every cell goes through `cell()`: markup and markdown punctuation are
 * neutralised, pipes escaped, line breaks turned into <br>, so a hostile body cannot break the table.
 */
import { formatRef } from '../harness/core/ref.ts';
import escapeHtml from 'escape-html';
import { propertyFailures, type PropertyResult, type Report, type ResultRow } from '../harness/report.ts';
import { policyCaption, policyRows, skippedGroups } from './policy.ts';
import { gatePhrase } from '../harness/adopt/gate.ts';
import {
  byImportance,
  compactJson,
  rowStatus,
  complianceByStandard,
  expectedStatus,
  headline,
  oneLine,
  severityPhrase,
  SEVERITIES,
  truncate,
  visibleControls,
} from './text.ts';

const MAX_CELL = 400;
const MAX_ROWS = 100;

/** One markdown table cell: HTML-escaped (GitHub renders inline HTML), markdown-escaped, one line. */
export function cell(value: string, max = MAX_CELL): string {
  const lines = truncate(visibleControls(value).trim(), max).split(/\r\n|\r|\n/);
  return lines.map((l) => escapeHtml(l).replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)).join('<br>');
}

/** Monospace in a cell: inline HTML (<code>) rather than backticks, so the same escaping applies inside. */
function code(value: string, max = MAX_CELL): string {
  return `<code>${cell(oneLine(value), max)}</code>`;
}

function severityIcon(s: string | null): string {
  return s === 'critical' ? '🔴 critical' : s === 'major' ? '🟠 major' : s === 'minor' ? '🟡 minor' : '⚠️ error';
}

function whatHappened(r: ResultRow): string {
  if (r.verdict === 'error') return cell(r.error ?? r.failures.join('\n'));
  if (r.failures.length) return cell(r.failures.join('\n'));
  const o = r.observed;
  const got = o ? `got ${o.status}${o.wwwAuthenticate.length ? ` ${o.wwwAuthenticate.join(', ')}` : ''}` : 'no answer';
  return cell(`expected ${expectedStatus(r.expected.status)}${r.expected.error ? ` ${r.expected.error}` : ''}; ${got}`);
}

export function verdictLine(report: Report): string {
  const { failed, total, ok } = headline(report);
  const s = report.summary;
  const sev = severityPhrase(report);
  const against = ` against ${report.target || '(unknown target)'}`;
  if (report.partial) {
    // Reports written before `stop` existed were partial only when interrupted.
    const why = report.stop && report.stop.cause !== 'interrupted' ? `stopped early (${report.stop.message})` : 'interrupted';
    return `⏸️ token-gauntlet: ${why} after ${total} checks, ${failed} failed${sev ? ` (${sev})` : ''}${against}`;
  }
  const known = s.expected ? `${s.expected} expected failure${s.expected === 1 ? '' : 's'}` : '';
  if (ok && (s.failed || known)) {
    const below = s.failed ? `${s.failed} failure${s.failed === 1 ? '' : 's'} below fail-on ${report.gate?.failOn}` : '';
    return `✅ token-gauntlet: passed with ${[below, known].filter(Boolean).join(' and ')}${against}`;
  }
  if (ok) return `✅ token-gauntlet: all ${total} checks passed${s.skipped ? ` (${s.skipped} skipped)` : ''}${against}`;
  const stale = report.gate?.expectedFailures?.stale.length ?? 0;
  if (!s.failed && !s.errored && stale)
    return `❌ token-gauntlet: ${stale} stale expected-failure entr${stale === 1 ? 'y' : 'ies'} (passing now)${against}`;
  const head = s.failed ? `${s.failed} of ${total} checks failed` : `${s.errored} of ${total} checks could not be judged`;
  const more = s.failed && s.errored ? `, ${s.errored} errored` : '';
  return `❌ token-gauntlet: ${head}${sev ? ` (${sev})` : ''}${more}${against}`;
}

/** One row per distinct failure of a property, worst first; one row when it did not fail. */
function propertyRows(p: PropertyResult): string[] {
  const failures = p.verdict === 'fail' ? propertyFailures(p) : [];
  if (failures.length === 0) {
    const severity = p.verdict === 'error' ? severityIcon(null) : 'fail';
    const shown = code(compactJson(p.counterexample), 200);
    return [
      `| ${code(p.property)} | ${code(p.endpoint)} | ${severity} | ${cell(p.failures.join('\n'))} | seed ${p.seed}${p.path ? `, path ${code(p.path)}` : ''} | ${shown} |`,
    ];
  }
  return failures.map(
    (f) =>
      `| ${code(p.property)} | ${code(p.endpoint)} | ${severityIcon(f.severity)} | ${cell(f.failures.join('\n'))} | seed ${p.seed}${f.path ? `, path ${code(f.path)}` : ''} | ${code(f.counterexample.case, 200)} |`,
  );
}

export function renderMarkdown(report: Report): string {
  const s = report.summary;
  const out: string[] = [verdictLine(report), ''];
  out.push(
    `**${s.passed}** passed · **${s.failed}** failed · ${s.expected ? `**${s.expected}** expected · ` : ''}**${s.skipped}** skipped · **${s.errored}** errored — ` +
      SEVERITIES.map((sev) => `${sev} **${s.bySeverity[sev]}**`).join(' · '),
  );
  out.push('');
  out.push(
    `<sub>profile ${cell(report.profile)} · endpoints ${report.endpoints.map((e) => code(e)).join(', ') || 'none'} · baseline ${cell(`${report.baseline.alg} ${report.baseline.typ}`)}` +
      `${report.seed !== null ? ` · seed ${report.seed}` : ''}${report.gate ? ` · ${cell(gatePhrase(report.gate))}` : ''} · token-gauntlet ${cell(report.tool.version)}</sub>`,
  );
  const stale = report.gate?.expectedFailures?.stale ?? [];
  if (stale.length) {
    out.push(
      '',
      `**Stale expected failures** (${stale.length}): these pass now; remove them from ${cell(report.gate!.expectedFailures!.file)}`,
      '',
    );
    for (const e of stale)
      out.push(`- ${code(e.at)}: ${code(`${e.scenario}${e.endpoint ? `:${e.endpoint}` : ''}`)} (${cell(e.reason, 200)})`);
  }

  const bad = byImportance(report.results.filter((r) => rowStatus(r) === 'fail' || r.verdict === 'error'));
  if (bad.length) {
    out.push('', '| Scenario | Endpoint | Severity | What happened | Refs | Fix |', '|---|---|---|---|---|---|');
    for (const r of bad.slice(0, MAX_ROWS)) {
      out.push(
        `| ${code(r.scenario)}<br>${cell(r.title, 120)} | ${code(r.endpoint)} | ${r.verdict === 'fail' ? severityIcon(r.severity) : severityIcon(null)} | ${whatHappened(r)} | ${cell(r.refs.map(formatRef).join('\n'))} | ${cell(r.resolution)} |`,
      );
    }
    if (bad.length > MAX_ROWS) out.push('', `…and ${bad.length - MAX_ROWS} more; see report.html or junit.xml.`);
    const repro = bad.find((r) => r.reproduce);
    if (repro?.reproduce) {
      out.push(
        '',
        `<details><summary>Reproduce ${cell(`${repro.scenario} ${repro.endpoint}`)}</summary>`,
        '',
        '```sh',
        repro.reproduce.replace(/```/g, '` ` `'),
        '```',
        '',
        '</details>',
      );
    }
  }

  const props = report.properties.filter((p) => p.verdict !== 'pass' && rowStatus(p) !== 'expected');
  const expectedRows = [...report.results, ...report.properties].filter((r) => rowStatus(r) === 'expected');
  if (expectedRows.length) {
    out.push('', `**Expected failures** (${expectedRows.length}) <sub>listed in the expected-failures file; not failing the run</sub>`, '');
    out.push('| Status | Check | Endpoint | Severity | Reason | Entry |', '|---|---|---|---|---|---|');
    for (const r of expectedRows) {
      const name = 'scenario' in r ? r.scenario : `property ${r.property}`;
      const sev = 'scenario' in r ? r.severity : (propertyFailures(r)[0]?.severity ?? null);
      out.push(
        `| XFAIL | ${code(name)} | ${code(r.endpoint)} | ${severityIcon(sev)} | ${cell(r.expectedFailure!.reason, 200)} | ${code(r.expectedFailure!.at)} |`,
      );
    }
  }
  if (props.length) {
    out.push('', '| Property | Endpoint | Severity | What happened | Replay | Counterexample |', '|---|---|---|---|---|---|');
    for (const p of props) out.push(...propertyRows(p));
  }

  const policy = policyRows(report);
  if (policy) {
    out.push('', `**Observed policy** <sub>${cell(policyCaption(report))}; ⚠️ the API does not do what it declares</sub>`, '');
    out.push('| | Declared | Observed | How it was measured |', '|---|---|---|---|');
    for (const p of policy)
      out.push(`| ${cell(p.label)} | ${cell(p.declared)} | ${p.differs ? '⚠️ ' : ''}${cell(p.observed)} | ${cell(p.how, 300)} |`);
  }

  const skipped = skippedGroups(report.results);
  if (skipped.length) {
    out.push('', `**Skipped or not applicable** (${s.skipped})`, '');
    for (const g of skipped.slice(0, MAX_ROWS))
      out.push(`- ${code(g.scenario)} on ${g.endpoints.map((e) => code(e)).join(', ')}: ${cell(g.reason)}`);
    if (skipped.length > MAX_ROWS) out.push(`- …and ${skipped.length - MAX_ROWS} more; see report.html or junit.xml.`);
  }

  const standards = complianceByStandard(report).filter((c) => c.total > 0);
  if (standards.length) {
    out.push('', standards.map((c) => `${c.passed === c.total ? '✅' : '❌'} ${c.label}: ${c.passed}/${c.total}`).join(' · '));
  }
  return `${out.join('\n')}\n`;
}

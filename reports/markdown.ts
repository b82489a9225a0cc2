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
import { byImportance, compactJson, complianceByStandard, expectedStatus, headline, oneLine, severityPhrase, SEVERITIES, truncate, visibleControls } from './text.ts';

const MAX_CELL = 400;
const MAX_ROWS = 100;

/** One markdown table cell: HTML-escaped (GitHub renders inline HTML), markdown-escaped, one line. */
export function cell(value: string, max = MAX_CELL): string {
  const lines = truncate(visibleControls(value).trim(), max).split(/\r\n|\r|\n/);
  return lines
    .map((l) => escapeHtml(l).replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`))
    .join('<br>');
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
  if (ok) return `✅ token-gauntlet: all ${total} checks passed${s.skipped ? ` (${s.skipped} skipped)` : ''}${against}`;
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
    return [`| ${code(p.property)} | ${code(p.endpoint)} | ${severity} | ${cell(p.failures.join('\n'))} | seed ${p.seed}${p.path ? `, path ${code(p.path)}` : ''} | ${shown} |`];
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
    `**${s.passed}** passed · **${s.failed}** failed · **${s.skipped}** skipped · **${s.errored}** errored — ` +
      SEVERITIES.map((sev) => `${sev} **${s.bySeverity[sev]}**`).join(' · '),
  );
  out.push('');
  out.push(
    `<sub>profile ${cell(report.profile)} · endpoints ${report.endpoints.map((e) => code(e)).join(', ') || 'none'} · baseline ${cell(`${report.baseline.alg} ${report.baseline.typ}`)}` +
      `${report.seed !== null ? ` · seed ${report.seed}` : ''} · token-gauntlet ${cell(report.tool.version)}</sub>`,
  );

  const bad = byImportance(report.results.filter((r) => r.verdict === 'fail' || r.verdict === 'error'));
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
      out.push('', `<details><summary>Reproduce ${cell(`${repro.scenario} ${repro.endpoint}`)}</summary>`, '', '```sh', repro.reproduce.replace(/```/g, '` ` `'), '```', '', '</details>');
    }
  }

  const props = report.properties.filter((p) => p.verdict !== 'pass');
  if (props.length) {
    out.push('', '| Property | Endpoint | Severity | What happened | Replay | Counterexample |', '|---|---|---|---|---|---|');
    for (const p of props) out.push(...propertyRows(p));
  }

  const policy = policyRows(report);
  if (policy) {
    out.push('', `**Observed policy** <sub>${cell(policyCaption(report))}; ⚠️ the API does not do what it declares</sub>`, '');
    out.push('| | Declared | Observed | How it was measured |', '|---|---|---|---|');
    for (const p of policy) out.push(`| ${cell(p.label)} | ${cell(p.declared)} | ${p.differs ? '⚠️ ' : ''}${cell(p.observed)} | ${cell(p.how, 300)} |`);
  }

  const skipped = skippedGroups(report.results);
  if (skipped.length) {
    out.push('', `**Skipped or not applicable** (${s.skipped})`, '');
    for (const g of skipped.slice(0, MAX_ROWS)) out.push(`- ${code(g.scenario)} on ${g.endpoints.map((e) => code(e)).join(', ')}: ${cell(g.reason)}`);
    if (skipped.length > MAX_ROWS) out.push(`- …and ${skipped.length - MAX_ROWS} more; see report.html or junit.xml.`);
  }

  const standards = complianceByStandard(report).filter((c) => c.total > 0);
  if (standards.length) {
    out.push('', standards.map((c) => `${c.passed === c.total ? '✅' : '❌'} ${c.label}: ${c.passed}/${c.total}`).join(' · '));
  }
  return `${out.join('\n')}\n`;
}

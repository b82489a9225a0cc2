/**
 * report.html: ONE self-contained file, readable in a browser with no network at all. Inline CSS and
 * JS only; a CSP meta forbids every fetch (default-src 'none') and lets only our own nonce'd script
 * run, so even a hostile answer body could not load or execute anything. Every interpolated value is
 * escaped by escape-html through the `html` tagged template below; the report itself is embedded as
 * JSON (`<` `>` `&` as \u escapes) in <script type="application/json" id="report-data"> so the page
 * can be re-rendered from it.
 */
import { formatRef, type Ref } from '../harness/core/ref.ts';
import { randomBytes } from 'node:crypto';
import escapeHtml from 'escape-html';
import {
  propertyFailures,
  type ObservedAnswer,
  type PropertyCounterexample,
  type PropertyFailure,
  type PropertyResult,
  type Report,
  type ResultRow,
} from '../harness/report.ts';
import { policyCaption, policyRows } from './policy.ts';
import { gatePhrase } from '../harness/adopt/gate.ts';
import {
  byImportance,
  complianceByStandard,
  expectedStatus,
  failureClassText,
  headline,
  rowStatus,
  severityPhrase,
  SEVERITIES,
  truncate,
  visibleControls,
} from './text.ts';

// ---------------------------------------------------------------------------------------------------
// Templating: interpolations are escaped unless they are already Html (the result of `html`).

class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

function render(v: Part): string {
  if (v instanceof Html) return v.value;
  if (v === null || v === undefined || v === false) return '';
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(visibleControls(String(v)));
}

function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** JSON inside <script type="application/json">: nothing in it can close the element or open markup. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// ---------------------------------------------------------------------------------------------------

const BODY_EXCERPT = 4000;
const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf', 'auth_time']);

function pretty(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

function bodyExcerpt(body: string): string {
  const t = body.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return truncate(JSON.stringify(JSON.parse(t), null, 2), BODY_EXCERPT);
    } catch {
      /* not JSON after all */
    }
  }
  return truncate(body, BODY_EXCERPT);
}

function relative(seconds: number, reference: number): string {
  const d = seconds - reference;
  const abs = Math.abs(d);
  const unit = abs >= 86_400 ? [86_400, 'd'] : abs >= 3600 ? [3600, 'h'] : abs >= 60 ? [60, 'min'] : [1, 's'];
  const n = Math.round(abs / (unit[0] as number));
  return abs < 1 ? 'at the run' : `${n} ${unit[1]} ${d < 0 ? 'before' : 'after'} the run`;
}

function claimValue(key: string, value: unknown, runStart: number): Html {
  if (TIME_CLAIMS.has(key) && typeof value === 'number' && Number.isFinite(value)) {
    const date = new Date(value * 1000);
    const iso = Number.isNaN(date.getTime()) ? 'invalid date' : date.toISOString().replace('.000Z', 'Z');
    return html`<code>${value}</code> <span class="muted">${iso} · ${relative(value, runStart)}</span>`;
  }
  return html`<code>${typeof value === 'string' ? value : pretty(value)}</code>`;
}

function kvTable(obj: Record<string, unknown>, runStart: number): Html {
  const entries = Object.entries(obj);
  if (!entries.length) return html`<p class="muted">(empty)</p>`;
  return html`<table class="kv">${entries.map(([k, v]) => html`<tr><th>${k}</th><td>${claimValue(k, v, runStart)}</td></tr>`)}</table>`;
}

/** Text with `backtick spans` shown as code; each piece is escaped like any other interpolation. */
function prose(text: string): Html {
  if ((text.match(/`/g)?.length ?? 0) % 2 === 1) return html`${text}`;
  return html`${text.split('`').map((piece, i) => (i % 2 ? html`<code>${piece}</code>` : piece))}`;
}

function verdictPill(v: string): Html {
  const label = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP', error: 'ERROR', expected: 'XFAIL' }[v] ?? v.toUpperCase();
  return html`<span class="pill v-${v}">${label}</span>`;
}

function severityChip(s: string | null): Html {
  return s ? html`<span class="sev sev-${s}">${s}</span>` : html`<span class="sev sev-none"></span>`;
}

function copyBlock(label: string, text: string): Html {
  return html`<div class="copyblock"><div class="copyhead"><h4>${label}</h4><button type="button" class="copy">Copy</button></div><pre class="code">${text}</pre></div>`;
}

function refsList(refs: readonly Ref[]): Html {
  return refs.length ? html`<ul class="refs">${refs.map((r) => html`<li>${formatRef(r)}</li>`)}</ul>` : html``;
}

/**
 * Which observed parts differ from the expectation: read from the verdict's own findings (the judge's
 * checks), never judged again here, so a "≠" marks exactly what the verdict failed on.
 */
function mismatches(row: ResultRow): { status: boolean; challenge: boolean; audit: boolean } {
  const failed = new Set(row.findings.map((f) => f.check));
  return { status: failed.has('status'), challenge: failed.has('challenge'), audit: failed.has('audit-code') };
}

function answerBlock(row: ResultRow): Html {
  const e = row.expected;
  const o = row.observed;
  const expected = html`<div class="answer expected"><h4>Expected</h4><dl>
    <dt>Status</dt><dd><code>${expectedStatus(e.status)}</code>${e.classes.length ? html` <span class="muted">(${e.classes.join(' or ')})</span>` : ''}</dd>
    <dt>Challenge</dt><dd>${e.error ? html`<code>Bearer error="${e.error}"</code>` : e.status === '2xx' ? html`<span class="muted">none</span>` : html`<code>Bearer</code> <span class="muted">without error code</span>`}</dd>
    <dt>Message</dt><dd>${e.message ? html`<code>${e.message}</code>` : html`<span class="muted">not checked</span>`}</dd>
    <dt>Audit code</dt><dd>${e.auditCode ? html`<code>${e.auditCode.join(' or ')}</code>` : html`<span class="muted">not checked</span>`}</dd>
  </dl></div>`;
  const m = o ? mismatches(row) : { status: false, challenge: false, audit: false };
  const mark = (bad: boolean): Html => (bad ? html`<span class="mismatch" title="differs from the expected answer">≠</span>` : html``);
  const observed = o
    ? html`<div class="answer observed"><h4>Observed</h4><dl>
    <dt>Status</dt><dd class="${m.status ? 'bad' : ''}"><code>${o.status}</code>${mark(m.status)}</dd>
    <dt>Challenge</dt><dd class="${m.challenge ? 'bad' : ''}">${o.wwwAuthenticate.length ? o.wwwAuthenticate.map((c) => html`<code>${c}</code> `) : html`<span class="muted">no WWW-Authenticate</span>`}${mark(m.challenge)}</dd>
    <dt>Audit code</dt><dd class="${m.audit ? 'bad' : ''}">${o.auditCode ? html`<code>${o.auditCode}</code>` : html`<span class="muted">none</span>`}${mark(m.audit)}</dd>
    <dt>Time</dt><dd>${o.durationMs} ms</dd>
  </dl>${o.body ? html`<details class="body"${row.verdict === 'fail' ? html` open` : ''}><summary>Body excerpt</summary><pre class="code">${bodyExcerpt(o.body)}</pre></details>` : html`<p class="muted">empty body</p>`}</div>`
    : html`<div class="answer observed"><h4>Observed</h4><p class="muted">no answer was recorded</p></div>`;
  return html`<div class="answers">${expected}${observed}</div>`;
}

/** The expected-failures entry a failure is listed under. */
function expectedNote(mark: { at: string; reason: string } | undefined): Html | string {
  return mark
    ? html`<p class="note">Expected failure, listed at <code>${mark.at}</code>: ${mark.reason}. It does not fail the run; remove the entry once it is fixed.</p>`
    : '';
}

function rowDetail(row: ResultRow, runStart: number): Html {
  return html`<div class="detail">
    ${expectedNote(row.expectedFailure)}
    ${row.verdict === 'skip' ? html`<p class="note">Skipped: ${row.skipReason ?? 'no reason given'}</p>` : ''}
    ${row.verdict === 'error' ? html`<p class="note error-note">Could not be judged: ${row.error ?? row.failures.join('; ')}</p>` : ''}
    ${row.verdict === 'fail' ? html`<ul class="failures">${row.failures.map((f) => html`<li>${prose(f)}</li>`)}</ul>` : ''}
    ${row.verdict !== 'skip' ? answerBlock(row) : ''}
    ${row.variants.length ? html`<p class="muted">Variants sent: ${row.variants.join(', ')}</p>` : ''}
    ${
      row.token
        ? html`<div class="token"><h4>Token sent <span class="muted">(decoded${row.token.value ? '' : ', value redacted'})</span></h4><div class="tokgrid">
          <div><h5>Header</h5>${kvTable(row.token.header, runStart)}</div>
          <div><h5>Claims</h5>${kvTable(row.token.claims, runStart)}</div></div></div>`
        : ''
    }
    ${row.reproduce ? copyBlock('Reproduce', row.reproduce) : ''}
    <div class="fixrow"><div class="fix"><h4>${row.verdict === 'pass' ? 'What a correct API does' : 'How to fix'}</h4><p>${prose(row.resolution)}</p></div>
    <div><h4>References</h4>${refsList(row.refs)}</div></div>
  </div>`;
}

function resultRow(row: ResultRow, index: number, runStart: number): Html {
  const status = rowStatus(row);
  const open = status === 'fail' || status === 'error';
  return html`<details class="row v-${status}" id="r${index}" data-verdict="${status}" data-severity="${row.severity ?? ''}" data-category="${row.category}"${open ? html` open` : ''}>
  <summary>${verdictPill(status)}${severityChip(row.severity)}<span class="what"><span class="scn">${row.scenario}</span><span class="title">${row.verdict === 'skip' && row.skipReason ? row.skipReason : row.title}</span></span><code class="ep">${row.endpoint}</code><span class="cat">${row.category}</span></summary>
  ${rowDetail(row, runStart)}
</details>`;
}

function observedList(o: ObservedAnswer): Html {
  return html`<dl>
    <dt>Status</dt><dd><code>${o.status}</code></dd>
    <dt>Challenge</dt><dd>${o.wwwAuthenticate.length ? o.wwwAuthenticate.map((c) => html`<code>${c}</code> `) : html`<span class="muted">no WWW-Authenticate</span>`}</dd>
    <dt>Audit code</dt><dd>${o.auditCode ? html`<code>${o.auditCode}</code>` : html`<span class="muted">none</span>`}</dd>
    <dt>Time</dt><dd>${o.durationMs} ms</dd>
  </dl>${o.body ? html`<details class="body"><summary>Body excerpt</summary><pre class="code">${bodyExcerpt(o.body)}</pre></details>` : ''}`;
}

function counterexampleBlock(ce: PropertyCounterexample, runStart: number): Html {
  return html`<div class="case"><h4>Shrunk case <span class="muted">(${ce.shrinks} shrinks)</span></h4><p><code class="casetext">${ce.case}</code></p></div>
    <div class="answers">
      <div class="answer expected"><h4>Expected</h4><dl><dt>Answer</dt><dd><code>${ce.expected.classes.join(' or ')}</code></dd>
        <dt>Because</dt><dd>${ce.expected.reasons.length ? html`<ul class="reasons">${ce.expected.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : html`<span class="muted">—</span>`}</dd></dl></div>
      <div class="answer observed"><h4>Observed</h4>${ce.observed ? observedList(ce.observed) : html`<p class="muted">no answer was recorded</p>`}</div>
    </div>
    <div class="token"><h4>Token sent <span class="muted">(decoded${ce.token ? '' : ', value redacted'})</span></h4><div class="tokgrid">
      <div><h5>Header</h5>${kvTable(ce.header, runStart)}</div>
      <div><h5>Claims</h5>${kvTable(ce.claims, runStart)}</div></div></div>
    <details class="body"><summary>Counterexample as recorded (JSON, replayable)</summary><pre class="code">${pretty(ce)}</pre></details>`;
}

/** One distinct failure of a property: what sets it apart, its sentences, its case, its path and its curl. */
function failureBlock(f: PropertyFailure, i: number, n: number, runStart: number): Html {
  return html`<section class="pfail" data-severity="${f.severity}"><h4>${severityChip(f.severity)} Failure ${i + 1} of ${n} <span class="muted">(${failureClassText(f)} · path ${f.path || 'none'})</span></h4>
    ${f.failures.length ? html`<ul class="failures">${f.failures.map((x) => html`<li>${prose(x)}</li>`)}</ul>` : ''}
    ${counterexampleBlock(f.counterexample, runStart)}
    ${f.reproduce ? copyBlock('Reproduce', f.reproduce) : ''}
  </section>`;
}

function propertyRow(p: PropertyResult, runStart: number): Html {
  const status = rowStatus(p);
  const failed = status === 'fail' || status === 'error';
  const listed = p.verdict === 'fail' ? propertyFailures(p) : [];
  const severity = listed[0]?.severity ?? null;
  return html`<details class="row prop v-${status}" data-verdict="${status}" data-severity="${severity ?? ''}"${failed ? html` open` : ''}>
  <summary>${verdictPill(status)}${severityChip(severity)}<span class="what"><span class="scn">${p.property}</span><span class="title">${listed.length > 1 ? `${listed.length} distinct failures · ` : ''}seed ${p.seed}${p.path ? ` · path ${p.path}` : ''} · ${p.runs} runs</span></span><code class="ep">${p.endpoint}</code><span class="cat">property</span></summary>
  <div class="detail">
    ${expectedNote(p.expectedFailure)}
    ${listed.length === 0 && p.failures.length ? html`<ul class="failures">${p.failures.map((f) => html`<li>${prose(f)}</li>`)}</ul>` : ''}
    <dl class="inline"><dt>Seed</dt><dd><code>${p.seed}</code></dd><dt>Path</dt><dd>${p.path ? html`<code>${p.path}</code>` : html`<span class="muted">none</span>`}</dd><dt>Runs</dt><dd>${p.runs}</dd></dl>
    ${listed.map((f, i) => failureBlock(f, i, listed.length, runStart))}
    ${listed.length === 0 && p.reproduce ? copyBlock('Reproduce', p.reproduce) : ''}
  </div>
</details>`;
}

function complianceTable(report: Report): Html {
  const rows = complianceByStandard(report);
  return html`<table class="compliance"><thead><tr><th>Standard</th><th class="num">Passed</th><th class="barcell"></th></tr></thead><tbody>
  ${rows.map((c) => {
    const pct = c.total ? Math.round((c.passed / c.total) * 100) : 0;
    const cls = !c.total ? 'none' : c.passed === c.total ? 'ok' : 'bad';
    return html`<tr data-standard="${c.id}"><th>${c.label}</th><td class="num">${c.total ? html`<strong>${c.passed}</strong>/${c.total}` : html`<span class="muted">no checks</span>`}${c.skipped ? html` <span class="muted">(${c.skipped} skipped)</span>` : ''}</td>
    <td class="barcell"><div class="bar ${cls}"><span style="width:${pct}%"></span></div></td></tr>`;
  })}
  </tbody></table>`;
}

/** The observed policy beside the declared one; nothing for a report that carries none. */
function policyPanel(report: Report): Html {
  const rows = policyRows(report);
  if (!rows) return html``;
  return html`<section class="panel" id="policy"><h2>Observed policy <span class="muted">(${policyCaption(report)}; declared values are held exactly, undeclared ones only to the ceiling)</span></h2>
  <table class="policy"><thead><tr><th></th><th>Declared</th><th>Observed</th><th>How it was measured</th></tr></thead><tbody>
  ${rows.map(
    (p) =>
      html`<tr data-key="${p.key}"${p.differs ? html` class="differs"` : ''}><th>${p.label}</th><td>${p.declared}</td><td><strong>${p.observed}</strong>${p.differs ? html`<span class="mismatch" title="the API does not do what it declares">≠</span>` : ''}</td><td class="how">${p.how}</td></tr>`,
  )}
  </tbody></table></section>`;
}

function filterBox(name: string, value: string, label: string, count: number): Html {
  return html`<label class="chk chk-${value}"><input type="checkbox" name="${name}" value="${value}" checked> ${label} <span class="count">${count}</span></label>`;
}

const CSS = `
:root{--bg:#f6f7f9;--card:#fff;--fg:#1d2430;--muted:#667085;--line:#e4e7ec;--code:#f2f4f7;
--pass:#067647;--pass-bg:#dcfae6;--fail:#b42318;--fail-bg:#fee4e2;--skip:#475467;--skip-bg:#eaecf0;--error:#6941c6;--error-bg:#ebe9fe;
--critical:#b42318;--major:#c4320a;--minor:#a15c07;--critical-bg:#fee4e2;--major-bg:#ffead5;--minor-bg:#fef0c7}
@media (prefers-color-scheme:dark){:root{--bg:#0f1319;--card:#171c24;--fg:#e6e9ef;--muted:#98a2b3;--line:#2a313c;--code:#1f2630;
--pass:#47cd89;--pass-bg:#053321;--fail:#f97066;--fail-bg:#55160c;--skip:#98a2b3;--skip-bg:#252b36;--error:#a48afb;--error-bg:#2c1c5f;
--critical:#f97066;--major:#fd853a;--minor:#fdb022;--critical-bg:#55160c;--major-bg:#511c10;--minor-bg:#4e1d09}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
code,pre,.scn{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","DejaVu Sans Mono",monospace;font-size:12.5px}
.wrap{max-width:1180px;margin:0 auto;padding:0 24px}
header.banner{color:#fff;padding:28px 0 68px}
header.banner.fail{background:linear-gradient(135deg,#912018,#d92d20)}
header.banner.pass{background:linear-gradient(135deg,#05603a,#079455)}
header.banner.partial{background:linear-gradient(135deg,#93370d,#dc6803)}
.badge{display:inline-block;font-weight:700;font-size:12px;letter-spacing:.08em;background:rgba(255,255,255,.18);border:1px solid rgba(255,255,255,.35);border-radius:999px;padding:2px 10px}
header h1{margin:10px 0 4px;font-size:28px;line-height:1.2}
header p{margin:0;opacity:.92}
header code{background:rgba(255,255,255,.16);padding:1px 6px;border-radius:4px;font-size:13px}
main{padding:24px 0 48px}
section{margin-top:24px}
h2{font-size:17px;margin:0 0 12px}
h4{margin:0 0 6px;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
h5{margin:0 0 4px;font-size:12px;color:var(--muted)}
.muted{color:var(--muted)}h2 .muted{font-size:.55em;font-weight:400;margin-left:.4em}
.cards{display:grid;grid-template-columns:1fr 1fr 1.9fr 1fr 1fr;gap:12px;margin-top:-44px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;box-shadow:0 1px 2px rgba(16,24,40,.06)}
.card .n{font-size:26px;font-weight:700;line-height:1.1}
.card .l{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.05em}
.card.passed .n{color:var(--pass)}.card.failed .n{color:var(--fail)}.card.errored .n{color:var(--error)}.card.skipped .n{color:var(--skip)}
.sevs{display:flex;gap:6px;margin-top:6px;flex-wrap:wrap}
.panel{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px}
.two{display:grid;grid-template-columns:1.2fr 1fr;gap:16px}
table{border-collapse:collapse;width:100%}
.compliance th,.compliance td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;font-weight:normal}
.compliance thead th{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
.compliance tbody th{font-weight:500}
.compliance tr:last-child th,.compliance tr:last-child td{border-bottom:0}
.num{white-space:nowrap;text-align:right!important}
.policy th,.policy td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;font-weight:normal;vertical-align:top}
.policy thead th{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
.policy tbody th{font-weight:500;white-space:nowrap}.policy td.how{color:var(--muted);font-size:12.5px}
.policy tr.differs td strong{color:var(--fail)}
.policy tr:last-child th,.policy tr:last-child td{border-bottom:0}
.barcell{width:34%}
.bar{height:8px;border-radius:99px;background:var(--code);overflow:hidden}
.bar span{display:block;height:100%;border-radius:99px}
.bar.ok span{background:var(--pass)}.bar.bad span{background:var(--fail)}
dl.meta{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:0}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;word-break:break-all}
.filters{display:flex;flex-wrap:wrap;gap:10px 18px;align-items:center;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 14px;margin-bottom:10px;position:sticky;top:0;z-index:2}
.fgroup{display:flex;gap:6px;align-items:center;flex-wrap:wrap}
.fgroup>.lbl{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em;margin-right:2px}
.chk{display:inline-flex;align-items:center;gap:5px;border:1px solid var(--line);border-radius:999px;padding:2px 10px 2px 7px;cursor:pointer;user-select:none;background:var(--bg)}
.chk input{margin:0;accent-color:#344054}
.chk .count{color:var(--muted);font-size:12px}
select{font:inherit;border:1px solid var(--line);border-radius:6px;padding:3px 6px;background:var(--bg);color:var(--fg)}
#shown{margin-left:auto;color:var(--muted);font-size:13px}
.tools button,button.copy{font:inherit;font-size:12px;border:1px solid var(--line);background:var(--bg);color:var(--fg);border-radius:6px;padding:2px 8px;cursor:pointer}
.tools button:hover,button.copy:hover{border-color:var(--muted)}
.rows{display:flex;flex-direction:column;gap:6px}
details.row{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--line);border-radius:8px}
details.row[hidden]{display:none}
details.row.v-fail{border-left-color:var(--fail)}details.row.v-pass{border-left-color:var(--pass)}details.row.v-error{border-left-color:var(--error)}details.row.v-skip{border-left-color:var(--skip)}
details.row>summary{display:grid;grid-template-columns:58px 70px minmax(0,1fr) auto 90px;gap:10px;align-items:center;padding:8px 12px;cursor:pointer;list-style:none}
details.row>summary::-webkit-details-marker{display:none}
details.row>summary:hover{background:var(--bg);border-radius:8px}
.what{display:flex;gap:10px;align-items:baseline;min-width:0}
.scn{font-weight:600;white-space:nowrap}
.title{color:var(--muted);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.ep{background:var(--code);padding:1px 6px;border-radius:4px;white-space:nowrap}
.cat{color:var(--muted);font-size:12px;text-align:right}
.pill{display:inline-block;text-align:center;font-size:11px;font-weight:700;letter-spacing:.04em;border-radius:4px;padding:1px 0;width:54px}
.pill.v-pass{color:var(--pass);background:var(--pass-bg)}.pill.v-fail{color:var(--fail);background:var(--fail-bg)}
.pill.v-skip{color:var(--skip);background:var(--skip-bg)}.pill.v-error{color:var(--error);background:var(--error-bg)}
.pill.v-expected{color:var(--skip);background:var(--skip-bg);outline:1px dashed var(--fail)}details.row.v-expected{border-left-color:var(--skip);border-left-style:dashed}
.sev{display:inline-block;font-size:11px;font-weight:600;border-radius:999px;padding:1px 8px;text-align:center}
.sev-critical{color:var(--critical);background:var(--critical-bg)}.sev-major{color:var(--major);background:var(--major-bg)}.sev-minor{color:var(--minor);background:var(--minor-bg)}
.detail{padding:4px 16px 16px 16px;border-top:1px solid var(--line);display:flex;flex-direction:column;gap:14px}
.detail h4{margin-top:10px}
ul.reasons{margin:0;padding-left:18px}
section.pfail{border-top:1px solid var(--line);padding-top:8px;margin-top:8px}
section.pfail>h4{display:flex;align-items:center;gap:6px;flex-wrap:wrap}
code.casetext{font-size:13.5px;background:var(--code);padding:2px 8px;border-radius:4px}
.case p{margin:0}
ul.failures{margin:12px 0 0;padding:8px 12px 8px 30px;background:var(--fail-bg);border-radius:8px}
.v-error ul.failures{background:var(--error-bg)}
.detail>dl.inline{margin-top:0}
ul.failures li{margin:2px 0;font-weight:500;white-space:pre-wrap}
.note{margin:12px 0 0;white-space:pre-wrap}.error-note{color:var(--error)}
.answers{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.answer{border:1px solid var(--line);border-radius:8px;padding:8px 12px;background:var(--bg)}
.answer dl{display:grid;grid-template-columns:90px 1fr;gap:3px 10px;margin:0}
.answer dt{color:var(--muted)}.answer dd{margin:0;word-break:break-word}
.answer code{background:var(--card);padding:0 4px;border-radius:3px}
.answer dd.bad,.answer dd.bad code,.answer dd.bad .muted{color:var(--fail);font-weight:600}
.mismatch{display:inline-block;margin-left:6px;font-weight:700;color:var(--fail)}
details.body{margin-top:8px}details.body>summary{cursor:pointer;color:var(--muted);font-size:12px}
pre.code{margin:6px 0 0;background:var(--code);border:1px solid var(--line);border-radius:6px;padding:8px 10px;white-space:pre-wrap;word-break:break-all;max-height:320px;overflow:auto}
.tokgrid{display:grid;grid-template-columns:1fr 1.6fr;gap:12px}
table.kv td,table.kv th{padding:2px 8px 2px 0;vertical-align:top;text-align:left;border-bottom:1px dashed var(--line)}
table.kv th{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;font-weight:600;white-space:nowrap;width:1%}
table.kv td{word-break:break-all}
.copyhead{display:flex;align-items:center;gap:10px}.copyhead h4{margin:0}
.fixrow{display:grid;grid-template-columns:2fr 1fr;gap:12px}
.fix p{margin:0}
.fix code,ul.failures code{background:var(--code);padding:0 4px;border-radius:3px}
ul.refs{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px}
ul.refs li{background:var(--code);border:1px solid var(--line);border-radius:4px;padding:0 6px;font-size:12px}
dl.inline{display:flex;gap:6px 10px;margin:12px 0 0;flex-wrap:wrap}dl.inline dt{color:var(--muted)}dl.inline dd{margin:0 12px 0 0}
.empty{padding:16px;text-align:center;color:var(--muted)}
footer{margin-top:32px;color:var(--muted);font-size:12px}
@media (max-width:820px){.cards{grid-template-columns:repeat(2,1fr)}.two,.answers,.tokgrid,.fixrow{grid-template-columns:1fr}
details.row>summary{grid-template-columns:54px 64px 1fr}.ep,.cat{display:none}}
@media print{.filters,.tools,button.copy{display:none}details.row{break-inside:avoid}}
`;

const JS = `
(function () {
  'use strict';
  var all = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var rows = all('#results details.row');
  var shown = document.getElementById('shown');
  var empty = document.getElementById('empty');
  var category = document.getElementById('f-category');
  function apply() {
    var verdicts = all('input[name=verdict]:checked').map(function (i) { return i.value; });
    var sevs = all('input[name=severity]:checked').map(function (i) { return i.value; });
    var cat = category.value;
    var n = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var ok = verdicts.indexOf(d.verdict) >= 0 && (!d.severity || sevs.indexOf(d.severity) >= 0) && (!cat || d.category === cat);
      row.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = 'Showing ' + n + ' of ' + rows.length;
    empty.hidden = n !== 0;
  }
  all('.filters input, .filters select').forEach(function (el) { el.addEventListener('change', apply); });
  document.getElementById('expand').addEventListener('click', function () { rows.forEach(function (r) { if (!r.hidden) r.open = true; }); });
  document.getElementById('collapse').addEventListener('click', function () { rows.forEach(function (r) { r.open = false; }); });
  document.getElementById('only-failures').addEventListener('click', function () {
    all('input[name=verdict]').forEach(function (i) { i.checked = i.value === 'fail' || i.value === 'error'; });
    all('input[name=severity]').forEach(function (i) { i.checked = true; });
    category.value = '';
    apply();
  });
  document.addEventListener('click', function (e) {
    var button = e.target && e.target.closest ? e.target.closest('button.copy') : null;
    if (!button) return;
    var pre = button.closest('.copyblock').querySelector('pre');
    var text = pre.textContent;
    var done = function (ok) {
      button.textContent = ok ? 'Copied' : 'Select + Ctrl-C';
      setTimeout(function () { button.textContent = 'Copy'; }, 1500);
    };
    var fallback = function () {
      var range = document.createRange();
      range.selectNodeContents(pre);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (err) { ok = false; }
      done(ok);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  });
  apply();
})();
`;

function fmtDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Stale expected-failures entries: they pass now and fail the run until removed. */
function staleSection(report: Report): Html | string {
  const stale = report.gate?.expectedFailures?.stale ?? [];
  if (!stale.length) return '';
  return html`<section class="panel"><h2>Stale expected failures</h2><p>These pass now; remove them from <code>${report.gate!.expectedFailures!.file}</code> (each fails the run until then).</p><ul>${stale.map(
    (e) => html`<li><code>${e.at}</code>: <code>${e.scenario}${e.endpoint ? `:${e.endpoint}` : ''}</code> (${e.reason})</li>`,
  )}</ul></section>`;
}

export function renderHtml(report: Report): string {
  const nonce = randomBytes(16).toString('base64');
  const s = report.summary;
  const { ok } = headline(report);
  const state = report.partial ? 'partial' : ok ? 'pass' : 'fail';
  const sev = severityPhrase(report);
  const stopped = report.stop && report.stop.cause !== 'interrupted' ? report.stop : null;
  const title = report.partial
    ? `${stopped ? 'Stopped early' : 'Interrupted'}: ${s.failed} of ${s.total} checks failed so far`
    : ok
      ? s.failed || s.expected
        ? `Passed with ${[s.failed ? `${s.failed} below fail-on ${report.gate?.failOn}` : '', s.expected ? `${s.expected} expected failures` : ''].filter(Boolean).join(' and ')}`
        : `All ${s.total} checks passed`
      : s.failed
        ? `${s.failed} of ${s.total} checks failed`
        : !s.errored && report.gate?.expectedFailures?.stale.length
          ? `${report.gate.expectedFailures.stale.length} stale expected-failure entries (passing now)`
          : `${s.errored} of ${s.total} checks could not be judged`;
  const subtitle = [
    stopped ? stopped.message : '',
    sev,
    s.errored && s.failed ? `${s.errored} errored` : '',
    s.skipped ? `${s.skipped} skipped` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const runStart = Math.round(Date.parse(report.startedAt) / 1000);
  const rows = byImportance(report.results);
  const categories = [...new Set(report.results.map((r) => r.category))];
  const count = (pred: (r: ResultRow) => boolean): number => report.results.filter(pred).length;
  const wall = Date.parse(report.finishedAt) - Date.parse(report.startedAt);

  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'`;

  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="token-gauntlet ${report.tool.version}">
<title>token-gauntlet: ${title} · ${report.target}</title>
<style>${new Html(CSS)}</style>
</head>
<body>
<header class="banner ${state}">
  <div class="wrap">
    <span class="badge">${state === 'pass' ? 'PASS' : state === 'partial' ? (stopped ? 'STOPPED' : 'INTERRUPTED') : 'FAIL'}</span>
    <h1 id="verdict">${title}</h1>
    <p>against <code>${report.target || '(unknown target)'}</code>${subtitle ? html` · ${subtitle}` : ''}</p>
    <p class="when">profile <strong>${report.profile}</strong> · ${report.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}${Number.isFinite(wall) ? html` · took ${fmtDuration(wall)}` : ''}</p>
  </div>
</header>
<main class="wrap">
  <section class="cards" aria-label="Summary">
    <div class="card total"><div class="n">${s.total}</div><div class="l">Checks</div></div>
    <div class="card passed"><div class="n">${s.passed}</div><div class="l">Passed</div></div>
    <div class="card failed"><div class="n">${s.failed}</div><div class="l">Failed</div><div class="sevs">${SEVERITIES.map((x) => html`<span class="sev sev-${x}">${s.bySeverity[x]} ${x}</span>`)}</div></div>
    <div class="card skipped"><div class="n">${s.skipped}</div><div class="l">Skipped</div></div>
    <div class="card errored"><div class="n">${s.errored}</div><div class="l">Errored</div></div>
    ${s.expected ? html`<div class="card skipped"><div class="n">${s.expected}</div><div class="l">Expected</div></div>` : ''}
  </section>
  ${staleSection(report)}

  <section class="two">
    <div class="panel"><h2>Compliance by standard</h2>${complianceTable(report)}</div>
    <div class="panel"><h2>Run</h2><dl class="meta">
      <dt>Target</dt><dd><code>${report.target}</code></dd>
      <dt>Endpoints</dt><dd>${report.endpoints.map((e, i) => html`${i ? ', ' : ''}<code>${e}</code>`)}</dd>
      <dt>IdP issuer</dt><dd><code>${report.idp.issuer}</code></dd>
      <dt>JWKS</dt><dd><code>${report.idp.jwks_uri}</code></dd>
      <dt>Baseline</dt><dd><code>${report.baseline.alg}</code> <code>${report.baseline.typ}</code> aud <code>${report.baseline.audience}</code> ${report.baseline.accepted ? 'accepted' : html`<strong>not accepted</strong>`}</dd>
      <dt>Profile</dt><dd>${report.profile}</dd>
      <dt>Seed</dt><dd>${report.seed ?? html`<span class="muted">none</span>`}</dd>
      ${report.gate ? html`<dt>Gate</dt><dd>${gatePhrase(report.gate)}</dd>` : ''}
      <dt>Finished</dt><dd>${report.finishedAt}${report.partial ? html` <strong>(${stopped ? 'stopped early' : 'interrupted'})</strong>` : ''}</dd>
    </dl></div>
  </section>

  ${policyPanel(report)}

  <section id="results">
    <h2>Scenario results <span class="muted">(the filters and their counts cover these; property cases are listed below)</span></h2>
    <div class="filters" role="group" aria-label="Filters">
      <div class="fgroup"><span class="lbl">Verdict</span>
        ${filterBox(
          'verdict',
          'fail',
          'failed',
          count((r) => rowStatus(r) === 'fail'),
        )}
        ${filterBox(
          'verdict',
          'error',
          'errored',
          count((r) => r.verdict === 'error'),
        )}
        ${filterBox(
          'verdict',
          'pass',
          'passed',
          count((r) => r.verdict === 'pass'),
        )}
        ${filterBox(
          'verdict',
          'skip',
          'skipped',
          count((r) => r.verdict === 'skip'),
        )}
        ${
          s.expected
            ? filterBox(
                'verdict',
                'expected',
                'expected',
                count((r) => rowStatus(r) === 'expected'),
              )
            : ''
        }
      </div>
      <div class="fgroup"><span class="lbl">Severity</span>
        ${SEVERITIES.map((x) =>
          filterBox(
            'severity',
            x,
            x,
            count((r) => rowStatus(r) === 'fail' && r.severity === x),
          ),
        )}
      </div>
      <div class="fgroup"><label class="lbl" for="f-category">Category</label>
        <select id="f-category"><option value="">all</option>${categories.map((c) => html`<option value="${c}">${c} (${count((r) => r.category === c)})</option>`)}</select>
      </div>
      <div class="fgroup tools"><button type="button" id="only-failures">Only failures</button><button type="button" id="expand">Expand all</button><button type="button" id="collapse">Collapse all</button></div>
      <span id="shown">Showing ${rows.length} of ${rows.length}</span>
    </div>
    <noscript><p class="muted">Filters need JavaScript; every result is listed below.</p></noscript>
    <div class="rows">
      ${rows.map((r, i) => resultRow(r, i, runStart))}
      <div class="empty" id="empty" hidden>No result matches these filters.</div>
    </div>
  </section>

  ${
    report.properties.length
      ? html`<section id="properties"><h2>Property cases <span class="muted">(${report.properties.filter((p) => p.verdict === 'fail').length} of ${report.properties.length} failed)</span></h2><div class="rows">${report.properties.map((p) => propertyRow(p, runStart))}</div></section>`
      : ''
  }

  <footer>token-gauntlet ${report.tool.version} · report schemaVersion ${report.schemaVersion} · the data of this page is embedded below as JSON (script#report-data)</footer>
</main>
<script type="application/json" id="report-data">${new Html(jsonForScript(report))}</script>
<script nonce="${nonce}">${new Html(JS)}</script>
</body>
</html>
`;
  return page.value;
}

/**
 * The expected-failures file (--expected-failures, config `expectedFailures`): failures an API owner
 * knows of and has not fixed yet. YAML, a list of entries:
 *
 *   - scenario: alg-none              # every endpoint
 *     reason: legacy verifier, SEC-12
 *   - scenario: expired:GET /orders   # one endpoint (or `endpoint: GET /orders`)
 *     reason: ...
 *
 * Every mistake in the file is one HarnessError line quoting the user's line and naming the fix.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { HarnessError } from '../core/errors.ts';
import { normalEndpoint } from './normal-endpoint.ts';

export { normalEndpoint };

export interface ExpectedEntry {
  scenario: string;
  /** "GET /orders"; undefined = every endpoint. */
  endpoint?: string;
  reason: string;
  /** "file:line" of the entry, as the user reads it. */
  at: string;
  line: number;
}

export interface ExpectedFailures {
  /** The file as given (relative to the working directory when inside it). */
  file: string;
  entries: ExpectedEntry[];
}

const FIX = 'each entry is "- scenario: <id>[:<METHOD /path>]" with "reason: <why>" (README "Gradual adoption")';
const KEYS = new Set(['scenario', 'endpoint', 'reason']);

function fail(file: string, lines: string[], line: number, what: string): never {
  const quoted = (lines[line - 1] ?? '').trim();
  throw new HarnessError('ERR_EXPECTED_FAILURES', `${file}:${line}: ${what}${quoted ? ` (in "${quoted}")` : ''}; ${FIX}`);
}

/** Parse the file's text; `file` is how it is named in every message. */
export function parseExpectedFailures(text: string, file: string): ExpectedFailures {
  const lines = text.split(/\r?\n/);
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const lineOf = (node: Node | null | undefined, fallback = 1): number => (node?.range ? counter.linePos(node.range[0]).line : fallback);
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line ?? 1;
    fail(file, lines, line, `not valid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { file, entries: [] };
  if (!isSeq(root)) fail(file, lines, lineOf(root as Node), 'the file is not a list');
  const entries: ExpectedEntry[] = [];
  const seen = new Map<string, string>();
  for (const item of root.items) {
    const line = lineOf(item as Node);
    if (!isMap(item)) fail(file, lines, line, 'an entry is not a "scenario:"/"reason:" mapping');
    const fields: Record<string, string> = {};
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const keyLine = lineOf(pair.key as Node, line);
      if (!KEYS.has(key)) fail(file, lines, keyLine, `unknown key "${key}"`);
      if (!isScalar(pair.value) || pair.value.value === null || String(pair.value.value).trim() === '')
        fail(file, lines, keyLine, `"${key}" needs a text value`);
      fields[key] = String(pair.value.value).trim();
    }
    if (!fields.scenario) fail(file, lines, line, 'an entry without "scenario"');
    if (!fields.reason) fail(file, lines, line, `"${fields.scenario}" has no "reason"; say why the failure is accepted for now`);
    let scenario = fields.scenario;
    let endpoint = fields.endpoint;
    const colon = scenario.indexOf(':');
    if (colon >= 0) {
      if (endpoint) fail(file, lines, line, 'the endpoint is given twice ("scenario: id:ENDPOINT" and "endpoint:")');
      endpoint = scenario.slice(colon + 1);
      scenario = scenario.slice(0, colon).trim();
    }
    if (endpoint !== undefined) {
      endpoint = normalEndpoint(endpoint);
      if (!/^[A-Z]+ \/\S*$/.test(endpoint)) fail(file, lines, line, `endpoint "${endpoint}" is not "METHOD /path"`);
    }
    const key = `${scenario}:${endpoint ?? '*'}`;
    const at = `${file}:${line}`;
    if (seen.has(key)) fail(file, lines, line, `"${key.replace(/:\*$/, '')}" is listed twice (first at ${seen.get(key)})`);
    seen.set(key, at);
    entries.push({ scenario, endpoint, reason: fields.reason, at, line });
  }
  return { file, entries };
}

export function loadExpectedFailures(path: string, shownAs: string = relative(process.cwd(), path) || path): ExpectedFailures {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new HarnessError(
      'ERR_EXPECTED_FAILURES',
      `expected-failures file ${shownAs} ${code === 'ENOENT' ? 'not found' : `cannot be read (${code ?? (err as Error).message})`}; check the path given to --expected-failures`,
      { cause: err },
    );
  }
  return parseExpectedFailures(text, shownAs.startsWith('..') ? path : shownAs);
}

/**
 * Every entry names a scenario (or property) of the catalogue and, when it names one, an endpoint of
 * the run; else one line naming the entry's place and the fix.
 */
export function checkEntries(list: ExpectedFailures, ids: readonly string[], endpoints: readonly string[]): void {
  const known = new Set(ids);
  const eps = new Set(endpoints.map(normalEndpoint));
  for (const e of list.entries) {
    if (!known.has(e.scenario)) {
      throw new HarnessError(
        'ERR_EXPECTED_FAILURES',
        `${e.at}: unknown scenario "${e.scenario}"; use an id from "gauntlet list" (or a property name), or remove the entry`,
      );
    }
    if (e.endpoint && !eps.has(e.endpoint)) {
      throw new HarnessError(
        'ERR_EXPECTED_FAILURES',
        `${e.at}: "${e.endpoint}" is not an endpoint of this run (${[...eps].join(', ')}); fix the entry or the endpoints`,
      );
    }
  }
}

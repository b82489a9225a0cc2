/** The scenarios of a run: the built-in catalogue plus a user's own modules, filtered by --only; --skip ones become skipped rows. */
import { isRef } from './core/ref.ts';
import { importModule, loadFailure } from './import-module.ts';
import { catalogue } from '../scenarios/catalogue.ts';
import { type Scenario } from '../scenarios/define.ts';
import { CATEGORIES } from './core/category.ts';
import { ANSWER_CLASSES } from './core/answer.ts';
import { HarnessError } from './core/errors.ts';

function isScenario(v: unknown): v is Scenario {
  const s = v as Scenario;
  return !!s && typeof s.id === 'string' && typeof s.probes === 'function' && typeof s.title === 'string' && s.expect !== undefined;
}

/**
 * What is wrong with a user's scenario, checked when it loads (not after the catalogue has run), as
 * the words of one error line; undefined when nothing is.
 */
function scenarioMistake(s: Scenario): string | undefined {
  const classes: unknown[] = Array.isArray(s.expect) ? [...s.expect] : [s.expect];
  const bad = classes.find((c) => !(ANSWER_CLASSES as readonly unknown[]).includes(c));
  if (bad !== undefined || classes.length === 0)
    return `expect ${JSON.stringify(s.expect)} is not an answer class; use one or more of ${ANSWER_CLASSES.join(', ')}`;
  if (!(CATEGORIES as readonly string[]).includes(s.category))
    return `category ${JSON.stringify(s.category)} is not one of ${CATEGORIES.join(', ')}`;
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(s.id)) return `id "${s.id}" is not kebab-case; use lower-case words joined by "-"`;
  if (!Array.isArray(s.refs) || !s.refs.every(isRef))
    return `refs is not a list of references; write refs: [rfc(6750, '3.1'), cwe(613)] (rfc, cwe, cve, source from token-gauntlet) or { spec: 'RFC 6750', section: '3.1' }`;
  if (typeof s.resolution !== 'string' || !s.resolution.trim())
    return 'resolution is missing; say in one sentence what the API owner must change';
  if (s.ifAccepted && !['critical', 'major'].includes(s.ifAccepted.severity))
    return `ifAccepted.severity ${JSON.stringify(s.ifAccepted.severity)} is not critical or major`;
  return undefined;
}

export async function loadUserScenarios(globs: readonly string[], baseDir: string): Promise<Scenario[]> {
  if (globs.length === 0) return [];
  const { glob } = await import('tinyglobby'); // only for a run with scenarios of its own
  const files = (await glob([...globs], { cwd: baseDir, absolute: true })).sort();
  if (files.length === 0) {
    throw new HarnessError(
      'ERR_SCENARIO_INVALID',
      `no scenario files match ${globs.join(', ')} (from ${baseDir}); fix "scenarios" or --scenarios`,
    );
  }
  const out: Scenario[] = [];
  for (const file of files) {
    let mod: { default?: unknown };
    try {
      mod = await importModule(file);
    } catch (err) {
      throw new HarnessError('ERR_SCENARIO_INVALID', `cannot load scenario ${file}: ${loadFailure(err)}; fix that module`, { cause: err });
    }
    if (!isScenario(mod.default)) {
      throw new HarnessError(
        'ERR_SCENARIO_INVALID',
        `${file} does not default-export a scenario; write "export default defineScenario({ id, title, ... })"`,
      );
    }
    const mistake = scenarioMistake(mod.default);
    if (mistake) throw new HarnessError('ERR_SCENARIO_INVALID', `${file}: ${mistake}`);
    out.push(mod.default);
  }
  return out;
}

export function selectScenarios(all: readonly Scenario[], only?: readonly string[], skip?: readonly string[]): Scenario[] {
  const ids = new Set(all.map((s) => s.id));
  for (const id of [...(only ?? []), ...(skip ?? [])]) {
    if (!ids.has(id)) {
      throw new HarnessError('ERR_SCENARIO_UNKNOWN', `unknown scenario id "${id}"; run "gauntlet list" to see the ids`);
    }
  }
  // An excluded scenario stays in the run as a skipped row, so every report still lists it and says why.
  return all.filter((s) => !only?.length || only.includes(s.id)).map((s) => (skip?.includes(s.id) ? excluded(s) : s));
}

export const EXCLUDED_REASON = 'excluded by --skip';

/** The scenario, skipped on every endpoint with the reason; it sends nothing. */
function excluded(s: Scenario): Scenario {
  return { ...s, skip: () => EXCLUDED_REASON };
}

export async function scenariosFor(
  globs: readonly string[],
  baseDir: string,
  only?: readonly string[],
  skip?: readonly string[],
): Promise<Scenario[]> {
  const user = await loadUserScenarios(globs, baseDir);
  const seen = new Set(catalogue.map((s) => s.id));
  for (const s of user) {
    if (seen.has(s.id))
      throw new HarnessError('ERR_SCENARIO_INVALID', `scenario id "${s.id}" is defined twice; give your scenario its own id`);
    seen.add(s.id);
  }
  return selectScenarios([...catalogue, ...user], only, skip);
}

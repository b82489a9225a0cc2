/** The scenarios of a run: the built-in catalogue plus a user's own modules, filtered by --only; --skip ones become skipped rows. */
import { importModule, loadFailure } from './import-module.ts';
import { glob } from 'tinyglobby';
import { catalogue } from '../scenarios/catalogue.ts';
import type { Scenario } from '../scenarios/define.ts';
import { HarnessError } from './errors.ts';

function isScenario(v: unknown): v is Scenario {
  const s = v as Scenario;
  return !!s && typeof s.id === 'string' && typeof s.probes === 'function' && typeof s.title === 'string' && s.expect !== undefined;
}

export async function loadUserScenarios(globs: readonly string[], baseDir: string): Promise<Scenario[]> {
  if (globs.length === 0) return [];
  const files = (await glob([...globs], { cwd: baseDir, absolute: true })).sort();
  if (files.length === 0) {
    throw new HarnessError('ERR_SCENARIO_INVALID', `no scenario files match ${globs.join(', ')} (from ${baseDir}); fix "scenarios" or --scenarios`);
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
      throw new HarnessError('ERR_SCENARIO_INVALID', `${file} does not default-export a scenario; write "export default defineScenario({ id, title, ... })"`);
    }
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

export async function scenariosFor(globs: readonly string[], baseDir: string, only?: readonly string[], skip?: readonly string[]): Promise<Scenario[]> {
  const user = await loadUserScenarios(globs, baseDir);
  const seen = new Set(catalogue.map((s) => s.id));
  for (const s of user) {
    if (seen.has(s.id)) throw new HarnessError('ERR_SCENARIO_INVALID', `scenario id "${s.id}" is defined twice; give your scenario its own id`);
    seen.add(s.id);
  }
  return selectScenarios([...catalogue, ...user], only, skip);
}

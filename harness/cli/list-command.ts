/** `gauntlet list [--json]`: the catalogue: id, category, severity, title, refs. */
import { formatRef } from '../core/ref.ts';
import { scenariosFor } from '../load-scenarios.ts';
import type { Scenario } from '../../scenarios/define.ts';
import type { Out } from './out.ts';

/** The severity a failure of this scenario has at worst: accepting a must-reject token is critical. */
export function worstSeverity(s: Scenario): 'critical' | 'major' {
  const classes = Array.isArray(s.expect) ? s.expect : [s.expect];
  // A positive control refused is major; a must-reject token accepted is what the scenario says it means.
  return classes.includes('OK') ? 'major' : (s.ifAccepted?.severity ?? 'critical');
}

export async function listCommand(flags: { json?: boolean; scenarios?: string[] }, out: Out): Promise<number> {
  const all = await scenariosFor(flags.scenarios ?? [], process.cwd());
  if (flags.json) {
    out.log(
      JSON.stringify(
        all.map((s) => ({
          id: s.id,
          category: s.category,
          severity: worstSeverity(s),
          title: s.title,
          expect: s.expect,
          refs: s.refs,
          auditCodes: s.auditCodes ?? [],
          resolution: s.resolution,
        })),
        null,
        2,
      ),
    );
    return 0;
  }
  const w = Math.max(...all.map((s) => s.id.length));
  for (const s of all)
    out.log(
      `${s.id.padEnd(w)}  ${s.category.padEnd(10)}  ${worstSeverity(s).padEnd(8)}  ${s.title}  [${s.refs.map(formatRef).join('; ')}]`,
    );
  return 0;
}

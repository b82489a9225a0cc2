/** Resource-exhaustion probes must be refused quickly: a slow refusal is the attack working. */
import type { Finding, Observation } from '../define.ts';

export const FAST_MS = 2000;

export function slowAnswer(obs: Observation, limitMs = FAST_MS): Finding[] {
  if (obs.durationMs <= limitMs) return [];
  return [
    {
      check: 'duration',
      severity: 'major',
      message: `answered after ${Math.round(obs.durationMs)} ms; refuse oversized credentials within ${limitMs} ms, before parsing them`,
    },
  ];
}

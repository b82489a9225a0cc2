/**
 * The "Observed policy" table every writer shows: per measured value, what the API declares, what was
 * observed, whether the two disagree, and how it was measured. Also the skipped rows grouped by
 * scenario and reason, for the writers that list them.
 */
import { LEEWAY_CEILING, type DeclaredPolicy } from '../harness/policy/declared.ts';
import {
  OBSERVED_KEYS,
  OBSERVED_LABELS,
  seconds,
  showObserved,
  type ObservedKey,
  type ObservedPolicy,
} from '../harness/core/observed-policy.ts';
import type { Report, ResultRow } from '../harness/report.ts';

export interface PolicyRow {
  key: ObservedKey;
  label: string;
  declared: string;
  observed: string;
  /** The observed value contradicts the declared one: more than 2 s apart, no limit, an algorithm off the list, stateless yet introspecting. */
  differs: boolean;
  how: string;
}

const TIME: readonly ObservedKey[] = ['expLeeway', 'nbfLeeway', 'iatLeeway'];

function declaredText(key: ObservedKey, d: DeclaredPolicy | undefined, report: Report): string {
  if (!d) return 'not recorded';
  if (TIME.includes(key)) return d.leeway === null ? `not declared (refusal required beyond ${LEEWAY_CEILING} s)` : seconds(d.leeway);
  if (key === 'maxLifetime') return d.maxLifetime === null ? 'not declared (too-broad not applicable)' : seconds(d.maxLifetime);
  if (key === 'algorithms') return d.algorithms === null ? `not declared (baseline ${report.baseline.alg})` : d.algorithms.join(', ');
  if (key === 'typ') return `baseline ${report.baseline.typ}`;
  return d.revocation === null ? 'not declared' : d.revocation === 'none' ? 'none (stateless)' : 'introspection';
}

function differs(key: ObservedKey, d: DeclaredPolicy | undefined, o: ObservedPolicy): boolean {
  if (!d) return false;
  const far = (a: number | null, b: number | null): boolean => a !== null && b !== null && Math.abs(a - b) > 2;
  if (TIME.includes(key)) return far(d.leeway, o[key] as number | null) || (d.leeway !== null && o.unbounded.includes(key));
  if (key === 'maxLifetime') return far(d.maxLifetime, o.maxLifetime) || (d.maxLifetime !== null && o.unbounded.includes(key));
  if (key === 'algorithms') {
    // Only the loaded keys were tried, so a declared one may be missing for want of a key: flag what is accepted beyond the list.
    return !!d.algorithms && !!o.algorithms && o.algorithms.some((a) => !d.algorithms!.includes(a));
  }
  if (key === 'introspection') {
    if (d.revocation === null || o.introspection === null) return false;
    return (d.revocation === 'none') === o.introspection;
  }
  return false;
}

/** The table, or undefined for a report that carries no observed policy (written before it existed). */
export function policyRows(report: Report): PolicyRow[] | undefined {
  const o = report.observedPolicy;
  if (!o) return undefined;
  const d = report.declaredPolicy;
  return OBSERVED_KEYS.map((key) => ({
    key,
    label: OBSERVED_LABELS[key],
    declared: declaredText(key, d, report),
    observed: showObserved(key, o),
    differs: differs(key, d, o),
    how: o.how[key],
  }));
}

/** "measured on GET /orders with 73 probes". */
export function policyCaption(report: Report): string {
  const o = report.observedPolicy;
  return o ? `measured on ${o.endpoint || 'no endpoint'} with ${o.probes} probes` : 'not measured';
}

/** One line for a terminal: "observed policy on GET /orders: exp leeway 60 s, …, introspection yes". */
export function policyLine(report: Report): string | undefined {
  const rows = policyRows(report);
  if (!rows) return undefined;
  const items = rows.map((p) => `${p.label} ${p.observed}${p.differs ? ` (declared ${p.declared})` : ''}`);
  return `observed policy on ${report.observedPolicy!.endpoint}: ${items.join(', ')}`;
}

export interface SkippedGroup {
  scenario: string;
  title: string;
  endpoints: string[];
  reason: string;
}

/** Skipped rows, one entry per scenario and reason, endpoints gathered. */
export function skippedGroups(results: readonly ResultRow[]): SkippedGroup[] {
  const groups = new Map<string, SkippedGroup>();
  for (const r of results) {
    if (r.verdict !== 'skip') continue;
    const reason = r.skipReason ?? 'no reason given';
    const key = `${r.scenario}\u0000${reason}`;
    const g = groups.get(key) ?? { scenario: r.scenario, title: r.title, endpoints: [], reason };
    g.endpoints.push(r.endpoint);
    groups.set(key, g);
  }
  return [...groups.values()];
}

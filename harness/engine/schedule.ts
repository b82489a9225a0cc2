/**
 * Which scenario runs when: the catalogue as units (one scenario on one endpoint, or an exclusive
 * scenario on every endpoint at once), up to `concurrency` of them side by side. Safe by isolation:
 * a scenario not marked exclusive changes only facts of its own tokens and keys (checked after each
 * unit, see runScenarioOn); an exclusive one waits until nothing else runs, runs alone, and its IdP
 * changes are undone before anything else starts. Rows come out in catalogue order whatever the
 * finishing order, so `--concurrency 1` and any other give the same report.
 *
 * Started in catalogue order, except that between two exclusive units those that wait on purpose
 * (`waits`: a stall until the target's own timeout, a late fetch) go first, so their waits overlap the
 * others' work rather than end the stretch. `--concurrency 1` starts them in the same order, so a target
 * that remembers what it was sent sees the same sequence either way.
 */
import type { Scenario } from '../../scenarios/define.ts';
import type { Endpoint } from '../core/endpoint.ts';
import type { ResultRow } from '../report.ts';

export interface Unit {
  scenario: Scenario;
  endpoints: readonly Endpoint[];
}

/** The catalogue as units, in report order. */
export function unitsOf(scenarios: readonly Scenario[], endpoints: readonly Endpoint[]): Unit[] {
  return scenarios.flatMap((scenario) =>
    scenario.exclusive ? [{ scenario, endpoints }] : endpoints.map((e) => ({ scenario, endpoints: [e] })),
  );
}

/**
 * The order units are started in (indices into `units`): catalogue order, except that between two
 * exclusive units those that wait on purpose go first. An exclusive unit keeps its place: everything
 * before it has finished when it starts and nothing after it has started, as in catalogue order, so a
 * target that remembers an outage (a cached JWKS failure) is judged the same.
 */
export function startOrder(units: readonly Unit[]): number[] {
  const order: number[] = [];
  let segment: number[] = [];
  const close = (): void => {
    order.push(...segment.filter((i) => units[i]!.scenario.waits), ...segment.filter((i) => !units[i]!.scenario.waits));
    segment = [];
  };
  units.forEach((unit, i) => {
    if (unit.scenario.exclusive) {
      close();
      order.push(i);
    } else segment.push(i);
  });
  close();
  return order;
}

export interface ScheduleOptions {
  concurrency: number;
  signal?: AbortSignal;
  /** Each unit's rows, in catalogue order, as soon as every unit before it has finished. */
  onRows(rows: ResultRow[]): void;
  /**
   * Run one unit. `alone`: nothing else runs meanwhile, and the unit restores the IdP itself; otherwise
   * others run beside it and the IdP is put back by `settle` once they have all finished.
   */
  run(unit: Unit, alone: boolean): Promise<ResultRow[]>;
  /** Called when the units running side by side have all finished: put the IdP back as it was before them. */
  settle(): void;
}

/**
 * Run every unit; stops starting new ones once `signal` aborts or a unit throws (the target went
 * away), lets the ones in flight finish, hands on what finished in order, and rethrows the first error.
 */
export async function schedule(units: readonly Unit[], opts: ScheduleOptions): Promise<void> {
  const size = Math.max(1, Math.floor(opts.concurrency));
  const done: Array<ResultRow[] | undefined> = [];
  let next = 0;
  const flush = (): void => {
    while (next < units.length && done[next]) opts.onRows(done[next++]!);
  };
  const inFlight = new Set<Promise<void>>();
  let failure: { err: unknown } | undefined;
  const drain = async (): Promise<void> => {
    while (inFlight.size) await Promise.race(inFlight);
  };
  const start = (i: number, alone: boolean): Promise<void> => {
    const p = opts
      .run(units[i]!, alone)
      .then(
        (rows) => {
          done[i] = rows;
          flush();
        },
        (err: unknown) => {
          failure ??= { err };
        },
      )
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    return p;
  };
  let shared = false;
  for (const i of startOrder(units)) {
    if (failure || opts.signal?.aborted) break;
    const unit = units[i]!;
    if (size === 1 || unit.scenario.exclusive) {
      await drain();
      if (shared) opts.settle();
      shared = false;
      if (failure || opts.signal?.aborted) break;
      await start(i, true);
      continue;
    }
    while (inFlight.size >= size) await Promise.race(inFlight);
    if (failure || opts.signal?.aborted) break;
    shared = true;
    void start(i, false);
  }
  await drain();
  if (shared) opts.settle();
  // Rows after a gap (a unit that threw or never started) still count: they were judged.
  for (let i = next; i < units.length; i++) if (done[i]) opts.onRows(done[i]!);
  if (failure) throw failure.err;
}

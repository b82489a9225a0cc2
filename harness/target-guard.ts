/**
 * The one count of a dead or hung endpoint, shared by every phase of a run (baseline, measurement,
 * scenarios, property cases): after `maxTimeouts` answers in a row that did not come in time on one
 * endpoint, its remaining probes are not sent: each fails at once with EndpointSkipped, which the
 * scenarios record as an errored row and a property as the reason it stopped, instead of each one
 * waiting out its own timeout. Any answer (an HTTP one, a reset, a close) starts the count again, and
 * so does the end of the measurement of the observed policy, whose probes are not verdicts.
 *
 * Probes already in flight when an endpoint is given up (other units, `--concurrency`) are not cut
 * short: each is answered or times out as a finding of its own, all waiting at the same time, so a dead
 * endpoint costs at most `maxTimeouts` + concurrency − 1 timeouts. Cutting them short would record a
 * probe that was sent and was still waiting as "skipped", and a late answer would be lost.
 */
import { endpointLabel } from './core/endpoint.ts';
import { HarnessError } from './core/errors.ts';
import type { Probe } from './probe.ts';
import { TargetTimeout, type Target } from './target/index.ts';

/** A probe not sent because its endpoint stopped answering: the reason, for the row or the property. */
export class EndpointSkipped extends Error {
  override name = 'EndpointSkipped';
}

export interface GuardOptions {
  /** Consecutive timeouts on one endpoint after which it is given up. */
  maxTimeouts: number;
  /** Called with every probe about to be sent (the redactor learns the credentials from it). */
  onSend?(probe: Probe): void;
}

export interface GuardedTarget extends Target {
  /** Start every endpoint's count again (after the measurement: the scenarios then record the hang as their own finding). */
  forgive(): void;
}

export function guardTarget(target: Target, options: GuardOptions): GuardedTarget {
  const timeouts = new Map<string, number>();
  return {
    forgive: () => timeouts.clear(),
    describe: target.describe,
    baseUrl: target.baseUrl,
    close: () => target.close(),
    async send(probe, timeoutMs) {
      const endpoint = endpointLabel(probe.endpoint);
      const count = timeouts.get(endpoint) ?? 0;
      if (count >= options.maxTimeouts) {
        throw new EndpointSkipped(`skipped after ${options.maxTimeouts} consecutive timeouts on ${endpoint}`);
      }
      options.onSend?.(probe);
      try {
        const answer = await target.send(probe, timeoutMs);
        timeouts.set(endpoint, 0);
        return answer;
      } catch (err) {
        if (err instanceof TargetTimeout) timeouts.set(endpoint, (timeouts.get(endpoint) ?? 0) + 1);
        else if (!(err instanceof HarnessError)) timeouts.set(endpoint, 0);
        throw err;
      }
    },
  };
}

/** One bounded autocannon round, reduced to what the tables show. */
import autocannon from 'autocannon';

export interface LoadRound {
  rps: number;
  p99Ms: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  requests: number;
}

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Open a new connection after this many requests (1: one connection per request, like the harness). */
  reconnectRate?: number;
}

export async function cannon(spec: LoadSpec): Promise<LoadRound> {
  const r = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    method: spec.method ?? 'GET',
    headers: spec.headers,
    body: spec.body,
    timeout: 10,
    ...(spec.reconnectRate ? { reconnectRate: spec.reconnectRate } : {}),
  });
  return {
    rps: r.requests.total / r.duration,
    p99Ms: r.latency.p99,
    errors: r.errors, // includes timeouts
    non2xx: r.non2xx,
    requests: r.requests.total,
  };
}

/**
 * Audit codes: read from a JSON body path, a response header, or a JSON-lines audit log file
 * (correlated by the request id the harness sent, or the token's jti), waiting briefly for late writes.
 */
import { readFile } from 'node:fs/promises';
import type { Observation } from './observation.ts';

export interface AuditSource {
  /** Dot path into a JSON body, e.g. `code` or `error.code`. */
  body?: string;
  /** A response header carrying the code. */
  header?: string;
  /** JSON-lines file the API appends to. */
  logFile?: string;
  /** Field of a log line holding the code (default `code`). */
  logField?: string;
  /** How log lines are matched to probes (default: request id). */
  correlate?: 'request-id' | 'jti';
  /** Field of a log line holding the request id (default `requestId`). */
  requestIdField?: string;
  /** How long to wait for a log line written late, ms. */
  waitMs?: number;
}

export const DEFAULT_AUDIT: AuditSource = { body: 'code' };

function at(value: unknown, path: string): unknown {
  for (const key of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

export function describeAuditSource(src: AuditSource): string {
  const parts: string[] = [];
  if (src.body) parts.push(`body.${src.body}`);
  if (src.header) parts.push(`header ${src.header}`);
  if (src.logFile) parts.push(`log ${src.logFile}`);
  return parts.join(', ') || 'none configured';
}

export async function readAuditCode(
  obs: Observation,
  src: AuditSource,
  keys: { requestId: string; jti?: string },
): Promise<string | undefined> {
  if (src.header && obs.headers[src.header.toLowerCase()]) return obs.headers[src.header.toLowerCase()];
  if (src.body) {
    const v = at(obs.json, src.body);
    if (typeof v === 'string' && v) return v;
  }
  if (src.logFile) return readFromLog(src, keys);
  return undefined;
}

async function readFromLog(src: AuditSource, keys: { requestId: string; jti?: string }): Promise<string | undefined> {
  const deadline = Date.now() + (src.waitMs ?? 500);
  const field = src.correlate === 'jti' ? 'jti' : (src.requestIdField ?? 'requestId');
  const wanted = src.correlate === 'jti' ? keys.jti : keys.requestId;
  if (!wanted) return undefined;
  for (;;) {
    const text = await readFile(src.logFile!, 'utf8').catch(() => '');
    for (const line of text.split('\n').reverse()) {
      if (!line.includes(wanted)) continue;
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        if (at(entry, field) === wanted) {
          const code = at(entry, src.logField ?? 'code');
          if (typeof code === 'string') return code;
        }
      } catch {
        // A line being written right now: try again on the next pass.
      }
    }
    if (Date.now() >= deadline) return undefined;
    await new Promise((r) => setTimeout(r, 25));
  }
}

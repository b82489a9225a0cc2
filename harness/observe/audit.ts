/**
 * Audit codes: read from a JSON body path, a response header, a JSON-lines audit log file, or the
 * events the API POSTs to the mock IdP's audit sink (`/_gauntlet/audit`). Log lines and sink events are
 * matched to the probe by the request id the harness sent, or the token's jti, waiting briefly for
 * ones written after the answer.
 */
import { readFile } from 'node:fs/promises';
import type { AuditEvent } from '../../mocks/idp/state.ts';
import type { Observation } from '../core/observation.ts';

export interface AuditSource {
  /** Dot path into a JSON body, e.g. `code` or `error.code`. */
  body?: string;
  /** A response header carrying the code. */
  header?: string;
  /** JSON-lines file the API appends to. */
  logFile?: string;
  /** Field of a log line holding the code (default `code`). */
  logField?: string;
  /** The API POSTs one JSON event per request to the IdP's `<issuer>/_gauntlet/audit`. */
  sink?: boolean;
  /** Field of a sink event holding the code (default `code`). */
  sinkField?: string;
  /** How log lines and sink events are matched to probes (default: request id). */
  correlate?: 'request-id' | 'jti';
  /** Field of a log line or sink event holding the request id (default `requestId`). */
  requestIdField?: string;
  /** How long to wait for a log line or sink event written late, ms (default 500). */
  waitMs?: number;
}

export const DEFAULT_AUDIT: AuditSource = { body: 'code' };

/** What ties an answer to its audit record, and where sink events land. */
export interface AuditKeys {
  requestId: string;
  jti?: string;
  /** The IdP's audit sink (idp.state.audit), read live while waiting. */
  sink?: readonly AuditEvent[];
  /** false: look once and do not wait (no expectation wants a code for this answer). */
  wait?: boolean;
}

function at(value: unknown, path: string): unknown {
  for (const key of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

export function describeAuditSource(src: AuditSource): string {
  const parts: string[] = [];
  if (src.body) parts.push(`body.${src.body}`);
  if (src.header) parts.push(`header ${src.header}`);
  if (src.logFile) parts.push(`log ${src.logFile}`);
  if (src.sink) parts.push('the IdP audit sink (POST /_gauntlet/audit)');
  return parts.join(', ') || 'none configured';
}

export async function readAuditCode(obs: Observation, src: AuditSource, keys: AuditKeys): Promise<string | undefined> {
  if (src.header && obs.headers[src.header.toLowerCase()]) return obs.headers[src.header.toLowerCase()];
  if (src.body) {
    const v = at(obs.json, src.body);
    if (typeof v === 'string' && v) return v;
  }
  if (!src.logFile && !src.sink) return undefined;
  const byJti = src.correlate === 'jti';
  const wanted = byJti ? keys.jti : keys.requestId;
  if (!wanted) return undefined;
  const match: Match = { field: byJti ? 'jti' : (src.requestIdField ?? 'requestId'), wanted };
  const deadline = Date.now() + (keys.wait === false ? 0 : (src.waitMs ?? 500));
  for (;;) {
    const code =
      (src.logFile ? await fromLog(src.logFile, match, src.logField ?? 'code') : undefined) ??
      (src.sink ? fromSink(keys.sink ?? [], match, src.sinkField ?? 'code') : undefined);
    if (code !== undefined || Date.now() >= deadline) return code;
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface Match {
  /** Field of a record holding the correlation key. */
  field: string;
  wanted: string;
}

/** The code of the newest record whose correlation field is the wanted value. */
function codeOf(records: Iterable<unknown>, match: Match, codeField: string): string | undefined {
  for (const record of records) {
    if (at(record, match.field) !== match.wanted) continue;
    const code = at(record, codeField);
    if (typeof code === 'string') return code;
  }
  return undefined;
}

async function fromLog(file: string, match: Match, codeField: string): Promise<string | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const entries: unknown[] = [];
  for (const line of text.split('\n').reverse()) {
    if (!line.includes(match.wanted)) continue;
    try {
      entries.push(JSON.parse(line));
    } catch {
      // A line being written right now: the next pass reads it whole.
    }
  }
  return codeOf(entries, match, codeField);
}

function fromSink(events: readonly AuditEvent[], match: Match, codeField: string): string | undefined {
  return codeOf(
    [...events].reverse().map((e) => e.event),
    match,
    codeField,
  );
}

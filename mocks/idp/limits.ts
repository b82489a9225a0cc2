/**
 * What the IdP holds on to, bounded: a request body, the audit events it keeps, the keys the control
 * API may add, the strings it stores. A soak or a hostile caller fills a cap, never the heap.
 */

/** Largest request body any endpoint reads, bytes; beyond it the answer is 413. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Audit events kept; the oldest is dropped first. */
export const MAX_AUDIT_EVENTS = 10_000;
/** Bytes of audit events kept (their bodies as received); the oldest is dropped first. */
export const MAX_AUDIT_BYTES = 8 * 1024 * 1024;
/** Keys the control API may add in one run (keys/next, keys/rotate); a reset does not remove keys. */
export const MAX_CONTROL_KEYS = 32;
/** Longest jti, sub or client_id the control API stores. */
export const MAX_CONTROL_VALUE = 1024;
/** Entries the control API may add to each of the revoked, disabled and blocked lists before a reset. */
export const MAX_CONTROL_ENTRIES = 10_000;
/** Longest query string or user agent kept per journal entry. */
export const MAX_JOURNAL_FIELD = 2048;

export type Body = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large' | 'unreadable' };

/** The request body, read up to `max` bytes; a longer body is not read further. */
export async function readBody(request: Request, max = MAX_BODY_BYTES): Promise<Body> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  // Cancelled, not awaited: some body streams (msw's) never settle a cancel.
  if (declared > max) {
    void request.body?.cancel().catch(() => {});
    return { ok: false, reason: 'too-large' };
  }
  if (!request.body) return { ok: true, bytes: new Uint8Array() };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.byteLength;
      if (length > max) {
        void reader.cancel().catch(() => {});
        return { ok: false, reason: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as UTF-8 text, or undefined when they are not UTF-8. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The media type of a Content-Type header, lower-cased, without parameters ('' when absent). */
export function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

export function clip(value: string, max = MAX_JOURNAL_FIELD): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

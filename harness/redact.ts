/**
 * Redaction: one pass over the finished Report (and over each row and property as the CLI prints it),
 * by a redactor that saw every request the harness sent (harness/target-guard.ts) and every token the
 * IdP minted (Minter.onMint). Whatever the target echoed, wherever it landed (a body excerpt, a failure
 * sentence, a note, a curl line, a counterexample), the pass finds it, so no writer redacts on its own.
 *
 *   - With --redact-tokens every credential sent is replaced by a stable name, `<token:expired>`
 *     (`<token:exp-type#2>` for a scenario's second token, `<token:property#17>` for property cases),
 *     and token values (`token.value`, a counterexample's `token`) are left out.
 *   - Always, with the flag or without: a token that may still be valid after the run (signed by one of
 *     the IdP's keys and not expired: the baseline, query-token's, a property case's valid token) is
 *     never written in full but clipped: `eyJhbGciOiJFUzI1NiIsInR5…<valid token:query-token>`.
 *
 * A JWS is recognised by its signature segment (the part no one else can make), so an echo of the
 * signature alone is hidden too, and a whole token is replaced from its first character. Credentials that
 * are not JWTs are matched whole. Values shorter than 16 characters prove nothing and are left alone.
 */
import type { ForgedToken } from '../mocks/idp/mint.ts';
import type { Probe } from './probe.ts';
import type { PropertyResult, Report, ResultRow } from './report.ts';

/** Shorter values are never taken for a credential (as the leak check: they prove nothing). */
const MIN = 16;
/** Characters of a valid token kept in its clipped form: its header, which is no secret. */
const HEAD = 24;

const B64 = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') B64[c.charCodeAt(0)] = 1;
const isB64 = (code: number): boolean => code < 128 && B64[code] === 1;
/** A token's own characters: base64url and its dots. */
const isTokenChar = (code: number): boolean => isB64(code) || code === 46;

/** Where a credential ends inside a request: none of these occurs in a base64url token. */
const SEPARATORS = /[\s,;&=?"'<>()[\]{}\\/:]+/;

interface Entry {
  /** `expired`, `exp-type#2`. */
  label: string;
  /** The needle is a JWS signature: the token's header and payload precede it. */
  signature: boolean;
  /** exp of an IdP-signed token (null: none, or not a number); undefined when not signed by the IdP. */
  exp: number | null | undefined;
}

export interface RedactorOptions {
  /** --redact-tokens: name every credential, not only the valid ones. */
  all: boolean;
  /** The IdP clock, seconds: a token expired by the end of the run is no longer valid. */
  now(): number;
  /** Whether a kid names one of the IdP's own keys. */
  isIdpKey(kid: string): boolean;
}

export class Redactor {
  private readonly entries = new Map<string, Entry>();
  /** Needles by their first MIN characters. */
  private readonly byPrefix = new Map<string, string[]>();
  /** IdP-signed tokens minted and not yet seen sent: their exp. */
  private readonly minted = new Map<string, number | null>();
  private readonly counts = new Map<string, number>();

  constructor(private readonly options: RedactorOptions) {}

  /** A token the IdP minted: remembered when signed by one of its keys, to be known valid once sent. */
  mint(token: ForgedToken): void {
    if (!this.options.isIdpKey(token.signedBy)) return;
    this.minted.set(token.token, typeof token.claims.exp === 'number' ? token.claims.exp : null);
  }

  /** A request about to be sent: every credential in it, wherever it is placed (header, query, cookie, form). */
  send(probe: Probe): void {
    const credential = (probe.credential ?? '').split(SEPARATORS).filter((p) => p.length >= MIN);
    const own = new Set(credential);
    const places = [probe.path, probe.body ?? '', ...probe.headers.filter(([, v]) => v !== probe.requestId).map(([, v]) => v)];
    const found = new Set(credential);
    for (const place of places) {
      for (const piece of place.split(SEPARATORS)) {
        if (piece.length < MIN) continue;
        const decoded = piece.includes('%') ? safeDecode(piece) : piece;
        for (const p of new Set([piece, decoded])) if (own.has(p) || p.startsWith('eyJ') || this.minted.has(p)) found.add(p);
      }
    }
    for (const piece of found) this.register(piece, probe.scenario);
  }

  private register(piece: string, scenario: string): void {
    let start = 0;
    while (start < piece.length && !isB64(piece.charCodeAt(start))) start++;
    const value = piece.slice(start);
    const segments = value.split('.');
    const last = segments.at(-1) ?? '';
    const signature = segments.length >= 3 && last.length >= MIN;
    const needle = signature ? last : value;
    if (needle.length < MIN || this.entries.has(needle)) return;
    const exp = this.minted.get(value);
    this.minted.delete(value);
    const n = (this.counts.get(scenario) ?? 0) + 1;
    this.counts.set(scenario, n);
    this.entries.set(needle, { label: n === 1 ? scenario : `${scenario}#${n}`, signature, exp });
    const prefix = needle.slice(0, MIN);
    const list = this.byPrefix.get(prefix);
    if (list) list.push(needle);
    else this.byPrefix.set(prefix, [needle]);
  }

  private valid(e: Entry): boolean {
    return e.exp !== undefined && (e.exp === null || e.exp > this.options.now());
  }

  /** `s` with every credential it must not show replaced. */
  text(s: string): string {
    if (this.entries.size === 0 || s.length < MIN) return s;
    let out = '';
    let last = 0;
    let i = 0;
    while (i + MIN <= s.length) {
      if (!isB64(s.charCodeAt(i)) || (i > 0 && isB64(s.charCodeAt(i - 1)))) {
        i++;
        continue;
      }
      let hit: string | undefined;
      for (const needle of this.byPrefix.get(s.slice(i, i + MIN)) ?? []) {
        if ((!hit || needle.length > hit.length) && s.startsWith(needle, i)) hit = needle;
      }
      const entry = hit ? this.entries.get(hit) : undefined;
      if (!hit || !entry) {
        i++;
        continue;
      }
      const end = i + hit.length;
      if (this.options.all || this.valid(entry)) {
        let from = i;
        // A signature: the whole token goes, from the first character of its header.
        if (entry.signature) while (from > last && isTokenChar(s.charCodeAt(from - 1))) from--;
        const matched = s.slice(from, end);
        out += s.slice(last, from) + (this.options.all ? `<token:${entry.label}>` : `${matched.slice(0, HEAD)}…<valid token:${entry.label}>`);
        last = end;
      }
      i = end;
    }
    return last === 0 ? s : out + s.slice(last);
  }

  row(row: ResultRow): ResultRow {
    const out = this.walk(row) as ResultRow;
    if (this.options.all && out.token) delete out.token.value;
    return out;
  }

  property(p: PropertyResult): PropertyResult {
    const out = this.walk(p) as PropertyResult;
    if (this.options.all) {
      for (const ce of [out.counterexample, ...(out.distinctFailures ?? []).map((f) => f.counterexample)]) {
        if (ce && typeof ce === 'object' && 'token' in ce) delete (ce as { token?: string }).token;
      }
    }
    return out;
  }

  report(report: Report): Report {
    const { results, properties, ...rest } = report;
    return { ...(this.walk(rest) as Omit<Report, 'results' | 'properties'>), results: results.map((r) => this.row(r)), properties: properties.map((p) => this.property(p)) };
  }

  /** A copy of a JSON-like value with every string redacted. */
  private walk(v: unknown): unknown {
    if (typeof v === 'string') return this.text(v);
    if (Array.isArray(v)) return v.map((x) => this.walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.walk(x)]));
    return v;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

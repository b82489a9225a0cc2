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
import type { ResolvedConfig } from './config.ts';
import type { IdpSession } from './idp-session.ts';
import type { Probe } from './probe.ts';
import type { PropertyResult, Report, ResultRow } from './report.ts';

/** Shorter values are never taken for a credential (as the leak check: they prove nothing). */
const MIN = 16;
/** A signature's first characters that name it (192 bits): what the redactor keeps of a signature sent. */
const KEY = 32;
/** Characters of a valid token kept in its clipped form: its header, which is no secret. */
const HEAD = 24;

const B64 = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') B64[c.charCodeAt(0)] = 1;
const isB64 = (code: number): boolean => code < 128 && B64[code] === 1;
/** A token's own characters: base64url and its dots. */
const isTokenChar = (code: number): boolean => isB64(code) || code === 46;

/** A compact JWS or JWE (or what is left of one) inside a request. */
const JWT_SHAPED = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){2,}/g;
// The lookbehind starts a match only at the start of a run: a long run without dots fails once, not at each of its characters (linear, not quadratic).
const isB64Run = (s: string): boolean => /^[A-Za-z0-9_-]+$/.test(s);

interface Entry {
  /** The scenario that sent it, and which of its tokens it was (1: its first): `expired`, `exp-type#2`. */
  scenario: string;
  n: number;
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
  /**
   * Signatures of at least KEY characters by their first KEY: the signature of every token sent (one a
   * property case, 10,000 cases per endpoint) costs a short key and its entry, never the whole signature.
   */
  private readonly signatureKeys = new Map<string, Entry>();
  /** Shorter signature needles, then whole ones, by their first MIN characters. */
  private readonly signatures = new Map<string, string[]>();
  private readonly wholes = new Map<string, string[]>();
  /** IdP-signed tokens minted and not yet seen sent: their exp. */
  private readonly minted = new Map<string, number | null>();
  private readonly counts = new Map<string, number>();

  constructor(private readonly options: RedactorOptions) {}

  /** A token the IdP minted: remembered when signed by one of its keys, to be known valid once sent. */
  mint(token: ForgedToken): void {
    if (!this.options.isIdpKey(token.signedBy)) return;
    this.minted.set(mintKey(token.token), typeof token.claims.exp === 'number' ? token.claims.exp : null);
  }

  /**
   * A request about to be sent: its credential (whole, and without its scheme), and every JWT in it
   * wherever it is placed (header, query, cookie, form), by its signature; a JWT without a signature
   * (alg none, stripped) whole, when the IdP minted it.
   */
  send(probe: Probe): void {
    const label = probe.scenario;
    if (probe.credential) {
      this.register(probe.credential, label);
      const bare = probe.credential.replace(/^\S+\s+/, '');
      this.register(bare, label);
      // The JWS JSON serialization (flattened or general): each signature in it, and the JSON whole.
      for (const sig of jsonSignatures(bare)) this.register(sig, label, true);
    }
    const places = [probe.path, probe.body ?? '', ...probe.headers.filter(([, v]) => v !== probe.requestId).map(([, v]) => v)];
    for (const place of places) {
      for (const text of place.includes('%') ? [place, safeDecode(place)] : [place]) {
        for (const jws of text.match(JWT_SHAPED) ?? []) {
          const sig = jws.slice(jws.lastIndexOf('.') + 1);
          if (sig.length >= MIN || this.minted.has(mintKey(jws))) this.register(jws, label);
          // A JWE (five parts) or a longer token: every part that is no lone JSON segment (IV, ciphertext, tag) names it too.
          const parts = jws.split('.');
          if (parts.length > 3)
            for (const part of parts.slice(0, -1)) if (part.length >= MIN && !isJsonSegment(part)) this.register(part, label, true);
        }
      }
    }
  }

  /** `part`: `value` is one part of a token (a JWE's IV or ciphertext, a JSON serialization's signature), found like a signature. */
  private register(value: string, scenario: string, part = false): void {
    const dot = value.lastIndexOf('.');
    const last = value.slice(dot + 1);
    // A JWS by its signature (the part only its signer could make); anything else whole.
    const signature = part ? isB64Run(value) : dot > 0 && value.indexOf('.') < dot && last.length >= MIN && isB64Run(last);
    const trimmed = signature ? last : value.trim();
    // A lone base64url JSON segment (a header, a payload) is no secret, and is the start of every token.
    if (trimmed.length < MIN || (!signature && isJsonSegment(trimmed))) return;
    // Whatever it starts with (the `{"` of a JWS JSON serialization), it is found from its first token character.
    const lead = signature ? 0 : firstB64(trimmed);
    if (lead < 0 || trimmed.length - lead < MIN) return;
    const needle = trimmed.slice(lead);
    // Whatever surrounds it (a leading space, a tab inside), a token the IdP signed is known by its signature.
    const keyed = signature && needle.length >= KEY;
    const mintedAs = signature ? signatureKey(needle) : needle.trim();
    const exp = this.minted.get(mintedAs);
    const known = keyed ? this.signatureKeys.get(mintedAs) : this.entries.get(needle);
    if (known) {
      // Not `??=`: null (signed by the IdP, no numeric exp) is an answer, and the minted list has forgotten it by now.
      if (known.exp === undefined) known.exp = exp;
      return;
    }
    const n = (this.counts.get(scenario) ?? 0) + 1;
    this.counts.set(scenario, n);
    const entry: Entry = { scenario, n, signature, exp };
    if (keyed) {
      // Sent: its exp is now the entry's, and the minted list forgets it (signatureKey is already a copy).
      this.signatureKeys.set(mintedAs, entry);
      this.minted.delete(mintedAs);
      return;
    }
    // Kept as copies: a slice would hold the whole request it was cut from (a header, a token) for the run.
    const kept = own(needle);
    this.entries.set(kept, entry);
    const index = signature ? this.signatures : this.wholes;
    const prefix = own(needle.slice(0, MIN));
    const list = index.get(prefix);
    if (list) list.push(kept);
    else index.set(prefix, [kept]);
  }

  private valid(e: Entry): boolean {
    return e.exp !== undefined && (e.exp === null || e.exp > this.options.now());
  }

  /** `s` with every credential it must not show replaced: whole tokens by their signatures first, then the rest. */
  text(s: string): string {
    if ((this.entries.size === 0 && this.signatureKeys.size === 0) || s.length < MIN) return s;
    return this.pass(this.pass(s, this.signatures, this.signatureKeys), this.wholes);
  }

  private pass(s: string, index: Map<string, string[]>, keys?: Map<string, Entry>): string {
    if (index.size === 0 && !keys?.size) return s;
    let out = '';
    let last = 0;
    let i = 0;
    while (i + MIN <= s.length) {
      if (!isB64(s.charCodeAt(i)) || (i > 0 && isB64(s.charCodeAt(i - 1)))) {
        i++;
        continue;
      }
      let hit: string | undefined;
      let entry: Entry | undefined;
      // A signature by its first KEY characters (192 bits: nothing else starts so), the rest of its run with it.
      if (keys?.size && i + KEY <= s.length) {
        entry = keys.get(s.slice(i, i + KEY));
        if (entry) hit = s.slice(i, i + KEY);
      }
      if (!entry) {
        for (const needle of index.get(s.slice(i, i + MIN)) ?? []) {
          if ((!hit || needle.length > hit.length) && s.startsWith(needle, i)) hit = needle;
        }
        entry = hit ? this.entries.get(hit) : undefined;
      }
      if (!hit || !entry) {
        i++;
        continue;
      }
      const end = i + hit.length;
      if (this.options.all || this.valid(entry)) {
        let from = i;
        // A signature: the whole token goes, from the first character of its header.
        let to = end;
        if (entry.signature) {
          while (from > last && isTokenChar(s.charCodeAt(from - 1))) from--;
          // A part before the last (a JWE's IV or ciphertext): the rest of the token goes too, not a trailing dot.
          while (to < s.length && isTokenChar(s.charCodeAt(to))) to++;
          while (to > end && s.charCodeAt(to - 1) === 46) to--;
        }
        const matched = s.slice(from, to);
        const label = entry.n === 1 ? entry.scenario : `${entry.scenario}#${entry.n}`;
        out += s.slice(last, from) + (this.options.all ? `<token:${label}>` : `${matched.slice(0, HEAD)}…<valid token:${label}>`);
        last = to;
        i = to;
        continue;
      }
      i = end;
    }
    return last === 0 ? s : out + s.slice(last);
  }

  row(row: ResultRow): ResultRow {
    const out = this.walk(row);
    if (this.options.all && out.token) delete out.token.value;
    return out;
  }

  property(p: PropertyResult): PropertyResult {
    const out = this.walk(p);
    if (this.options.all) {
      if (out.verdict === 'fail') delete out.counterexample.token;
      for (const f of out.distinctFailures) delete f.counterexample.token;
    }
    return out;
  }

  report(report: Report): Report {
    const { results, properties, ...rest } = report;
    return { ...this.walk(rest), results: results.map((r) => this.row(r)), properties: properties.map((p) => this.property(p)) };
  }

  /** A copy of a JSON-like value with every string redacted: the same shape, so the same type. */
  private walk<T>(v: T): T {
    return this.copy(v) as T;
  }

  private copy(v: unknown): unknown {
    if (typeof v === 'string') return this.text(v);
    if (Array.isArray(v)) return v.map((x) => this.copy(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.copy(x)]));
    return v;
  }
}

/** Where the first base64url character of `s` is, or -1. */
function firstB64(s: string): number {
  for (let i = 0; i < s.length; i++) if (isB64(s.charCodeAt(i))) return i;
  return -1;
}

/** The signatures of a JWS in the JSON serialization (flattened: `signature`; general: `signatures[].signature`). */
function jsonSignatures(s: string): string[] {
  if (!s.trimStart().startsWith('{')) return [];
  try {
    const v = JSON.parse(s) as { signature?: unknown; signatures?: { signature?: unknown }[] };
    const all = [v.signature, ...(Array.isArray(v.signatures) ? v.signatures.map((x) => x?.signature) : [])];
    return all.filter((x): x is string => typeof x === 'string');
  } catch {
    return [];
  }
}

/** A string of its own, not a view into the string it was cut from. */
function own(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** How a minted token is looked up once sent: by (the start of) its signature, or whole when it has none. */
function mintKey(token: string): string {
  // An opaque token (no dots) is found whole, as it is registered when sent.
  if (!token.includes('.')) return token;
  const sig = token.slice(token.lastIndexOf('.') + 1);
  return sig.length >= MIN && isB64Run(sig) ? signatureKey(sig) : token;
}

/** A signature's first KEY characters (192 bits) name it: kept as a copy, so the minted list holds no token whole. */
function signatureKey(sig: string): string {
  return own(sig.slice(0, KEY));
}

/** One base64url segment holding just a JSON value: a JWT header or payload on its own. */
function isJsonSegment(s: string): boolean {
  if (!isB64Run(s)) return false;
  try {
    JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

/**
 * The redactor of a run (or a replay): it learns every token the session's IdP mints from now on; give
 * it every request sent (`send`, e.g. as target-guard's onSend). `stop` stops the minting hook.
 */
export function redactorFor(config: Pick<ResolvedConfig, 'redactTokens'>, session: IdpSession): { redactor: Redactor; stop: () => void } {
  const { idp } = session;
  const redactor = new Redactor({ all: config.redactTokens, now: () => idp.clock.now(), isIdpKey: (kid) => !!idp.keys.find(kid) });
  const stop = idp.minter.onMint((t) => redactor.mint(t));
  return { redactor, stop };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Parser for `WWW-Authenticate` field values.
 *
 *   WWW-Authenticate = #challenge
 *   challenge        = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 *   auth-param       = token BWS "=" BWS ( token / quoted-string )
 *   token68          = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
 *
 * @see RFC 9110 §11.6.1 (WWW-Authenticate), §11.1–11.4 (challenge, auth-param, token68),
 *      §5.6 (token, quoted-string, OWS/BWS, the #rule list syntax)
 *
 * The awkward part of this grammar is that challenges and the auth-params inside a
 * challenge share the same comma separator. The parser walks the value one list
 * element at a time and decides what each element is by looking at its first token:
 * a token followed (after optional whitespace) by "=" is an auth-param of the current
 * challenge; any other token starts a new challenge.
 *
 * This is a conformance harness, so the parser is lenient in what it returns and
 * strict in what it reports: it never throws, keeps whatever it could read, and
 * lists every grammar violation in `errors`.
 */

import type { Challenge } from '../core/observation.ts';

/**
 * Parse one or several header values (several WWW-Authenticate headers, or one
 * comma-joined value) into challenges. Never throws: unparseable junk yields what
 * could be read, and `errors` in the result lists problems.
 */
export function parseWwwAuthenticate(values: string | string[] | undefined): { challenges: Challenge[]; errors: string[] } {
  const challenges: Challenge[] = [];
  const errors: string[] = [];
  const list: unknown[] = values == null ? [] : Array.isArray(values) ? values : [values];
  list.forEach((text, index) => {
    // Offsets are only meaningful together with the header they point into.
    const where = Array.isArray(values) ? `value ${index}, ` : '';
    if (typeof text !== 'string') {
      errors.push(`${where}expected a string, got ${typeof text}`);
      return;
    }
    // Each header line is parsed on its own (rather than joined with ", ") so that an
    // unterminated quoted-string in one line cannot swallow the lines after it.
    challenges.push(...parseFieldValue(text, where, errors));
  });
  return { challenges, errors };
}

/** The first challenge whose scheme equals `scheme` case-insensitively (schemes are case-insensitive, RFC 9110 §11.1). */
export function findChallenge(challenges: Challenge[], scheme: string): Challenge | undefined {
  const wanted = asciiLower(scheme);
  return challenges.find((challenge) => asciiLower(challenge.scheme) === wanted);
}

// Sticky (`y`) so each pattern only ever matches at the cursor.
const OWS = /[ \t]*/y;
/** OWS plus commas: the #rule allows empty list elements, e.g. `a, , b` (RFC 9110 §5.6.1). */
const LIST_GAP = /[ \t,]*/y;
const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
const TOKEN68 = /[A-Za-z0-9._~+/-]+=*/y;
/**
 * Unquoted auth-param values are `token` in the grammar, but deployed servers also put
 * "/", "=", ":" etc. there unquoted (AWS SigV4 `Credential=AKIA.../20250101/...`,
 * base64 nonces). Accepting any visible character up to the next separator reads those
 * as intended without ever stealing a comma or a quote from the next element.
 */
const UNQUOTED_VALUE = /[^\x00-\x20\x7f,"]+/y;

interface Draft {
  scheme: string;
  token68?: string;
  // A Map while parsing, so a param named `__proto__` or `constructor` is just data.
  params: Map<string, string>;
}

function parseFieldValue(text: string, where: string, errors: string[]): Challenge[] {
  const drafts: Draft[] = [];
  let current: Draft | undefined;
  let pos = 0;

  const fail = (message: string, at = pos): void => {
    errors.push(`${where}offset ${at}: ${message}`);
  };
  const found = (): string => (pos >= text.length ? 'end of value' : JSON.stringify(text.charAt(pos)));
  const match = (pattern: RegExp): string => {
    pattern.lastIndex = pos;
    const m = pattern.exec(text);
    if (!m) return '';
    pos = pattern.lastIndex;
    return m[0];
  };
  const atElementEnd = (): boolean => pos >= text.length || text.charAt(pos) === ',';

  const readQuotedString = (): string => {
    const open = pos;
    pos++;
    let value = '';
    while (pos < text.length) {
      const c = text.charAt(pos++);
      if (c === '"') return value;
      // quoted-pair: the backslash only protects the next character (RFC 9110 §5.6.4).
      value += c === '\\' ? text.charAt(pos++) : c;
    }
    fail('unterminated quoted-string', open);
    return value;
  };

  // After a malformed element, resume at the next comma so one bad piece doesn't
  // lose the rest of the header. A comma inside a quoted-string is not a separator.
  const skipElement = (): void => {
    while (!atElementEnd()) {
      if (text.charAt(pos) === '"') readQuotedString();
      else pos++;
    }
  };

  const finishElement = (): void => {
    match(OWS);
    if (!atElementEnd()) {
      fail(`expected "," or end of value, found ${found()}`);
      skipElement();
    }
  };

  // Called with the cursor just past the "=".
  const readParam = (name: string, start: number): void => {
    match(OWS);
    let value: string;
    if (text.charAt(pos) === '"') {
      value = readQuotedString();
    } else {
      value = match(UNQUOTED_VALUE);
      if (!value) {
        fail(`auth-param "${name}" has no value, found ${found()}`);
        skipElement();
        return;
      }
    }
    const key = asciiLower(name);
    if (!current) {
      fail(`auth-param "${key}" appears before any auth-scheme`, start);
    } else if (current.token68 !== undefined) {
      fail(`auth-param "${key}" follows a token68 in the ${current.scheme} challenge; a challenge carries one or the other`, start);
    } else if (current.params.has(key)) {
      // RFC 9110 §11.2: each parameter name MUST only occur once per challenge.
      fail(`duplicate auth-param "${key}" in the ${current.scheme} challenge; keeping the first`, start);
    } else {
      current.params.set(key, value);
    }
    finishElement();
  };

  // Invariant: each pass starts at the beginning of the value or on a comma.
  for (;;) {
    match(LIST_GAP);
    if (pos >= text.length) break;

    const start = pos;
    const name = match(TOKEN);
    if (!name) {
      fail(`expected an auth-scheme or auth-param, found ${found()}`);
      skipElement();
      continue;
    }
    match(OWS);
    if (text.charAt(pos) === '=') {
      pos++;
      readParam(name, start);
      continue;
    }

    // Not followed by "=", so it can only be an auth-scheme.
    current = { scheme: name, params: new Map() };
    drafts.push(current);
    if (atElementEnd()) continue;
    if (pos === start + name.length) {
      fail(`expected whitespace after auth-scheme "${name}", found ${found()}`);
      skipElement();
      continue;
    }

    // Right after the scheme comes either a token68 or the first auth-param. A token68
    // must fill the whole list element, which is what tells `Basic abc=` (token68) apart
    // from `Basic abc=def` (param).
    const afterScheme = pos;
    const token68 = match(TOKEN68);
    if (token68) {
      match(OWS);
      if (atElementEnd()) {
        current.token68 = token68;
        continue;
      }
      pos = afterScheme;
    }
    const paramName = match(TOKEN);
    match(OWS);
    if (!paramName || text.charAt(pos) !== '=') {
      pos = afterScheme;
      fail(`expected a token68 or auth-param after auth-scheme "${name}", found ${found()}`);
      skipElement();
      continue;
    }
    pos++;
    readParam(paramName, afterScheme);
  }

  return drafts.map(({ scheme, token68, params }) => ({
    scheme,
    ...(token68 !== undefined && { token68 }),
    // fromEntries defines own properties, so `__proto__` stays an ordinary key.
    params: Object.fromEntries(params),
  }));
}

/** Lower-cases A–Z only: names here are ASCII tokens, and full Unicode folding would equate e.g. "K" (Kelvin sign) with "k". */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

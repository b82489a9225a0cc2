/**
 * JSON.parse that refuses what JSON.parse silently accepts in a JOSE header or claims set: duplicate
 * member names (JSON.parse keeps the last, a different parser the first) and absurd nesting.
 * @see RFC 7515 §4 and RFC 7519 §4 (member names MUST be unique), RFC 8259
 */
const WS = /[ \t\n\r]*/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

/** The parsed value, or undefined when the text is not strict JSON. */
export function parseStrictJson(text: string, maxDepth = 32): unknown {
  let pos = 0;
  const take = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = pos;
    const m = pattern.exec(text);
    if (!m) return undefined;
    pos = pattern.lastIndex;
    return m[0];
  };
  const ws = (): void => void take(WS);
  const expect = (c: string): boolean => {
    ws();
    if (text.charAt(pos) !== c) return false;
    pos++;
    return true;
  };

  const members = (depth: number): boolean => {
    const seen = new Set<string>();
    if (expect('}')) return true;
    for (;;) {
      ws();
      const key = take(STRING);
      if (key === undefined) return false;
      // Decode escapes, so `"e\u0078p"` and `"exp"` count as the same name.
      const name = JSON.parse(key) as string;
      if (seen.has(name) || !expect(':') || !value(depth + 1)) return false;
      seen.add(name);
      if (expect('}')) return true;
      if (!expect(',')) return false;
    }
  };
  const elements = (depth: number): boolean => {
    if (expect(']')) return true;
    for (;;) {
      if (!value(depth + 1)) return false;
      if (expect(']')) return true;
      if (!expect(',')) return false;
    }
  };
  const value = (depth: number): boolean => {
    if (depth > maxDepth) return false;
    ws();
    const c = text.charAt(pos);
    if (c === '{' || c === '[') {
      pos++;
      return c === '{' ? members(depth) : elements(depth);
    }
    return (take(STRING) ?? take(NUMBER) ?? take(LITERAL)) !== undefined;
  };

  if (!value(0)) return undefined;
  ws();
  if (pos !== text.length) return undefined;
  return JSON.parse(text) as unknown;
}

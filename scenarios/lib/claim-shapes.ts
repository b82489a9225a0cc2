/**
 * The shapes a claim (or header member) that must be one exact string can be confused with: arrays
 * around the trusted value, other JSON types, and spellings that only look like it. A validator that
 * compares loosely (`[].concat(x).includes(v)`, a truthy test, `String(x).trim()`, a substring match)
 * accepts some of them; which ones depends on how it is loose, so scenarios send them all.
 * @see RFC 7519 §4.1 (StringOrURI claims), §2 (NumericDate)
 */
import type { ProbeSpec, ScenarioContext } from '../define.ts';

export type Shape = readonly [label: string, value: unknown];

/** The value inside arrays: alone, after and before another one, and nested. */
export function arrayShapes(trusted: string, other: string): Shape[] {
  return [
    ['[trusted]', [trusted]],
    ['[attacker, trusted]', [other, trusted]],
    ['[trusted, attacker]', [trusted, other]],
    ['[[trusted]] (nested)', [[trusted]]],
  ];
}

/** Other JSON types: an object holding the value, a number, a boolean, null, the empty string. */
export function typeShapes(trusted: string): Shape[] {
  return [
    ['an object {"value": trusted}', { value: trusted }],
    ['the number 1', 1],
    ['true', true],
    ['null', null],
    ['the empty string', ''],
  ];
}

const HOMOGLYPHS: Readonly<Record<string, string>> = {
  a: '\u0430',
  c: '\u0441',
  e: '\u0435',
  i: '\u0456',
  o: '\u043e',
  p: '\u0440',
  x: '\u0445',
  y: '\u0443',
};

/** `value` with its first letter that has a Cyrillic twin replaced by it (else a zero-width space after the first character). */
export function lookalike(value: string): string {
  const i = [...value].findIndex((ch) => ch in HOMOGLYPHS);
  if (i < 0) return `${value.slice(0, 1)}\u200b${value.slice(1)}`;
  const chars = [...value];
  chars[i] = HOMOGLYPHS[chars[i]!]!;
  return chars.join('');
}

/** Spellings that are not the value: other case (when it has one), a Unicode look-alike, padding, a NUL byte. */
export function spellingShapes(trusted: string, { caseMatters = true } = {}): Shape[] {
  const upper = trusted.toUpperCase();
  return [
    ...(caseMatters && upper !== trusted ? [['upper case', upper] as const] : []),
    ['a Unicode look-alike', lookalike(trusted)],
    ['leading whitespace', ` ${trusted}`],
    ['trailing whitespace', `${trusted} `],
    ['a NUL byte after it', `${trusted}\u0000`],
  ];
}

/** One variant per shape: the baseline with `claim` set to it, labelled `claim <shape>`. */
export function claimVariants(
  ctx: ScenarioContext,
  claim: string,
  shapes: readonly Shape[],
  extra: Partial<ProbeSpec> = {},
): Promise<ProbeSpec>[] {
  return shapes.map(async ([label, value]): Promise<ProbeSpec> => ({
    ...extra,
    label: `${claim} ${label}`,
    credential: { kind: 'token', token: await ctx.forge({ claims: { [claim]: value } }) },
  }));
}

import { describe, expect, it } from 'vitest';
import { parseStrictJson } from './strict-json.ts';

describe('parseStrictJson', () => {
  it('parses an ordinary object', () => {
    expect(parseStrictJson('{"a":[1,2.5e3,true,null],"b":{"c":"d\\u0041"}}')).toEqual({ a: [1, 2500, true, null], b: { c: 'dA' } });
  });

  it.each([
    ['a duplicate member', '{"exp":1,"exp":2}'],
    ['a duplicate member spelled with an escape', '{"exp":1,"e\\u0078p":2}'],
    ['a duplicate member in a nested object', '{"a":{"b":1,"b":2}}'],
    ['trailing garbage', '{"a":1} x'],
    ['a trailing comma', '{"a":1,}'],
    ['a leading zero', '{"a":01}'],
    ['deep nesting', `${'['.repeat(100)}${']'.repeat(100)}`],
  ])('refuses %s', (_label, text) => {
    expect(parseStrictJson(text)).toBeUndefined();
  });
});

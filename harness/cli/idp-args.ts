/**
 * `gauntlet idp`'s flags read by node:util's parseArgs instead of commander, so that a plain `gauntlet idp --port 0` starts
 * without loading and building the whole command line (commander and every command's options: about
 * 15 ms of a ~150 ms start, bench/RESULTS.md section 2). Only the plain cases: every flag known,
 * given once, with a value commander would accept; anything else (help, a typo, a bad value, a
 * repeat, an argument) returns undefined and commander reads the command line as always, with its
 * own messages. The value checks are the ones cli.ts gives commander, so both read the same flags
 * (idp-args.test.ts compares them).
 */
import { parseArgs } from 'node:util';
import { isSigningAlg, type SigningAlg } from '../../mocks/idp/algs.ts';
import type { IdpFlags } from './idp-command.ts';

/** A TCP port, 0 (any free port) to 65535; undefined when `v` is not one. */
export function portValue(v: string): number | undefined {
  const n = Number(v);
  return /^\d+$/.test(v.trim()) && n <= 65535 ? n : undefined;
}

/** A comma list, blanks dropped. */
export const commaList = (v: string, prev: string[] = []): string[] => [
  ...prev,
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

/** A comma list of signing algorithms; undefined when it names an unknown one or none. */
export function algsValue(v: string): SigningAlg[] | undefined {
  const out = commaList(v);
  return out.length && out.every(isSigningAlg) ? (out as SigningAlg[]) : undefined;
}

/** The flags of `gauntlet idp`, as node:util's parseArgs reads them. */
const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  issuer: { type: 'string' },
  keys: { type: 'string' },
  algs: { type: 'string' },
  audience: { type: 'string' },
  tls: { type: 'boolean' },
} as const;

/** The flags of `gauntlet idp ARGS` when commander would read exactly these; undefined when commander must read them. */
export function quickIdpFlags(args: readonly string[]): IdpFlags | undefined {
  const config = { args: [...args], options: OPTIONS, strict: true, allowPositionals: false, tokens: true } as const;
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    // strict: an unknown flag, a positional, a value for --tls or a missing one throws, and commander says why.
    parsed = parseArgs(config);
  } catch {
    return undefined;
  }
  const names = parsed.tokens.flatMap((t) => (t.kind === 'option' ? [t.name] : []));
  // A repeated flag is commander's to judge.
  if (new Set(names).size !== names.length) return undefined;
  const flags: IdpFlags = {};
  const { tls, ...valued } = parsed.values;
  if (tls) flags.tls = true;
  for (const [key, value] of Object.entries(valued)) {
    // An empty or dash-led value (`--keys=-x`) is commander's to judge.
    if (value === undefined || value === '' || value.startsWith('-')) return undefined;
    if (key === 'port') {
      const port = portValue(value);
      if (port === undefined) return undefined;
      flags.port = port;
    } else if (key === 'algs') {
      const algs = algsValue(value);
      if (!algs) return undefined;
      flags.algs = algs;
    } else flags[key as 'host' | 'issuer' | 'keys' | 'audience'] = value;
  }
  return flags;
}

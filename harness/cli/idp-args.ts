/**
 * `gauntlet idp`'s flags read without commander, so that a plain `gauntlet idp --port 0` starts
 * without loading and building the whole command line (commander and every command's options: about
 * 15 ms of a ~150 ms start, bench/RESULTS.md section 2). Only the plain cases: every flag known,
 * given once, with a value commander would accept; anything else (help, a typo, a bad value, a
 * repeat, an argument) returns undefined and commander reads the command line as always, with its
 * own messages. The value checks are the ones cli.ts gives commander, so both read the same flags
 * (idp-args.test.ts compares them).
 */
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

const VALUED = {
  '--port': 'port',
  '--host': 'host',
  '--issuer': 'issuer',
  '--keys': 'keys',
  '--algs': 'algs',
  '--audience': 'audience',
} as const;

/** The flags of `gauntlet idp ARGS` when commander would read exactly these; undefined when commander must read them. */
export function quickIdpFlags(args: readonly string[]): IdpFlags | undefined {
  const flags: IdpFlags = {};
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (seen.has(name)) return undefined;
    seen.add(name);
    if (name === '--tls' && eq < 0) {
      flags.tls = true;
      continue;
    }
    if (!Object.hasOwn(VALUED, name)) return undefined;
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    // A missing, empty or dash-led value is commander's to judge.
    if (value === undefined || value === '' || value.startsWith('-')) return undefined;
    const key = VALUED[name as keyof typeof VALUED];
    if (key === 'port') {
      const port = portValue(value);
      if (port === undefined) return undefined;
      flags.port = port;
    } else if (key === 'algs') {
      const algs = algsValue(value);
      if (!algs) return undefined;
      flags.algs = algs;
    } else flags[key] = value;
  }
  return flags;
}

/**
 * Test keys made ahead of time, so that an IdP start, or a scenario that needs a key of its own (a
 * spare, the attacker's, a foreign issuer's), does not wait for RSA key generation: tens to hundreds
 * of milliseconds per key on a busy machine, and the IdP loads three RSA keys by default.
 *
 * Off unless a command turns it on (`useKeyPool(dir)`: `gauntlet run`, `idp` and `replay` do, with
 * `.gauntlet/key-pool/` under the working directory; the library alone never writes files). One
 * folder per kind (`RS256.signing`, `ES256.bare`, …), one JSON file per key. **Each key is used
 * once**: taking one renames its file (atomic, so two processes never take the same key), reads it
 * and deletes it; a replacement is made in the background a moment later, off the start path. So a
 * pooled key is exactly as fresh to the API under test as one generated on the spot: a new kid every
 * start, never shared between two IdPs.
 *
 * What it holds: the mock IdP's throw-away test keys and their self-signed certificates, the same
 * kind of private key a `--keys` file holds (files mode 0600, folder 0700). Never the client secret,
 * never the control secret, never anything of yours: keep `.gauntlet/` out of version control (it is
 * in this repository's .gitignore) and delete it whenever you like. `GAUNTLET_KEY_POOL=off` turns it off.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** How to make a key of one kind, and write it to and read it from its JSON file. */
export interface PoolKind<T> {
  /** Folder name: which algorithm and what for, e.g. `RS256.signing`. */
  name: string;
  make(): Promise<T>;
  encode(key: T): Promise<unknown>;
  /** The key again, or undefined when the entry no longer fits what is asked (e.g. a certificate made too long ago). */
  decode(data: unknown): Promise<T | undefined>;
}

/** Keys kept per kind at most: enough for a few starts in a row. */
const MAX_PER_KIND = 6;
/** Replacements start this long after a key is taken: after the IdP answers, not while it starts. */
const REFILL_DELAY_MS = 250;

let poolDir: string | undefined;
const wanted = new Map<string, { kind: PoolKind<unknown>; count: number }>();
let refillTimer: NodeJS.Timeout | undefined;
const refills = new Set<Promise<void>>();
/** The last replacement job: each waits for the one before (one key made at a time, process-wide). */
let tail: Promise<void> = Promise.resolve();

/** Turn the pool on in `dir` (undefined: off). `GAUNTLET_KEY_POOL=off` keeps it off. */
export function useKeyPool(dir: string | undefined): void {
  poolDir = process.env.GAUNTLET_KEY_POOL === 'off' ? undefined : dir;
}

/** A key of this kind: from the pool when it has one, else made now; either way one is made for the pool later. */
export async function pooled<T>(kind: PoolKind<T>): Promise<T> {
  const dir = poolDir;
  if (!dir) return kind.make();
  const folder = join(dir, kind.name);
  want(kind as PoolKind<unknown>);
  for (const file of entries(folder)) {
    const taken = join(folder, `.taken-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      renameSync(join(folder, file), taken);
    } catch {
      continue; // another process took it first
    }
    try {
      const key = await kind.decode(JSON.parse(readFileSync(taken, 'utf8')));
      if (key) return key;
    } catch {
      // an unreadable entry is dropped like a stale one
    } finally {
      rmSync(taken, { force: true });
    }
  }
  return kind.make();
}

/** Resolves when the replacements under way are written (tests; a command need not wait). */
export async function keyPoolSettled(): Promise<void> {
  while (refillTimer || refills.size) {
    if (refillTimer) {
      clearTimeout(refillTimer);
      refillTimer = undefined;
      refill();
    }
    await Promise.all([...refills]);
  }
}

function entries(folder: string): string[] {
  try {
    return readdirSync(folder)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
}

function want(kind: PoolKind<unknown>): void {
  const w = wanted.get(kind.name) ?? { kind, count: 0 };
  w.count++;
  wanted.set(kind.name, w);
  refillTimer ??= setTimeout(() => {
    refillTimer = undefined;
    refill();
  }, REFILL_DELAY_MS);
}

/**
 * Make the replacements one at a time: key generation runs on libuv's thread pool, which Web Crypto's
 * signing and verifying share (the IdP answering a target's introspection, the harness minting), so
 * the pool never holds more than one of its threads.
 */
function refill(): void {
  const dir = poolDir;
  const batch = [...wanted.values()];
  wanted.clear();
  if (!dir) return;
  const job = tail
    .then(async () => {
      for (const { kind, count } of batch) {
        const folder = join(dir, kind.name);
        const room = Math.min(count, MAX_PER_KIND - entries(folder).length);
        for (let i = 0; i < room; i++) {
          try {
            const key = await kind.make();
            mkdirSync(folder, { recursive: true, mode: 0o700 });
            const id = `${Date.now()}-${randomBytes(6).toString('hex')}`;
            const tmp = join(folder, `.tmp-${id}`);
            writeFileSync(tmp, JSON.stringify(await kind.encode(key)), { mode: 0o600 });
            renameSync(tmp, join(folder, `${id}.json`));
          } catch {
            // A pool that cannot be written (read-only folder, full disk) only means the next start makes its keys itself.
            return;
          }
        }
      }
    })
    .finally(() => refills.delete(job));
  refills.add(job);
  tail = job;
}

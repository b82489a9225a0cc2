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
 * Where the replacements are made:
 * - **The CLI** (`useKeyPool(dir, { refillWith })`, harness/cli/start.ts) hands them to a detached,
 *   unref'd child process (harness/cli/refill-key-pool.ts, which knows every kind by its name), so a
 *   command exits as soon as its own work is done instead of waiting for RSA key generation (0.4 to
 *   1.4 s after every `gauntlet run`, `idp` and `replay`). For `gauntlet idp` the child starts a moment
 *   after the first key is taken (or at exit if that comes first); for `run` and `replay`
 *   (`refillAtExit`) only as the process exits, so that its key generation never competes with the
 *   run for the machine's cores. It gets the folder, the kinds'
 *   names, counts and `spec`s (public parameters such as a certificate's validity), no environment
 *   beyond the temporary folder's name, and nothing else: no secret, no key. While it works, a
 *   `.refill-<pid>` file sits in the pool folder (`keyPoolBusy`), so a benchmark or a test can wait
 *   for it. A child that fails writes nothing, and the next start makes its keys itself.
 * - **Anything else that turns the pool on** (a test, a library user calling `useKeyPool(dir)`)
 *   makes them in its own process, one at a time, as before: deterministic, and `keyPoolSettled()`
 *   waits for them; such a process cannot exit before they are written.
 * Either way at most `MAX_PER_KIND` keys wait per kind, checked before each key is made.
 *
 * What it holds: the mock IdP's throw-away test keys and their self-signed certificates, the same
 * kind of private key a `--keys` file holds (files mode 0600, folder 0700). Never the client secret,
 * never the control secret, never anything of yours: keep `.gauntlet/` out of version control (it is
 * in this repository's .gitignore) and delete it whenever you like. `GAUNTLET_KEY_POOL=off` turns it off.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** How to make a key of one kind, and write it to and read it from its JSON file. */
export interface PoolKind<T> {
  /** Folder name: which algorithm and what for, e.g. `RS256.signing`. */
  name: string;
  /**
   * What a refill process needs besides the name to make this kind again (JSON, public: e.g. a
   * certificate's validity); harness/cli/refill-key-pool.ts reads it.
   */
  spec?: unknown;
  make(): Promise<T>;
  encode(key: T): Promise<unknown>;
  /** The key again, or undefined when the entry no longer fits what is asked (e.g. a certificate made too long ago). */
  decode(data: unknown): Promise<T | undefined>;
}

/** One kind to refill, as a refill process receives it on its command line (JSON). */
export interface RefillRequest {
  name: string;
  count: number;
  spec?: unknown;
}

export interface KeyPoolOptions {
  /**
   * Make the replacements in a detached child process: the Node arguments that run a refill entry
   * (e.g. `['/…/dist/refill-key-pool.js']`); it is given the folder and a JSON list of RefillRequest.
   */
  refillWith?: string[];
  /**
   * With `refillWith`: start the refill process only when this process exits, not 250 ms after the
   * first key is taken. For a command that ends on its own (`gauntlet run`, `replay`): its key
   * generation would otherwise share the machine's cores with the run itself.
   */
  refillAtExit?: boolean;
}

/** Keys kept per kind at most: enough for a few starts in a row. */
export const MAX_PER_KIND = 6;
/** Replacements start this long after a key is taken: after the IdP answers, not while it starts. */
const REFILL_DELAY_MS = 250;

let poolDir: string | undefined;
let refillWith: string[] | undefined;
let refillAtExit = false;
const wanted = new Map<string, { kind: PoolKind<unknown>; count: number }>();
let refillTimer: NodeJS.Timeout | undefined;
const refills = new Set<Promise<void>>();
/** The last replacement job: each waits for the one before (one key made at a time, process-wide). */
let tail: Promise<void> = Promise.resolve();
/** Refill processes started by this process and not yet exited. */
const children = new Set<ChildProcess>();
let exitHook = false;

/** Turn the pool on in `dir` (undefined: off). `GAUNTLET_KEY_POOL=off` keeps it off. */
export function useKeyPool(dir: string | undefined, opts: KeyPoolOptions = {}): void {
  poolDir = process.env.GAUNTLET_KEY_POOL === 'off' ? undefined : dir;
  refillWith = opts.refillWith;
  refillAtExit = !!opts.refillWith && !!opts.refillAtExit;
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

/**
 * Resolves when the replacements under way are written (tests; a command need not wait): made in
 * this process, or by the refill processes this process started (waited for until they exit).
 */
export async function keyPoolSettled(): Promise<void> {
  while (refillTimer || refills.size) {
    if (refillTimer) {
      clearTimeout(refillTimer);
      refillTimer = undefined;
      refill();
    }
    for (const child of children) child.ref();
    await Promise.all([...refills]);
  }
}

/** Whether a refill process is writing into `dir` (its `.refill-<pid>` file is there and that process lives; a dead one's file is deleted). */
export function keyPoolBusy(dir: string): boolean {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return false;
  }
  let busy = false;
  for (const name of names) {
    const pid = /^\.refill-(\d+)$/.exec(name)?.[1];
    if (!pid) continue;
    try {
      process.kill(Number(pid), 0);
      busy = true;
    } catch (err) {
      // EPERM: it lives, under another user. Otherwise it died without deleting its file: delete it.
      if ((err as NodeJS.ErrnoException).code === 'EPERM') busy = true;
      else rmSync(join(dir, name), { force: true });
    }
  }
  return busy;
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
  if (refillWith && !exitHook) {
    // A command that ends before the timer still hands its replacements on (spawn is synchronous, so it works in 'exit').
    exitHook = true;
    process.once('exit', () => {
      exitHook = false;
      if (refillTimer) clearTimeout(refillTimer);
      refillTimer = undefined;
      refill(true);
    });
  }
  if (refillTimer || refillAtExit) return;
  refillTimer = setTimeout(() => {
    refillTimer = undefined;
    refill();
  }, REFILL_DELAY_MS);
  // A refill process is started at exit anyway: the timer alone must not keep a command running.
  if (refillWith) refillTimer.unref();
}

/**
 * Make the replacements one at a time: key generation runs on libuv's thread pool, which Web Crypto's
 * signing and verifying share (the IdP answering a target's introspection, the harness minting), so
 * the pool never holds more than one of its threads. With `refillWith`, a child process makes them
 * (one child at a time while this process runs; at exit, whatever is left goes to one more).
 */
function refill(atExit = false): void {
  const dir = poolDir;
  if (!dir || wanted.size === 0) {
    wanted.clear();
    return;
  }
  if (refillWith) {
    if (children.size && !atExit) return; // the running child's exit starts the next one
    spawnRefill(dir, refillWith, atExit);
    return;
  }
  const batch = [...wanted.values()];
  wanted.clear();
  const job = tail.then(() => refillPool(dir, batch)).finally(() => refills.delete(job));
  refills.add(job);
  tail = job;
}

function spawnRefill(dir: string, args: string[], atExit: boolean): void {
  const batch: RefillRequest[] = [...wanted.values()].map(({ kind, count }) => ({ name: kind.name, count, spec: kind.spec }));
  wanted.clear();
  let child: ChildProcess;
  try {
    // Only what Node needs to run (Windows needs SystemRoot for its crypto); no variable of the user's.
    const env: Record<string, string> = {};
    for (const name of ['SystemRoot', 'TMPDIR', 'TMP', 'TEMP']) if (process.env[name] !== undefined) env[name] = process.env[name]!;
    child = spawn(process.execPath, [...args, dir, JSON.stringify(batch)], { detached: true, stdio: 'ignore', env, windowsHide: true });
  } catch {
    return; // no refill: the next start makes its keys itself
  }
  child.unref();
  child.once('error', () => {}); // could not start (its pid is then undefined): nothing is refilled
  if (child.pid !== undefined) {
    try {
      // The child deletes it when done (keyPoolBusy); written here, so it is there from the moment the child exists.
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(join(dir, `.refill-${child.pid}`), '', { mode: 0o600 });
    } catch {
      // an unwritable pool: the child fails the same way and writes nothing
    }
  }
  if (atExit) return;
  children.add(child);
  const job = new Promise<void>((resolve) => {
    child.once('error', () => resolve());
    child.once('exit', () => resolve());
  }).finally(() => {
    children.delete(child);
    refills.delete(job);
    // Keys taken while it ran: the next child, one at a time.
    if (wanted.size && !refillTimer) refill();
  });
  refills.add(job);
}

/**
 * Make and write up to `count` keys of each kind, one at a time, never more than MAX_PER_KIND waiting
 * in a folder; written to a temporary name, then renamed (a reader never sees half a file). Used in
 * this process and by the refill process. Any failure stops it silently.
 */
export async function refillPool(dir: string, batch: ReadonlyArray<{ kind: PoolKind<unknown>; count: number }>): Promise<void> {
  for (const { kind, count } of batch) {
    const folder = join(dir, kind.name);
    for (let i = 0; i < count && entries(folder).length < MAX_PER_KIND; i++) {
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
}

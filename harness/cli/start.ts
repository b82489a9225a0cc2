/**
 * What every command of the CLI shares, kept out of cli.ts so that the quick `gauntlet idp` path
 * (harness/main.ts) needs neither commander nor the other commands: the key pool a command turns on,
 * and how an error that is not commander's becomes one line and an exit code.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { useKeyPool } from '../../mocks/idp/key-pool.ts';
import { isIdpError } from '../../mocks/idp/errors.ts';
import { isHarnessError } from '../core/errors.ts';
import type { IdpFlags } from './idp-command.ts';
import { processOut, type Out } from './out.ts';

/**
 * Commands that start an IdP take its keys from .gauntlet/key-pool/ (mocks/idp/key-pool.ts: each key
 * used once); their replacements are made by a detached process, so the command exits when it is done.
 * `atExit`: a command that ends on its own (run, replay) starts that process only as it exits, so its
 * key generation does not share the cores with the run; `gauntlet idp` starts it soon after its start.
 */
export function keyPool(atExit = false): void {
  useKeyPool(resolve('.gauntlet', 'key-pool'), { refillWith: refillArgs(import.meta.url), refillAtExit: atExit });
}

/**
 * The Node arguments that run the refill process, beside this module: the compiled entry
 * (dist/refill-key-pool.js, next to the chunk this code is in), or in a checkout the TypeScript
 * source through tsx's loader (found from here, not from the working directory).
 */
export function refillArgs(here: string): string[] {
  if (!here.endsWith('.ts')) return [fileURLToPath(new URL('./refill-key-pool.js', here))];
  const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
  return ['--import', tsx, fileURLToPath(new URL('./refill-key-pool.ts', here))];
}

/** An error a command threw, as one line on stderr: a user's mistake (HarnessError, IdpError) or a bug to report. Exit code 2. */
export function failure(err: unknown, out: Out): number {
  if (isHarnessError(err) || isIdpError(err)) {
    out.error(`gauntlet: ${err.message}`);
    return 2;
  }
  out.error(
    `gauntlet: unexpected error: ${(err as Error).message?.split('\n')[0] ?? String(err)}; please report it with the command you ran`,
  );
  if (process.env.GAUNTLET_DEBUG) out.error((err as Error).stack ?? '');
  return 2;
}

/** `gauntlet idp` with flags quickIdpFlags read: what cli.ts's idp action does, without commander. */
export async function idpQuick(flags: IdpFlags, out: Out = processOut): Promise<number> {
  try {
    keyPool();
    const { idpCommand } = await import('./idp-command.ts');
    return await idpCommand(flags, out);
  } catch (err) {
    return failure(err, out);
  }
}

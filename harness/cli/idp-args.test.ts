/**
 * The quick `gauntlet idp` path (idp-args.ts, harness/main.ts) reads exactly the flags commander
 * reads, or leaves the command line to commander: for every command line here, either quickIdpFlags
 * declines, or what it returns is what cli.ts's commander hands the idp command.
 */
import { describe, expect, it, vi } from 'vitest';
import { captureOut } from './out.ts';
import { quickIdpFlags } from './idp-args.ts';
import type { IdpFlags } from './idp-command.ts';

const received: IdpFlags[] = [];
vi.mock('./idp-command.ts', () => ({
  idpCommand: async (flags: IdpFlags) => {
    received.push({ ...flags });
    return 0;
  },
}));
// Not the key pool of the checkout: commander's idp action turns it on before the (mocked) command.
vi.mock('./start.ts', async (original) => ({ ...(await original<typeof import('./start.ts')>()), keyPool: () => {} }));

const { main } = await import('../cli.ts');

/** What commander hands the idp command for `gauntlet idp ARGS`, or the exit code when it refuses them. */
async function viaCommander(args: string[]): Promise<IdpFlags | number> {
  received.length = 0;
  const code = await main(['idp', ...args], captureOut());
  return received.length === 1 ? received[0]! : code;
}

const accepted: string[][] = [
  [],
  ['--port', '0'],
  ['--port=8080'],
  ['--port', '065535'],
  ['--port', ' 7 '],
  ['--host', '127.0.0.1', '--issuer', 'https://idp.example/tenant', '--keys', 'keys.json'],
  ['--algs', 'ES256,EdDSA'],
  ['--algs', ' RS256 , ,PS256'],
  ['--algs=ES256', '--audience', 'https://orders.example', '--tls'],
  ['--tls', '--port', '0', '--keys=k.json'],
];
const declined: string[][] = [
  ['--help'],
  ['-h'],
  ['--port'],
  ['--port', '65536'],
  ['--port', '-1'],
  ['--port', 'x'],
  ['--port', '0', '--port', '1'],
  ['--algs', 'HS256'],
  ['--algs', ','],
  ['--tls=yes'],
  ['--no-tls'],
  ['--prot', '0'],
  ['extra'],
  ['--keys', ''],
  ['--host', '-x'],
  ['--', '--port', '0'],
  ['--port='],
  ['--keys=-x'],
  ['-p', '0'],
];

describe('the quick gauntlet idp flags', () => {
  it.each(accepted)('reads %j as commander does', async (...args) => {
    const quick = quickIdpFlags(args);
    expect(quick).toBeDefined();
    expect(quick).toEqual(await viaCommander(args));
  });

  it.each(declined)('leaves %j to commander', (...args) => {
    expect(quickIdpFlags(args)).toBeUndefined();
  });
});

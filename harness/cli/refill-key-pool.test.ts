/**
 * The key pool's refill process (refill-key-pool.ts), as the CLI starts it (start.ts refillArgs,
 * here the sources through tsx): every kind of key the code takes is known to it by name, it writes
 * what was taken (files 0600, folders 0700), leaves no `.refill-<pid>` file behind, and a name or spec
 * it does not know is skipped, not guessed.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyPoolBusy, keyPoolSettled, useKeyPool } from '../../mocks/idp/key-pool.ts';
import { KeySet, bareKeyPair, bareKind, signingKind } from '../../mocks/idp/keys.ts';
import { attackerKey } from '../../scenarios/lib/attacker-key.ts';
import { poolKindFor } from './pool-kinds.ts';
import { refillArgs } from './start.ts';

const refillWith = refillArgs(new URL('./start.ts', import.meta.url).href);
let dir = '';
const folders = (): Record<string, number> =>
  Object.fromEntries(
    readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => [d.name, readdirSync(join(dir, d.name)).filter((f) => f.endsWith('.json')).length]),
  );

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gauntlet-refill-'));
});
afterEach(async () => {
  await keyPoolSettled();
  useKeyPool(undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('the refill process', { timeout: 120_000 }, () => {
  it('makes every kind the IdP and the scenarios take, in its own process, with the pool’s file modes', async () => {
    useKeyPool(dir, { refillWith });
    const now = Math.floor(Date.now() / 1000);
    // Signing, spare and expired-certificate keys, a rotation's next key, a bare pair, the attacker's.
    const set = await KeySet.generate(['RS256', 'ES256'], now);
    await set.addNext('ES256', now);
    await bareKeyPair('EdDSA');
    await attackerKey('ES256');
    await keyPoolSettled();
    expect(keyPoolBusy(dir)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    // A replacement for every key taken (the spare and the signing RS256 key share one folder).
    expect(folders()).toEqual({
      'RS256.signing.63075600s': 2,
      'RS256.expired-cert.62985600s': 1,
      'ES256.signing.63075600s': 1,
      'ES256.signing.63072060s': 1,
      'EdDSA.bare': 1,
      'ES256.attacker': 1,
    });
    for (const [name] of Object.entries(folders())) {
      expect(statSync(join(dir, name)).mode & 0o777).toBe(0o700);
      for (const file of readdirSync(join(dir, name))) expect(statSync(join(dir, name, file)).mode & 0o777).toBe(0o600);
    }
    // What it wrote is handed out again.
    await KeySet.generate(['ES256'], now);
    expect(folders()['ES256.signing.63075600s']).toBe(0);
  });

  it('skips a kind it does not know, or whose spec names another folder, and writes nothing for it', async () => {
    const now = Math.floor(Date.now() / 1000);
    const valid = { notBefore: now - 3600, notAfter: now + 3600 };
    expect(poolKindFor('HS256.bare')).toBeUndefined();
    expect(poolKindFor('ES256.mystery')).toBeUndefined();
    expect(poolKindFor('ES256.signing.7200s')).toBeUndefined();
    expect(poolKindFor('ES256.signing.1s', { validity: valid, purpose: 'signing' })).toBeUndefined();
    expect(poolKindFor('ES256.signing.7200s', { validity: valid, purpose: 'signing' })?.name).toBe(
      signingKind('ES256', valid, 'signing').name,
    );
    expect(poolKindFor('ES256.bare')?.name).toBe(bareKind('ES256').name);
    const requests = [
      { name: 'ES256.mystery', count: 1 },
      { name: 'ES256.signing.1s', count: 1, spec: { validity: valid, purpose: 'signing' } },
      { name: 'ES256.bare', count: 2 },
    ];
    const child = spawn(process.execPath, [...refillWith, dir, JSON.stringify(requests)], { stdio: 'inherit' });
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
    expect(folders()).toEqual({ 'ES256.bare': 2 });
  });
});

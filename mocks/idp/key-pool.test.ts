/** The key pool (key-pool.ts): keys made ahead of time, each handed out once, never shared by two IdPs. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyPoolBusy, keyPoolSettled, useKeyPool } from './key-pool.ts';
import { KeySet, bareKeyPair, generateSigningKey } from './keys.ts';

const YEAR = 365 * 24 * 3600;
let dir = '';
const pooledFiles = (): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gauntlet-pool-'));
  useKeyPool(dir);
});
afterEach(async () => {
  await keyPoolSettled();
  useKeyPool(undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('the key pool', () => {
  it('makes a replacement for every key taken, and hands a pooled key out once: two IdPs never share a kid', async () => {
    const now = Math.floor(Date.now() / 1000);
    const first = await KeySet.generate(['ES256', 'EdDSA'], now);
    await keyPoolSettled();
    // One is made for every key taken (signing keys, the spare, the expired-certificate key); a key taken
    // late in the same start may already come from those.
    const pooled = pooledFiles().map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { privateJwk: { x: string } }).privateJwk.x);
    expect(pooled.length).toBeGreaterThan(0);
    expect(pooled.length).toBeLessThanOrEqual(first.all().length);
    const [second, third] = await Promise.all([KeySet.generate(['ES256', 'EdDSA'], now), KeySet.generate(['ES256', 'EdDSA'], now)]);
    const sets = [first, second, third];
    const kids = sets.flatMap((set) => set.all().map((k) => k.kid));
    expect(new Set(kids).size).toBe(kids.length);
    // Every pooled key went to at most one of the two IdPs started side by side, and at least one was used.
    const holders = pooled.map((x) => [second, third].filter((set) => set.all().some((k) => k.publicJwk.x === x)).length);
    expect(holders.every((n) => n <= 1)).toBe(true);
    expect(holders.some((n) => n === 1)).toBe(true);
  });

  it('gives back the key it stored, certificate and validity included', async () => {
    const now = Math.floor(Date.now() / 1000);
    const validity = { notBefore: now - 3600, notAfter: now + 2 * YEAR };
    await generateSigningKey('ES256', validity);
    await keyPoolSettled();
    const [file] = pooledFiles();
    const stored = JSON.parse(readFileSync(join(dir, file!), 'utf8')) as { privateJwk: { x: string }; x5c: string };
    const key = await generateSigningKey('ES256', validity);
    expect(key.publicJwk.x).toBe(stored.privateJwk.x);
    expect(key.publicJwk.x5c).toEqual([stored.x5c]);
    expect(key.notBefore).toBeLessThanOrEqual(validity.notBefore);
    expect(pooledFiles().includes(file!)).toBe(false);
  });

  it('does not hand out a key whose certificate was made too long before the one asked for, nor an unreadable entry', async () => {
    const now = Math.floor(Date.now() / 1000);
    const old = { notBefore: now - 30 * 24 * 3600 - 3600, notAfter: now - 30 * 24 * 3600 + 2 * YEAR };
    const stale = await generateSigningKey('ES256', old);
    await keyPoolSettled();
    const folder = join(dir, readdirSync(dir)[0]!);
    writeFileSync(join(folder, '0-broken.json'), '{not json');
    // The pooled entry was made for `old`: asked for today's validity (same span), it is a month too early.
    const fresh = await generateSigningKey('ES256', { notBefore: now - 3600, notAfter: now + 2 * YEAR });
    expect(fresh.kid).not.toBe(stale.kid);
    expect(fresh.notBefore).toBe(now - 3600);
  });

  it("pools bare key pairs (the attacker's, a foreign issuer's) the same way", async () => {
    const a = await bareKeyPair('ES256');
    await keyPoolSettled();
    const b = await bareKeyPair('ES256');
    const { exportJWK } = await import('jose');
    expect((await exportJWK(a.publicKey)).x).not.toBe((await exportJWK(b.publicKey)).x);
    expect(b.privateKey.type).toBe('private');
  });

  it('is off when GAUNTLET_KEY_POOL=off, and a folder it cannot write only means keys are made on the spot', async () => {
    process.env.GAUNTLET_KEY_POOL = 'off';
    try {
      useKeyPool(dir);
      await bareKeyPair('ES256');
      await keyPoolSettled();
      expect(pooledFiles()).toEqual([]);
    } finally {
      delete process.env.GAUNTLET_KEY_POOL;
    }
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, '');
    useKeyPool(join(file, 'pool'));
    await expect(bareKeyPair('ES256')).resolves.toHaveProperty('privateKey');
    await keyPoolSettled();
  });
});

describe('a stored key', () => {
  it('is published and kept exactly as the key it was made as: same members, same order, same kid', async () => {
    useKeyPool(undefined);
    const now = Math.floor(Date.now() / 1000);
    const made = await KeySet.generate(['RS256', 'PS256', 'ES256', 'EdDSA'], now);
    const restored = await KeySet.fromJSON(JSON.parse(JSON.stringify(made.toJSON())));
    expect(JSON.stringify(restored.jwks())).toBe(JSON.stringify(made.jwks()));
    expect(JSON.stringify(restored.toJSON())).toBe(JSON.stringify(made.toJSON()));
    expect(restored.all().map((k) => [k.kid, k.privateKey.type, k.publicKey.type])).toEqual(
      made.all().map((k) => [k.kid, 'private', 'public']),
    );
  });
});

describe('keyPoolBusy', () => {
  it("is true while a refill process's file names a living process, and deletes the file of a dead one", () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dir, `.refill-${dead}`), '');
    expect(keyPoolBusy(dir)).toBe(false);
    expect(existsSync(join(dir, `.refill-${dead}`))).toBe(false);
    writeFileSync(join(dir, `.refill-${process.pid}`), '');
    expect(keyPoolBusy(dir)).toBe(true);
    rmSync(join(dir, `.refill-${process.pid}`));
    expect(keyPoolBusy(dir)).toBe(false);
    expect(keyPoolBusy(join(dir, 'no-such-folder'))).toBe(false);
  });
});

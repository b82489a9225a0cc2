/** The attacker key (attacker-key.ts) through the key pool: pair and certificate stored together, each entry used once. */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, compactVerify, importJWK } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyPoolSettled, pooled, useKeyPool } from '../../mocks/idp/key-pool.ts';
import { attackerKind } from './attacker-key.ts';

let dir = '';
const entries = (): string[] => readdirSync(join(dir, 'ES256.attacker')).filter((f) => f.endsWith('.json'));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gauntlet-attacker-'));
  useKeyPool(dir);
});
afterEach(async () => {
  await keyPoolSettled();
  useKeyPool(undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('the attacker key from the pool', () => {
  it('comes back with its certificate, signs what its public JWK verifies, and is handed out once', async () => {
    const first = await pooled(attackerKind('ES256'));
    await keyPoolSettled();
    const [file] = entries();
    expect(file).toBeDefined();
    const stored = JSON.parse(readFileSync(join(dir, 'ES256.attacker', file!), 'utf8')) as { publicJwk: { x: string } };
    const key = await pooled(attackerKind('ES256'));
    expect(key.publicJwk.x).toBe(stored.publicJwk.x);
    expect(key.publicJwk.x).not.toBe(first.publicJwk.x);
    expect(entries().includes(file!)).toBe(false);
    // The certificate is of this very key, and the private key signs what the public one verifies.
    const cert = new X509Certificate(Buffer.from(key.x5c, 'base64'));
    expect(cert.publicKey.export({ format: 'jwk' }).x).toBe(key.publicJwk.x);
    expect(cert.subject).toContain('token-gauntlet attacker');
    if (key.signWith.kind !== 'key') throw new Error('the attacker signs with its own key');
    const jws = await new CompactSign(new TextEncoder().encode('forged'))
      .setProtectedHeader({ alg: 'ES256' })
      .sign(key.signWith.privateKey);
    await expect(compactVerify(jws, await importJWK(key.publicJwk, 'ES256'))).resolves.toBeDefined();
  });

  it('drops an entry made more than a week ago, and one for another algorithm', async () => {
    await pooled(attackerKind('ES256'));
    await keyPoolSettled();
    const [file] = entries();
    const path = join(dir, 'ES256.attacker', file!);
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { notBefore: number; publicJwk: { x: string } };
    writeFileSync(path, JSON.stringify({ ...stored, notBefore: stored.notBefore - 8 * 24 * 3600 }));
    expect((await pooled(attackerKind('ES256'))).publicJwk.x).not.toBe(stored.publicJwk.x);
    await keyPoolSettled();
    const [next] = entries();
    const again = JSON.parse(readFileSync(join(dir, 'ES256.attacker', next!), 'utf8')) as { publicJwk: { x: string } };
    writeFileSync(join(dir, 'ES256.attacker', next!), JSON.stringify({ ...again, alg: 'EdDSA' }));
    expect((await pooled(attackerKind('ES256'))).publicJwk.x).not.toBe(again.publicJwk.x);
  });
});

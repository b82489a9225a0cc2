/**
 * signInput: Ed25519 goes through node:crypto, and what it makes is byte for byte what Web Crypto makes
 * with the same key (Ed25519 is deterministic), a signature jose verifies.
 */
import { webcrypto } from 'node:crypto';
import { compactVerify, exportJWK, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { b64url, compact, signInput } from './jws.ts';

describe('signInput', () => {
  it('signs Ed25519 exactly as Web Crypto does, and jose verifies it', async () => {
    const pair = (await webcrypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const header = { alg: 'EdDSA', typ: 'at+jwt', kid: 'k1' };
    for (const claims of [{ sub: 'a' }, { sub: 'b', scope: 'x y' }]) {
      const token = await compact(header, claims, (input) => signInput('EdDSA', pair.privateKey, input));
      const input = token.split('.').slice(0, 2).join('.');
      const web = b64url(
        new Uint8Array(await webcrypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, new TextEncoder().encode(input))),
      );
      expect(token.split('.')[2]).toBe(web);
      const publicKey = await importJWK(await exportJWK(pair.publicKey), 'EdDSA');
      const { payload } = await compactVerify(token, publicKey);
      expect(JSON.parse(new TextDecoder().decode(payload))).toEqual(claims);
    }
  });

  it('still signs RSA through Web Crypto (a signature jose verifies)', async () => {
    const pair = (await webcrypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    const token = await compact({ alg: 'RS256' }, { sub: 'a' }, (input) => signInput('RS256', pair.privateKey, input));
    await expect(compactVerify(token, pair.publicKey)).resolves.toBeTruthy();
  });
});

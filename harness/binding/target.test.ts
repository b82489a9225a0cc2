import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { DpopClient } from '../../mocks/idp/dpop.ts';
import type { RawResponse } from '../core/observation.ts';
import { buildProbe, DPOP_LOCATION, type Probe } from '../probe.ts';
import type { Target } from '../target/index.ts';
import { accessTokenOf, bindingTarget } from './target.ts';
import { forTokenType } from './expectation.ts';

const endpoint = { method: 'GET', path: '/orders', scopes: [] };
const opts = { location: DPOP_LOCATION, requestIdHeader: 'x-request-id', tokenType: 'dpop' as const };

/** A target that asks for a nonce once, then records what it was sent. */
function nonceTarget(): Target & { sent: Probe[] } {
  const sent: Probe[] = [];
  return {
    sent,
    describe: 'fake',
    baseUrl: 'http://127.0.0.1:9999',
    close: async () => {},
    async send(probe): Promise<RawResponse> {
      sent.push(probe);
      const proof = probe.headers.find(([n]) => n === 'dpop')?.[1];
      const hasNonce = proof !== undefined && decodeJwt(proof).nonce === 'n-1';
      return hasNonce
        ? { status: 200, headers: {}, body: '{}', durationMs: 1 }
        : { status: 401, headers: { 'www-authenticate': 'DPoP error="use_dpop_nonce"', 'dpop-nonce': 'n-1' }, body: '{}', durationMs: 1 };
    },
  };
}

describe('bindingTarget', () => {
  it('signs a fresh proof for the exact URL and token, and retries once with the nonce asked for', async () => {
    const client = await DpopClient.create();
    const target = nonceTarget();
    const probe = buildProbe('s', { credential: { kind: 'token', token: 'tok.en.x' } }, endpoint, ['OK'], opts);
    expect(probe.headers).toContainEqual(['authorization', 'DPoP tok.en.x']);
    const res = await bindingTarget(target, client).send(probe, 1000);
    expect(res.status).toBe(200);
    expect(target.sent).toHaveLength(2);
    const [first, second] = target.sent.map((p) => decodeJwt(p.headers.find(([n]) => n === 'dpop')![1]));
    expect(first).toMatchObject({ htm: 'GET', htu: 'http://127.0.0.1:9999/orders' });
    expect(first!.nonce).toBeUndefined();
    expect(second!.nonce).toBe('n-1');
    expect(second!.jti).not.toBe(first!.jti);
  });

  it('sends nothing extra for an unbound probe, and reads the token after the scheme for ath', async () => {
    const target = nonceTarget();
    const probe = buildProbe(
      's',
      { credential: { kind: 'authorization', value: 'Bearer abc' }, binding: { kind: 'none' } },
      endpoint,
      ['IT'],
      opts,
    );
    expect(probe.binding).toBeUndefined();
    await bindingTarget(target, await DpopClient.create()).send(probe, 1000);
    expect(target.sent[0]!.headers.some(([n]) => n === 'dpop')).toBe(false);
    expect(accessTokenOf({ ...probe, token: undefined })).toBe('abc');
  });

  it('expects DPoP challenges with algs on a DPoP API, and invalid_dpop_proof for a bad proof', () => {
    const it_ = { status: [401], challenge: { scheme: 'Bearer', error: 'invalid_token' } };
    expect(forTokenType(it_, 'bearer')).toBe(it_);
    expect(forTokenType(it_, 'dpop').challenge).toEqual({ scheme: 'DPoP', error: 'invalid_token', algs: true });
    expect(forTokenType(it_, 'dpop', { binding: { kind: 'dpop', invalid: true } }).challenge?.error).toBe('invalid_dpop_proof');
  });
});

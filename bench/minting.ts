/**
 * Part 4a: minting, our forge path (the baseline token, per algorithm) against raw jose SignJWT with
 * the same key, header and claims, in alternated rounds. Ours builds the signing input by hand (it must
 * be able to forge malformed tokens) and signs with Web Crypto, as jose does.
 */
import { SignJWT } from 'jose';
import { MockIdp } from '../mocks/idp/idp.ts';
import { SIGNING_ALGS, type SigningAlg } from '../mocks/idp/keys.ts';
import { bench } from './stats.ts';

export interface MintResult {
  alg: SigningAlg;
  ours: number[];
  jose: number[];
}

/** Tokens per second over `ms` of back-to-back signing: time-bounded, so one stolen time slice cannot dominate a round. */
async function rate(ms: number, body: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < ms) {
    await body();
    n++;
  }
  return (n * 1000) / (performance.now() - t0);
}

export async function minting(log: (line: string) => void): Promise<MintResult[]> {
  const { rounds } = bench();
  const perRound = Number(process.env.BENCH_MINT_MS ?? 1000);
  const idp = await MockIdp.create({ issuer: 'https://idp.bench.test' });
  const results: MintResult[] = [];
  for (const alg of SIGNING_ALGS) {
    const key = idp.keys.activeKey(alg);
    const ours = () => idp.minter.forge({ signWith: { kind: 'kid', kid: key.kid }, header: { alg } });
    const jose = () =>
      new SignJWT(idp.minter.baselineClaims()).setProtectedHeader(idp.minter.baselineHeader(key) as { alg: string }).sign(key.privateKey);
    await rate(200, ours); // warm-up
    await rate(200, jose);
    const r: MintResult = { alg, ours: [], jose: [] };
    for (let i = 0; i < rounds; i++) {
      if (i % 2 === 0) {
        r.ours.push(await rate(perRound, ours));
        r.jose.push(await rate(perRound, jose));
      } else {
        r.jose.push(await rate(perRound, jose));
        r.ours.push(await rate(perRound, ours));
      }
    }
    log(`  ${alg}: ours ${r.ours.map((x) => x.toFixed(0)).join(' ')} /s; jose ${r.jose.map((x) => x.toFixed(0)).join(' ')} /s`);
    results.push(r);
  }
  return results;
}

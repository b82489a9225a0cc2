/**
 * Every kind of key the key pool holds (mocks/idp/key-pool.ts), found again by its folder name: what
 * the refill process (refill-key-pool.ts) needs to make a kind it only knows by name and `spec`. A
 * name no entry here makes is skipped (that kind is then made on the spot by the next start), so a
 * new PoolKind needs its line here; pool-kinds.test.ts checks every kind the code makes.
 */
import { bareKind, isSigningAlg, signingKind, type SigningAlg, type SigningKey } from '../../mocks/idp/keys.ts';
import type { PoolKind } from '../../mocks/idp/key-pool.ts';
import { attackerKind } from '../../scenarios/lib/attacker-key.ts';

type Validity = { notBefore: number; notAfter: number };

const isValidity = (v: unknown): v is Validity =>
  typeof v === 'object' && v !== null && Number.isSafeInteger((v as Validity).notBefore) && Number.isSafeInteger((v as Validity).notAfter);
const PURPOSES: ReadonlyArray<SigningKey['purpose']> = ['signing', 'expired-cert', 'spare'];

/** The kind whose folder is `name`, made with `spec` (a signing key's validity and purpose); undefined when none is. */
export function poolKindFor(name: string, spec?: unknown): PoolKind<unknown> | undefined {
  const [alg, what] = name.split('.');
  if (!alg || !isSigningAlg(alg)) return undefined;
  const kind = kindOf(alg, what, spec);
  // The spec must describe the folder it is asked for, never another one.
  return kind?.name === name ? kind : undefined;
}

function kindOf(alg: SigningAlg, what: string | undefined, spec: unknown): PoolKind<unknown> | undefined {
  if (what === 'bare') return bareKind(alg) as PoolKind<unknown>;
  if (what === 'attacker') return attackerKind(alg) as PoolKind<unknown>;
  if (what === 'signing' || what === 'expired-cert') {
    const s = spec as { validity?: unknown; purpose?: unknown } | undefined;
    if (!s || !isValidity(s.validity) || !PURPOSES.includes(s.purpose as SigningKey['purpose'])) return undefined;
    return signingKind(alg, s.validity, s.purpose as SigningKey['purpose']) as PoolKind<unknown>;
  }
  return undefined;
}

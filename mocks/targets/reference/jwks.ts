/**
 * The trusted keys, fetched from the configured JWKS URL through global fetch (so msw can serve it in
 * process) and cached. An unknown kid triggers one refetch, at most once per interval per kid, so a
 * rotation is picked up at once and kid spam cannot hammer the IdP. Keys named by a token (jku, x5u,
 * jwk) are never fetched or trusted. Any failure to fetch throws IdpUnavailable: the caller fails closed.
 * @see RFC 7517 §5, RFC 8725 §3.10
 */
import { importJWK, type JWK } from 'jose';
import type { Clock } from '../../idp/clock.ts';
import { IdpUnavailable } from './rejection.ts';

export interface JwksCacheOptions {
  uri: string;
  clock: Clock;
  timeoutMs: number;
  /** Seconds a fetched key set is used before it is fetched again. */
  maxAge: number;
  /** Seconds between two refetches caused by the same unknown kid. */
  refetchInterval: number;
}

const MAX_KID_LENGTH = 256;
const MAX_REMEMBERED_KIDS = 1000;

export class JwksCache {
  private keys: JWK[] | undefined;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<JWK[]> | undefined;
  private readonly lastRefetch = new Map<string, number>();
  private readonly imported = new WeakMap<JWK, Promise<CryptoKey>>();

  constructor(private readonly opts: JwksCacheOptions) {}

  /** The published keys with this kid (several only if the IdP reuses a kid across algorithms). */
  async lookup(kid: string): Promise<JWK[]> {
    const now = this.opts.clock.now();
    let fresh = false;
    if (!this.keys || now - this.fetchedAt >= this.opts.maxAge) {
      await this.refresh();
      fresh = true;
    }
    const found = this.match(kid);
    if (found.length > 0 || fresh || !this.mayRefetch(kid, now)) return found;
    await this.refresh();
    return this.match(kid);
  }

  /** The public key of a published JWK, imported once. */
  importKey(jwk: JWK, alg: string): Promise<CryptoKey> {
    let key = this.imported.get(jwk);
    if (!key) {
      key = importJWK(jwk, alg) as Promise<CryptoKey>;
      this.imported.set(jwk, key);
    }
    return key;
  }

  private match(kid: string): JWK[] {
    return (this.keys ?? []).filter((k) => k.kid === kid && (k.use === undefined || k.use === 'sig'));
  }

  private mayRefetch(kid: string, now: number): boolean {
    if (kid.length > MAX_KID_LENGTH) return false;
    const last = this.lastRefetch.get(kid);
    if (last !== undefined && now - last < this.opts.refetchInterval) return false;
    if (this.lastRefetch.size >= MAX_REMEMBERED_KIDS) this.lastRefetch.clear();
    this.lastRefetch.set(kid, now);
    return true;
  }

  /** One fetch at a time: concurrent callers share it. */
  private refresh(): Promise<JWK[]> {
    this.inflight ??= this.fetchKeys().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetchKeys(): Promise<JWK[]> {
    let body: unknown;
    try {
      const response = await fetch(this.opts.uri, {
        headers: { accept: 'application/json' },
        redirect: 'error',
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      body = await response.json();
    } catch (err) {
      throw new IdpUnavailable('KeySetUnavailable', `JWKS fetch failed: ${(err as Error).message}`, { cause: err });
    }
    const keys = (body as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(keys)) throw new IdpUnavailable('KeySetUnavailable', 'JWKS response has no keys array');
    this.keys = keys.filter((k): k is JWK => typeof k === 'object' && k !== null && !Array.isArray(k));
    this.fetchedAt = this.opts.clock.now();
    return this.keys;
  }
}

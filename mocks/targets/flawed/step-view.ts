/**
 * Run a reference step against a changed view of the request (another key source, another request),
 * then copy back what the step decided. Lets a flawed step reuse the reference's logic and differ in
 * exactly the one input its flaw is about.
 */
import type { JWK } from 'jose';
import type { JwksCache } from '../reference/jwks.ts';
import { IdpUnavailable } from '../reference/rejection.ts';
import type { RequestFacts, Step, StepContext, StepResult } from '../reference/steps.ts';

/** `issuerKeys`: the other trusted issuers' key sources, by issuer (an empty map: the configured JWKS for every iss). */
type Changes = { jwks?: KeySource; request?: RequestFacts; issuerKeys?: ReadonlyMap<string, KeySource> };

/** The part of the JWKS cache a step uses. */
export interface KeySource {
  lookup(kid: string): Promise<JWK[]>;
  importKey(jwk: JWK, alg: string): Promise<CryptoKey>;
}

export async function runWith(step: Step, ctx: StepContext, changes: Changes): Promise<StepResult> {
  // The view reads through to ctx for everything not changed; the fields a step sets land on the view.
  const view = Object.create(ctx, {
    ...(changes.jwks ? { jwks: { value: changes.jwks as unknown as JwksCache } } : {}),
    ...(changes.request ? { request: { value: changes.request } } : {}),
    ...(changes.issuerKeys ? { issuerKeys: { value: changes.issuerKeys } } : {}),
  }) as StepContext;
  const result = await step(view);
  for (const field of ['token', 'header', 'claims', 'key'] as const) {
    if (Object.hasOwn(view, field)) (ctx as Record<typeof field, unknown>)[field] = view[field];
  }
  return result;
}

/** The key set the IdP publishes right now, fetched as the reference fetches it (global fetch, so msw can serve it). */
export async function fetchPublishedKeys(uri: string, timeoutMs: number): Promise<JWK[]> {
  try {
    const response = await fetch(uri, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    const { keys } = (await response.json()) as { keys?: JWK[] };
    return Array.isArray(keys) ? keys : [];
  } catch (err) {
    // Fail closed like the reference: the flaw under test is elsewhere.
    throw new IdpUnavailable('KeySetUnavailable', `JWKS fetch failed: ${(err as Error).message}`, { cause: err });
  }
}

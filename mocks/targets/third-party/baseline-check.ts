/**
 * The first check of every third-party target: a valid token is accepted on /orders and, with scope
 * `admin`, on /admin, and a token without that scope gets 403 with an insufficient_scope challenge.
 * The requests are real, sent to the target on its own port.
 */
import { expect } from 'vitest';
import { targetEnv } from '../../../harness/idp-session.ts';
import type { Minter } from '../../idp/mint.ts';
import { startIdp } from '../../idp/serve.ts';
import { startChild } from './child.ts';

/** The challenge our scope checks send; a library's own may add parameters (match it with expect.stringContaining). */
export const SCOPE_CHALLENGE = 'Bearer error="insufficient_scope", scope="admin"';

/** Against a target listening at `url` that trusts `minter`'s IdP. */
export async function expectBaselineAndScopeAt(url: string, minter: Minter, challenge: unknown = SCOPE_CHALLENGE): Promise<void> {
  const admin = await minter.baseline(['admin']);
  const plain = await minter.baseline();
  const get = (path: string, token: string) => fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect((await get('/orders', plain.token)).status).toBe(200);
  expect((await get('/admin', admin.token)).status).toBe(200);
  const refused = await get('/admin', plain.token);
  expect(refused.status).toBe(403);
  expect(refused.headers.get('www-authenticate')).toEqual(challenge);
}

/** Against a child entry (child.ts), with an IdP on a real port. */
export async function expectBaselineAndScope(entry: URL): Promise<void> {
  const idp = await startIdp();
  try {
    const child = await startChild(entry, targetEnv(idp.idp));
    try {
      await expectBaselineAndScopeAt(child.url, idp.idp.minter);
    } finally {
      await child.close();
    }
  } finally {
    await idp.close();
  }
}

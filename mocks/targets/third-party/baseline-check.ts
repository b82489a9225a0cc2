/**
 * The first check of every out-of-process third-party target: a valid token is accepted on /orders
 * and, with scope `admin`, on /admin, and a token without that scope gets 403 with an
 * insufficient_scope challenge. The requests are real, sent to the child process on its own port.
 */
import { expect } from 'vitest';
import { targetEnv } from '../../../harness/idp-session.ts';
import { startIdp } from '../../idp/serve.ts';
import { startChild } from './child.ts';

export async function expectBaselineAndScope(entry: URL): Promise<void> {
  const idp = await startIdp();
  try {
    const child = await startChild(entry, targetEnv(idp.idp));
    try {
      const admin = await idp.idp.minter.baseline(['admin']);
      const plain = await idp.idp.minter.baseline();
      const get = (path: string, token: string) => fetch(`${child.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect((await get('/orders', plain.token)).status).toBe(200);
      expect((await get('/admin', admin.token)).status).toBe(200);
      const refused = await get('/admin', plain.token);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="admin"');
    } finally {
      await child.close();
    }
  } finally {
    await idp.close();
  }
}

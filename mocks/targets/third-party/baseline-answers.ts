/**
 * Real requests to a third-party child entry: the IdP on a real port, the child in its own process,
 * and three fresh tokens: a plain one on /orders, one with scope `admin` on /admin, and the plain one
 * on /admin (which must get 403 insufficient_scope). The caller asserts what came back.
 */
import { targetEnv } from '../../../harness/idp-session.ts';
import { startIdp } from '../../idp/serve.ts';
import { startChild } from './child.ts';

export interface Answer {
  status: number;
  wwwAuthenticate: string | null;
}

export interface BaselineAnswers {
  orders: Answer;
  admin: Answer;
  adminWithoutScope: Answer;
}

export async function baselineAnswers(entry: string | URL): Promise<BaselineAnswers> {
  const idp = await startIdp();
  try {
    const child = await startChild(entry, targetEnv(idp.idp));
    try {
      const plain = await idp.idp.minter.baseline();
      const admin = await idp.idp.minter.baseline(['admin']);
      const get = async (path: string, token: string): Promise<Answer> => {
        const res = await fetch(`${child.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        return { status: res.status, wwwAuthenticate: res.headers.get('www-authenticate') };
      };
      return {
        orders: await get('/orders', plain.token),
        admin: await get('/admin', admin.token),
        adminWithoutScope: await get('/admin', plain.token),
      };
    } finally {
      await child.close();
    }
  } finally {
    await idp.close();
  }
}

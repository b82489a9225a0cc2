/** The JWKS: every published key. Cacheable, as real IdPs serve it. @see RFC 7517 §5 */
import type { KeySet } from '../keys.ts';
import { json } from './respond.ts';

export function jwks(keys: KeySet): Response {
  return json(keys.jwks(), 200, { 'cache-control': 'public, max-age=300' });
}

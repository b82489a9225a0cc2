/**
 * The control API under /_gauntlet/: lets an out-of-process harness change the IdP's state between
 * probes (revoke, disable, block, rotate, inject failures) and read the request journal.
 * Bound to 127.0.0.1 with the rest of the IdP; it is a test fixture, not a product surface.
 */
import { isSigningAlg } from '../keys.ts';
import type { FailingEndpoint, FailureMode } from '../state.ts';
import { json, oauthError } from './respond.ts';
import type { TokenDeps } from './token.ts';

export async function control(request: Request, path: string, deps: TokenDeps): Promise<Response> {
  const { state, keys, clock } = deps;
  if (request.method === 'GET' && path === 'journal') {
    const since = Number(new URL(request.url).searchParams.get('since') ?? 0);
    return json({ entries: state.journal.filter((e) => e.seq > since) });
  }
  if (request.method === 'GET' && path === 'audit') return json({ events: state.audit });
  if (request.method === 'GET' && path === 'state') {
    return json({
      revoked: [...state.revokedJtis],
      disabledSubjects: [...state.disabledSubjects],
      blockedClients: [...state.blockedClients],
      failures: Object.fromEntries(state.failures),
      kids: keys.all().map((k) => ({ kid: k.kid, alg: k.alg, published: k.published, purpose: k.purpose })),
    });
  }
  if (request.method !== 'POST') return oauthError(405, 'invalid_request', `unknown control call ${request.method} /_gauntlet/${path}`);
  const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
  const str = (name: string): string | undefined => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
  switch (path) {
    case 'audit':
      state.audit.push({ at: Date.now(), event: body });
      return json({ ok: true });
    case 'revoke':
      if (!str('jti')) return oauthError(400, 'invalid_request', 'body needs {"jti": "..."}');
      state.revokedJtis.add(str('jti')!);
      return json({ ok: true });
    case 'disable-subject':
      if (!str('sub')) return oauthError(400, 'invalid_request', 'body needs {"sub": "..."}');
      state.disabledSubjects.add(str('sub')!);
      return json({ ok: true });
    case 'block-client':
      if (!str('client_id')) return oauthError(400, 'invalid_request', 'body needs {"client_id": "..."}');
      state.blockedClients.add(str('client_id')!);
      return json({ ok: true });
    case 'fail': {
      const endpoint = str('endpoint') as FailingEndpoint | undefined;
      const mode = (str('mode') ?? 'fail') as FailureMode;
      if (!endpoint || !['jwks', 'introspect', 'discovery'].includes(endpoint) || !['ok', 'fail', 'stall'].includes(mode)) {
        return oauthError(400, 'invalid_request', 'body needs {"endpoint": "jwks"|"introspect"|"discovery", "mode": "ok"|"fail"|"stall"}');
      }
      state.failures.set(endpoint, mode);
      if (mode === 'ok') state.releaseStalls();
      return json({ ok: true });
    }
    case 'keys/next':
    case 'keys/rotate': {
      const alg = str('alg') ?? keys.algs[0]!;
      if (!isSigningAlg(alg) || !keys.algs.includes(alg)) return oauthError(400, 'invalid_request', `alg ${alg} is not loaded`);
      const key = path === 'keys/next' ? await keys.addNext(alg, clock.now()) : await keys.rotate(alg, clock.now());
      return json({ kid: key.kid, alg: key.alg });
    }
    case 'keys/activate':
    case 'keys/retire': {
      const kid = str('kid');
      if (!kid || !keys.find(kid)) return oauthError(400, 'invalid_request', 'body needs {"kid": "<a kid of this IdP>"}');
      if (path === 'keys/activate') keys.activate(kid);
      else keys.retire(kid);
      return json({ ok: true });
    }
    case 'reset':
      state.reset();
      return json({ ok: true });
    default:
      return oauthError(404, 'invalid_request', `unknown control call POST /_gauntlet/${path}`);
  }
}

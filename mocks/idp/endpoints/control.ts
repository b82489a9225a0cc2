/**
 * The control API under /_gauntlet/: lets an out-of-process harness change the IdP's state between
 * probes (revoke, disable, block, rotate, inject failures) and read the request journal. The router
 * (handlers.ts) has already checked Host, Origin, the method and the run's secret; here a change needs
 * a JSON object body (application/json: no HTML form or text/plain POST can send one), and every list
 * it grows is bounded.
 */
import { isSigningAlg } from '../keys.ts';
import { MAX_BODY_BYTES, MAX_CONTROL_ENTRIES, MAX_CONTROL_KEYS, MAX_CONTROL_VALUE, mediaType, readBody, utf8Text } from '../limits.ts';
import type { FailingEndpoint, FailureMode } from '../state.ts';
import { json, oauthError, tooLarge } from './respond.ts';
import type { TokenDeps } from './token.ts';

/** GET calls, answered without a body. */
export const CONTROL_READS = ['journal', 'state', 'audit'] as const;
/** POST calls, each a state change. */
export const CONTROL_CHANGES = [
  'audit',
  'revoke',
  'disable-subject',
  'block-client',
  'fail',
  'keys/next',
  'keys/rotate',
  'keys/activate',
  'keys/retire',
  'reset',
] as const;

export interface ControlDeps extends TokenDeps {
  /** Keys added through the control API so far (capped at MAX_CONTROL_KEYS; a reset keeps keys). */
  controlKeys: { count: number };
}

type JsonObject = Record<string, unknown>;

async function jsonObject(request: Request): Promise<{ body: JsonObject; size: number } | { error: Response }> {
  if (mediaType(request) !== 'application/json') {
    return { error: oauthError(415, 'invalid_request', 'a control call takes a JSON body: send Content-Type: application/json') };
  }
  const read = await readBody(request);
  if (!read.ok)
    return {
      error:
        read.reason === 'too-large' ? tooLarge(MAX_BODY_BYTES) : oauthError(400, 'invalid_request', 'the request body could not be read'),
    };
  const text = utf8Text(read.bytes);
  if (text === undefined) return { error: oauthError(400, 'invalid_request', 'the body is not UTF-8') };
  if (text.trim() === '') return { body: {}, size: 0 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: oauthError(400, 'invalid_request', 'the body is not JSON') };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { error: oauthError(400, 'invalid_request', 'the body must be a JSON object, e.g. {"jti": "..."}') };
  }
  return { body: parsed as JsonObject, size: read.bytes.byteLength };
}

export async function control(request: Request, path: string, deps: ControlDeps): Promise<Response> {
  const { state, keys, clock } = deps;
  if (request.method === 'GET' || request.method === 'HEAD') {
    if (path === 'journal') {
      const raw = new URL(request.url).searchParams.get('since') ?? '0';
      const since = Number(raw);
      if (!/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(since))
        return oauthError(400, 'invalid_request', 'since must be a journal seq number');
      return json({ entries: state.journal.filter((e) => e.seq > since) });
    }
    if (path === 'audit') return json({ events: state.audit });
    return json({
      revoked: [...state.revokedJtis],
      disabledSubjects: [...state.disabledSubjects],
      blockedClients: [...state.blockedClients],
      failures: Object.fromEntries(state.failures),
      kids: keys.all().map((k) => ({ kid: k.kid, alg: k.alg, published: k.published, purpose: k.purpose })),
    });
  }
  const parsed = await jsonObject(request);
  if ('error' in parsed) return parsed.error;
  const { body } = parsed;
  const str = (name: string): string | undefined => {
    const v = body[name];
    return typeof v === 'string' && v !== '' && v.length <= MAX_CONTROL_VALUE ? v : undefined;
  };
  const addTo = (set: Set<string>, name: string): Response => {
    const value = str(name);
    if (!value)
      return oauthError(400, 'invalid_request', `body needs {"${name}": "..."} (a string of at most ${MAX_CONTROL_VALUE} characters)`);
    if (!set.has(value) && set.size >= MAX_CONTROL_ENTRIES) {
      return oauthError(409, 'invalid_request', `${MAX_CONTROL_ENTRIES} entries already; POST /_gauntlet/reset first`);
    }
    set.add(value);
    return json({ ok: true });
  };
  switch (path) {
    case 'audit':
      state.addAudit(body, parsed.size);
      return json({ ok: true });
    case 'revoke':
      return addTo(state.revokedJtis, 'jti');
    case 'disable-subject':
      return addTo(state.disabledSubjects, 'sub');
    case 'block-client':
      return addTo(state.blockedClients, 'client_id');
    case 'fail': {
      const endpoint = str('endpoint') as FailingEndpoint | undefined;
      const mode = (body.mode === undefined ? 'fail' : str('mode')) as FailureMode | undefined;
      if (!endpoint || !['jwks', 'introspect', 'discovery'].includes(endpoint) || !mode || !['ok', 'fail', 'stall'].includes(mode)) {
        return oauthError(400, 'invalid_request', 'body needs {"endpoint": "jwks"|"introspect"|"discovery", "mode": "ok"|"fail"|"stall"}');
      }
      state.failures.set(endpoint, mode);
      if (mode === 'ok') state.releaseStalls();
      return json({ ok: true });
    }
    case 'keys/next':
    case 'keys/rotate': {
      const alg = body.alg === undefined ? keys.algs[0]! : str('alg');
      if (!alg || !isSigningAlg(alg) || !keys.algs.includes(alg))
        return oauthError(400, 'invalid_request', `body.alg must be one of the loaded algorithms: ${keys.algs.join(', ')}`);
      if (deps.controlKeys.count >= MAX_CONTROL_KEYS) {
        return oauthError(
          409,
          'invalid_request',
          `the control API already added ${MAX_CONTROL_KEYS} keys in this run; restart the IdP for more`,
        );
      }
      deps.controlKeys.count++;
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
      return oauthError(404, 'invalid_request', 'no such control call');
  }
}

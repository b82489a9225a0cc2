/**
 * The baseline: a freshly minted valid token must be accepted on every endpoint, or every rejection
 * would be meaningless. When it is refused, the refusal is diagnosed before the run gives up: the
 * usual reasons (a `typ` the API does not take, an algorithm it does not allow, `aud` as a string or
 * an array, a `kid` it does not expect) are each tried alone, and the one the API accepts is named with
 * the flag that selects it.
 */
import { isAccepted } from './core/status.ts';
import type { Forgery } from '../mocks/idp/mint.ts';
import type { ResolvedConfig } from './config.ts';
import { authenticationOf, endpointLabel, type Endpoint } from './core/endpoint.ts';
import { HarnessError } from './core/errors.ts';
import type { IdpSession } from './idp-session.ts';
import { observe } from './observe/observation.ts';
import { buildProbe } from './probe.ts';
import { placeOptions } from './place.ts';
import { NoHttpAnswer, TargetTimeout, type Target } from './target/index.ts';

/** A baseline token the API did not accept. */
export interface BaselineRefusal {
  endpoint: Endpoint;
  alg: string;
  /** The answer in words: `401 (Bearer error="invalid_token")`. */
  answer: string;
}

/** Send `forgery` (the baseline when empty) to `endpoint`: accepted, or the answer in words. */
async function tryToken(config: ResolvedConfig, session: IdpSession, target: Target, endpoint: Endpoint, forgery: Forgery = {}) {
  const token = await session.idp.minter.forge(forgery, endpoint.scopes, authenticationOf(endpoint));
  const probe = buildProbe('baseline', { credential: { kind: 'token', token } }, endpoint, ['OK'], placeOptions(config));
  try {
    const raw = await target.send(probe, config.timeoutMs);
    if (isAccepted(raw.status)) return { accepted: true as const, token };
    const obs = observe(raw);
    const why = obs.wwwAuthenticate.length
      ? ` (${obs.wwwAuthenticate.join(', ')})`
      : obs.body
        ? ` (${obs.body.slice(0, 120).replace(/\s+/g, ' ')})`
        : '';
    return { accepted: false as const, token, answer: `${raw.status}${why}` };
  } catch (err) {
    if (err instanceof TargetTimeout) {
      throw new HarnessError(
        'ERR_TARGET_TIMEOUT',
        `the target did not answer ${endpointLabel(endpoint)} within ${config.timeoutMs} ms; check it is up or raise --timeout`,
      );
    }
    if (err instanceof NoHttpAnswer) return { accepted: false as const, token, answer: `no HTTP answer (${err.message})` };
    throw err;
  }
}

/** The first endpoint that refuses a valid token, or undefined when every endpoint accepts one. */
export async function checkBaseline(config: ResolvedConfig, session: IdpSession, target: Target): Promise<BaselineRefusal | undefined> {
  for (const endpoint of config.endpoints) {
    const tried = await tryToken(config, session, target, endpoint);
    if (!tried.accepted) return { endpoint, alg: String(tried.token.header.alg), answer: tried.answer };
  }
  return undefined;
}

interface Variant {
  /** What differs from the baseline, in words: `typ JWT`. */
  what: string;
  forgery: Forgery;
  /** How the user selects it. */
  fix: string;
}

function variants(session: IdpSession): Variant[] {
  const { minter, keys } = session.idp;
  const { typ, audience } = minter.shape;
  const out: Variant[] = [];
  for (const t of ['JWT', 'at+jwt', 'application/at+jwt'].filter((t) => t.toLowerCase() !== typ.toLowerCase())) {
    out.push({ what: `typ ${t}`, forgery: { header: { typ: t } }, fix: `run with --typ ${t}` });
  }
  if (typ) out.push({ what: 'no typ', forgery: { header: { typ: undefined } }, fix: 'run with --typ "" (no typ header)' });
  const current = keys.activeKey().alg;
  for (const alg of keys.algs.filter((a) => a !== current)) {
    const kid = keys.activeKey(alg).kid;
    const order = [alg, ...keys.algs.filter((a) => a !== alg)].join(',');
    out.push({
      what: `alg ${alg}`,
      forgery: { signWith: { kind: 'kid', kid }, header: { alg, kid } },
      fix: `run with --algs ${order} (the baseline is signed with the first)`,
    });
  }
  if (typeof audience === 'string') {
    out.push({
      what: 'aud as an array',
      forgery: { claims: { aud: [audience] } },
      fix: `set baseline.claims.aud to ["${audience}"] in the config`,
    });
  }
  out.push({
    what: 'no kid',
    forgery: { header: { kid: undefined } },
    fix: 'the API refuses tokens that name their key: no flag selects that; check its key lookup',
  });
  return out;
}

/**
 * One line saying why the baseline was refused: the variant the API accepts and how to select it, or,
 * when none is accepted, the API's answer beside the issuer, JWKS URL and audience it must trust.
 */
export async function diagnoseBaseline(
  config: ResolvedConfig,
  session: IdpSession,
  target: Target,
  refusal: BaselineRefusal,
): Promise<string> {
  const { endpoint } = refusal;
  const label = endpointLabel(endpoint);
  const head = `baseline rejected: ${label} answered ${refusal.answer} to a valid ${refusal.alg} token with typ ${session.idp.minter.shape.typ}`;
  const tried: string[] = [];
  for (const v of variants(session)) {
    const result = await tryToken(config, session, target, endpoint, v.forgery).catch(() => undefined);
    if (result?.accepted) return `${head}, and accepts the same token with ${v.what}: ${v.fix}`;
    tried.push(v.what);
  }
  const env = session.env;
  return (
    `${head} (also refused: ${tried.join(', ')}); ` +
    `configure the target to trust issuer ${env.issuer}, JWKS ${env.jwksUri} and audience ${env.audience}` +
    (endpoint.scopes.length ? ` (token scope "${endpoint.scopes.join(' ')}")` : '')
  );
}

/** For commands that need an accepted baseline (replay): a refused one is a one-line exit 2. */
export async function requireBaseline(config: ResolvedConfig, session: IdpSession, target: Target): Promise<void> {
  const refusal = await checkBaseline(config, session, target);
  if (refusal) throw new HarnessError('ERR_BASELINE_REJECTED', await diagnoseBaseline(config, session, target, refusal));
}

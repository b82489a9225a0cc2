/**
 * The validation pipeline as an ordered list of named steps, each one small function with one concern,
 * so a flawed variant can replace exactly one of them (`steps: { checkExpiry: skip }`). A step returns
 * a Rejection to stop the request, or nothing to pass it on; steps record what later steps need on the
 * context. Signature verification is jose; the claim checks are our own, so each can be swapped alone.
 * @see RFC 6750 §2.1, RFC 9068 §4, RFC 8725 §3
 */
import { compactVerify, type JWK } from 'jose';
import { certificateValidity } from './certificate.ts';
import { activeOf, introspect, isActive, UntrustedAnswer, type JwtAnswerContext } from './introspection.ts';
import { STEP_NAMES, type DirectoryOptions, type Step, type StepContext, type Steps } from './options.ts';
import {
  IdpUnavailable,
  insufficientScope,
  insufficientUserAuthentication,
  invalidRequest,
  invalidToken,
  noCredentials,
  unavailable,
  type Rejection,
} from './rejection.ts';
import { parseStrictJson } from './strict-json.ts';
import { checkBoundScheme, checkProof, checkProofNonce, checkProofReplay } from './dpop.ts';
import { checkCertificateBinding } from './mtls.ts';

// The step types live beside the options they are configured by (options.ts: one home, no cycle); step authors import them from here.
export { STEP_NAMES, type RequestFacts, type Step, type StepContext, type StepName, type StepResult, type Steps } from './options.ts';

/** A step that checks nothing: what a flawed variant puts in place of the one it leaves out. */
export const skip: Step = () => undefined;

/** RFC 6750 §2.1 b64token, after exactly one space. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const SEGMENT = /^[A-Za-z0-9_-]*$/;

/** Authorization header only; the scheme is case-insensitive (RFC 9110 §11.1). */
const extractCredential: Step = (ctx) => {
  const auth = ctx.request.authorization;
  const space = auth?.indexOf(' ') ?? -1;
  const scheme = auth === undefined ? '' : space === -1 ? auth : auth.slice(0, space);
  const accepted = ctx.options.dpop ? ['bearer', 'dpop'] : ['bearer'];
  if (!accepted.includes(scheme.toLowerCase())) return noCredentials();
  ctx.scheme = scheme.toLowerCase();
  // RFC 6750 §3.1: more than one method of sending the token is an invalid_request.
  if (ctx.request.query.has('access_token') || ctx.request.form?.has('access_token')) return invalidRequest();
  const token = space === -1 ? '' : auth!.slice(space + 1);
  if (!B64TOKEN.test(token)) return invalidToken('TokenRejected');
  ctx.token = token;
};

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  if (!segment || !SEGMENT.test(segment)) return undefined;
  const bytes = Buffer.from(segment, 'base64url');
  if (bytes.toString('base64url') !== segment) return undefined; // non-canonical trailing bits
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const value = parseStrictJson(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Three base64url segments; header and claims are JSON objects without duplicate members. @see RFC 7519 §7.2 */
const parseToken: Step = (ctx) => {
  const parts = (ctx.token ?? '').split('.');
  if (parts.length !== 3) return invalidToken('TokenRejected');
  const [h = '', p = '', s = ''] = parts;
  const header = decodeSegment(h);
  const claims = decodeSegment(p);
  const sigOk = SEGMENT.test(s) && Buffer.from(s, 'base64url').toString('base64url') === s;
  if (!header || !claims || !sigOk) return invalidToken('TokenRejected');
  ctx.header = header;
  ctx.claims = claims;
};

/** Only the configured asymmetric algorithms: never `none`, never HS*. @see RFC 8725 §3.1, §3.2 */
const checkAlgorithm: Step = (ctx) => {
  const alg = ctx.header?.alg;
  if (typeof alg !== 'string' || !ctx.options.algorithms.includes(alg)) return invalidToken('UnsupportedAlgo');
};

/**
 * We understand no critical extension, so any `crit` is refused (RFC 7515 §4.1.11). `jku`, `x5u`,
 * `jwk` and `x5c` in the token are ignored: keys come only from the configured JWKS (RFC 8725 §3.10).
 */
const checkHeaderMembers: Step = (ctx) => {
  if (ctx.header && 'crit' in ctx.header) return invalidToken('TokenRejected');
};

/**
 * The JWKS key named by kid, of the token's algorithm, under a currently valid certificate. The JWKS is
 * that of the issuer the token names when it is another trusted issuer; otherwise the configured one
 * (an untrusted iss is refused by checkIssuer). @see RFC 9700 §4.15
 */
const resolveKey: Step = async (ctx) => {
  const kid = ctx.header?.kid;
  const alg = String(ctx.header?.alg);
  if (typeof kid !== 'string' || kid === '') return invalidToken('MissingKeyId');
  const iss = ctx.claims?.iss;
  const source = (typeof iss === 'string' && ctx.issuerKeys?.get(iss)) || ctx.jwks;
  const candidates = await source.lookup(kid);
  if (candidates.length === 0) return invalidToken('MissingKey');
  const jwk: JWK | undefined = candidates.find((k) => k.alg === alg);
  if (!jwk) return invalidToken('UnsupportedAlgo');
  const x5c = jwk.x5c?.[0];
  if (x5c !== undefined) {
    const validity = certificateValidity(x5c);
    if (!validity || ctx.now < validity.notBefore || ctx.now > validity.notAfter) return invalidToken('InvalidSignature');
  }
  ctx.jwk = jwk;
  try {
    ctx.key = await source.importKey(jwk, alg);
  } catch {
    return invalidToken('InvalidSignature');
  }
};

/** @see RFC 7515 §5.2 */
const verifySignature: Step = async (ctx) => {
  if (!ctx.key || !ctx.token) return invalidToken('InvalidSignature');
  try {
    await compactVerify(ctx.token, ctx.key, { algorithms: [String(ctx.header?.alg)] });
  } catch {
    return invalidToken('InvalidSignature');
  }
};

/** typ must be at+jwt; a refresh token presented for access is refused as such. @see RFC 9068 §4, RFC 8725 §3.11 */
const checkType: Step = (ctx) => {
  const typ = typeof ctx.header?.typ === 'string' ? ctx.header.typ.toLowerCase() : undefined;
  const required = ctx.options.requiredTyp.toLowerCase();
  if (typ === required || typ === `application/${required}`) return;
  if (typ === 'rt+jwt' || typ === 'application/rt+jwt') return invalidToken('TokenRejected');
  return invalidToken('InvalidTokenType');
};

/** iss is required (RFC 9068 §2.2) and must equal ours exactly, no normalisation. @see RFC 9068 §4, RFC 8725 §3.8 */
const checkIssuer: Step = (ctx) => {
  const iss = ctx.claims?.iss;
  if (iss !== ctx.options.issuer && !ctx.options.trustedIssuers.some((t) => t.issuer === iss)) return invalidToken('InvalidIssuer');
};

/** aud is required (RFC 9068 §2.2): our identifier, or an array holding it. @see RFC 7519 §4.1.3 */
const checkAudience: Step = (ctx) => {
  const aud = ctx.claims?.aud;
  const ok = typeof aud === 'string' ? aud === ctx.options.audience : Array.isArray(aud) && aud.includes(ctx.options.audience);
  if (!ok) return invalidToken('InvalidAudience');
};

/**
 * A NumericDate as we accept it: a non-negative integer (no strings, floats or null). A huge one (1e20)
 * is a date far ahead, for the lifetime rule to refuse, not a type fault.
 */
function numericDate(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** exp is required (RFC 9068 §2.2); expired once now >= exp + leeway. @see RFC 7519 §4.1.4 */
const checkExpiry: Step = (ctx) => {
  const exp = numericDate(ctx.claims?.exp);
  if (exp === undefined) return invalidToken('TokenRejected');
  if (exp <= ctx.now - ctx.options.leeway) return invalidToken('TokenExpired');
};

/** @see RFC 7519 §4.1.5 */
const checkNotBefore: Step = (ctx) => {
  if (ctx.claims?.nbf === undefined) return;
  const nbf = numericDate(ctx.claims.nbf);
  if (nbf === undefined) return invalidToken('TokenRejected');
  if (nbf > ctx.now + ctx.options.leeway) return invalidToken('TokenNotAcceptable');
};

/** iat is required (RFC 9068 §2.2); a token issued in the future is not acceptable (the login audit trail). */
const checkIssuedAt: Step = (ctx) => {
  const iat = numericDate(ctx.claims?.iat);
  if (iat === undefined) return invalidToken('TokenRejected');
  if (iat > ctx.now + ctx.options.leeway) return invalidToken('TokenNotAcceptable');
};

/** exp - iat must not exceed maxLifetime (the login audit trail: two hours). exp and iat presence are checked elsewhere. */
const checkLifetime: Step = (ctx) => {
  const exp = ctx.claims?.exp;
  if (typeof exp !== 'number') return;
  const iat = typeof ctx.claims?.iat === 'number' ? ctx.claims.iat : ctx.now;
  if (exp - iat > ctx.options.maxLifetime) return invalidToken('TokenValidityTooBroad');
};

/** The RFC 9068 §2.2 claims that no value check of ours requires (iss, aud, exp and iat fail theirs when absent). */
export type IdentifyingClaim = 'sub' | 'client_id' | 'jti';

/**
 * Each of `claims` must be a non-empty string; a token without one is not an RFC 9068 access token.
 * Before the client id and directory checks, so a missing client_id is refused as such, not as
 * another client's token or an unregistered one.
 */
export function requireClaims(...claims: readonly IdentifyingClaim[]): Step {
  return (ctx) => {
    for (const claim of claims) {
      const value = ctx.claims?.[claim];
      if (typeof value !== 'string' || value === '') return invalidToken('TokenRejected');
    }
  };
}

/** sub, client_id and jti are required. @see RFC 9068 §2.2 */
const checkRequiredClaims: Step = requireClaims('sub', 'client_id', 'jti');

/**
 * the gateway messages: the caller also names its client in a header; it must be the client the token was issued to.
 * A missing header is a missing required parameter (RFC 6750 §3.1 invalid_request).
 */
const checkClientId: Step = (ctx) => {
  if (!ctx.options.clientIdHeader) return;
  const sent = ctx.request.clientId;
  if (sent === undefined) return invalidRequest('MissingClientId');
  if (sent !== ctx.claims?.client_id) return invalidToken('ClientIdMismatch');
};

function isRegistered(directory: DirectoryOptions, clientId: string | undefined): boolean {
  const { clients } = directory;
  if (clients === undefined) return true;
  if (clientId === undefined) return false;
  if (directory.blockedClients?.includes(clientId) || directory.grantRestrictions?.some((r) => r.clientId === clientId)) return true;
  return typeof clients === 'function' ? clients(clientId) : clients.includes(clientId);
}

/**
 * The API's own records (the login audit trail): a registered, unblocked client allowed the token's grant, an
 * enabled subject, a tenant with token auth on. Before introspection, so each refusal keeps its own code.
 */
const checkDirectory: Step = (ctx) => {
  const directory = ctx.options.directory;
  if (!directory) return;
  const claims = ctx.claims ?? {};
  const clientId = typeof claims.client_id === 'string' ? claims.client_id : undefined;
  if (!isRegistered(directory, clientId)) return invalidToken('InvalidIntegration');
  if (clientId !== undefined && directory.blockedClients?.includes(clientId)) return invalidToken('IntegrationBlocked');
  const restriction = directory.grantRestrictions?.find((r) => r.clientId === clientId);
  if (restriction) {
    const grant = claims[restriction.claim];
    if (typeof grant !== 'string' || !restriction.allowed.includes(grant)) return invalidToken('AuthorizationCodeGrantRequired');
  }
  if (typeof claims.sub === 'string' && directory.disabledSubjects?.includes(claims.sub)) return invalidToken('EntityOrRoleDisabled');
  if (directory.disabledTenants?.some((t) => claims[t.claim] === t.value)) return invalidToken('FeatureDisabled');
};

/** With introspection configured, a token the IdP calls inactive is blocked. @see RFC 7662 §2.2 */
const checkRevocation: Step = async (ctx) => {
  const introspection = ctx.options.introspection;
  if (!introspection || !ctx.token) return;
  if (!(await isActive(ctx.token, introspection, ctx.options.idpTimeoutMs))) return invalidToken('TokenBlocked');
};

/**
 * scope is one space-separated string, its tokens matched exactly and case-sensitively; any other shape
 * (an array) grants nothing. Endpoints needing no scope take any token. @see RFC 9068 §2.2.3, RFC 6750 §3.1
 */
const checkScope: Step = (ctx) => {
  const needed = ctx.endpoint.scopes;
  if (needed.length === 0) return;
  const scope = ctx.claims?.scope ?? '';
  if (typeof scope !== 'string') return insufficientScope('ScopeMismatched', needed);
  const granted = new Set(scope.split(' ').filter(Boolean));
  if (granted.size === 0) return insufficientScope('InvalidScope', needed);
  if (!needed.every((s) => granted.has(s))) return insufficientScope('ScopeMismatched', needed);
};

/**
 * Step-up, on an endpoint that asks for it: the token's acr must be one of the endpoint's (a JSON string,
 * compared exactly), and with a maximum authentication age auth_time is required, a NumericDate no older
 * than that (clock skew allowed). Refused with 401 insufficient_user_authentication, which names both
 * requirements so one new login meets them. @see RFC 9470 §3, §6.1, RFC 9068 §2.2.1
 */
const checkStepUp: Step = (ctx) => {
  const { acr, maxAge } = ctx.endpoint;
  if (acr?.length && !(typeof ctx.claims?.acr === 'string' && acr.includes(ctx.claims.acr))) {
    return insufficientUserAuthentication('AcrNotSatisfied', { acr, maxAge });
  }
  if (maxAge === undefined) return;
  const authTime = numericDate(ctx.claims?.auth_time);
  if (authTime === undefined || ctx.now - authTime > maxAge + ctx.options.leeway) {
    return insufficientUserAuthentication('AuthTimeTooOld', { acr, maxAge });
  }
};

/** Which checks of the introspection answer an opaque-token step leaves out (flawed variants); the reference leaves out none. */
export interface IntrospectionFlaws {
  /** `if (answer.active)`: a truthy "false" passes. */
  activeTruthy?: boolean;
  /** RFC 9701 answers: the checks of JwtAnswerContext.skip. */
  jwt?: JwtAnswerContext['skip'];
}

/**
 * Opaque mode's parseToken: the token means nothing here, so the IdP is asked; only active=true (a
 * boolean) passes, and the answer's claims are what the later steps check. @see RFC 7662 §2.2
 */
export function introspectOpaque(flaws: IntrospectionFlaws = {}): Step {
  return async (ctx) => {
    const introspection = ctx.options.introspection;
    if (!introspection || !ctx.token) return invalidToken('TokenRejected');
    let answer: Record<string, unknown>;
    try {
      answer = await introspect(ctx.token, introspection, ctx.options.idpTimeoutMs, {
        issuer: ctx.options.issuer,
        jwks: ctx.jwks,
        now: ctx.now,
        leeway: ctx.options.leeway,
        algorithms: ctx.options.algorithms,
        skip: flaws.jwt,
      });
    } catch (err) {
      if (err instanceof UntrustedAnswer) return invalidToken('TokenRejected');
      throw err;
    }
    const active = flaws.activeTruthy ? !!answer.active : activeOf(answer);
    if (!active) return invalidToken('TokenBlocked');
    ctx.claims = answer;
  };
}

/** In opaque mode: the token is introspected instead of parsed, and the JWT's own checks have nothing to check. */
export const OPAQUE_STEPS: Partial<Steps> = {
  parseToken: introspectOpaque(),
  checkAlgorithm: skip,
  checkHeaderMembers: skip,
  resolveKey: skip,
  verifySignature: skip,
  checkType: skip,
  checkRevocation: skip,
};

export const referenceSteps: Steps = {
  extractCredential,
  parseToken,
  checkAlgorithm,
  checkHeaderMembers,
  resolveKey,
  verifySignature,
  checkType,
  checkIssuer,
  checkAudience,
  checkExpiry,
  checkNotBefore,
  checkIssuedAt,
  checkLifetime,
  checkRequiredClaims,
  checkBoundScheme,
  checkProof,
  checkProofNonce,
  checkProofReplay,
  checkCertificateBinding,
  checkClientId,
  checkDirectory,
  checkRevocation,
  checkScope,
  checkStepUp,
};

/** Run the steps in order; the first rejection wins. An IdP that cannot answer fails the request closed. */
export async function runSteps(ctx: StepContext, steps: Steps): Promise<Rejection | undefined> {
  for (const name of STEP_NAMES) {
    try {
      const result = await steps[name](ctx);
      if (result) return result;
    } catch (err) {
      if (err instanceof IdpUnavailable) return unavailable(err.code);
      throw err;
    }
  }
  return undefined;
}

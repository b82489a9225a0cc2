/**
 * What the reference API trusts and enforces, with the defaults a careful API would pick.
 * @see RFC 9068 §4 (validating JWT access tokens)
 */
import { systemClock, type Clock } from '../../idp/clock.ts';
import type { JWK } from 'jose';
import type { JwksCache } from './jwks.ts';
import type { Rejection } from './rejection.ts';
import type { Answer } from './respond.ts';
import type { DpopOptions, NonceSource, ProofReplayCache } from './dpop-state.ts';

export interface ReferenceEndpoint {
  method: string;
  path: string;
  /** Every one of these must be in the token's scope claim. */
  scopes: string[];
  /** Step-up (RFC 9470): the token's acr must be one of these. */
  acr?: readonly string[];
  /** Step-up (RFC 9470): the user must have authenticated (auth_time) at most this many seconds ago. */
  maxAge?: number;
}

export interface IntrospectionOptions {
  endpoint: string;
  clientId: string;
  clientSecret: string;
  /** `jwt`: ask for the answer as a signed JWT (RFC 9701) and verify it; default `json` (RFC 7662). */
  response?: 'json' | 'jwt';
}

/**
 * What the API itself knows about its callers (the login audit trail), checked after the token is proven valid. Blocked
 * and grant-restricted clients count as registered: they are registered clients in a special state.
 */
export interface DirectoryOptions {
  /** Registered client ids, or a rule saying whether one is; any other client_id is InvalidIntegration. Unset: all known. */
  clients?: readonly string[] | ((clientId: string) => boolean);
  /** Registered clients that are blocked (IntegrationBlocked). */
  blockedClients?: readonly string[];
  /** sub values whose entity, contact or role is disabled (EntityOrRoleDisabled). */
  disabledSubjects?: readonly string[];
  /** Tenants with token authentication off, named by a claim and its value (FeatureDisabled). */
  disabledTenants?: ReadonlyArray<{ claim: string; value: string }>;
  /** Clients allowed only some grants: their tokens must carry one of `allowed` in `claim` (AuthorizationCodeGrantRequired). */
  grantRestrictions?: ReadonlyArray<{ clientId: string; claim: string; allowed: readonly string[] }>;
}

export interface ReferenceOptions {
  issuer: string;
  audience: string;
  /** Default `${issuer}/jwks`. */
  jwksUri?: string;
  /**
   * Issuers trusted beside `issuer`, each with its own JWKS: a token's keys come from the JWKS of the
   * issuer its iss names, never from another trusted issuer's (RFC 9700 §4.15, RFC 8725 §3.8).
   */
  trustedIssuers?: ReadonlyArray<{ issuer: string; jwksUri: string }>;
  /** When set, every otherwise-valid token is checked there (RFC 7662); failures fail closed. */
  introspection?: IntrospectionOptions;
  /**
   * Tokens are opaque: each is validated only by introspection (which must be set), its answer's claims
   * then checked like a JWT's (iss, aud, exp, nbf, iat, client id, scope); the JWT steps do nothing.
   */
  opaque?: boolean;
  endpoints?: ReferenceEndpoint[];
  /** Clock skew allowed on exp, nbf and iat, seconds. */
  leeway?: number;
  /** Largest exp - iat accepted, seconds (the login audit trail: no more than two hours). */
  maxLifetime?: number;
  algorithms?: string[];
  /** Required `typ`; the `application/` form is accepted too, case-insensitively (RFC 9068 §4). */
  requiredTyp?: string;
  realm?: string;
  clock?: Clock;
  /** File to append one JSON line per request to. */
  auditLog?: string;
  /** Replace single validation steps (flawed variants). */
  steps?: Partial<Steps>;
  /** Change an answer before it is audited and sent (flawed variants whose flaw is in the answer, not the decision). */
  rewrite?: (answer: Answer, facts: AnswerFacts) => Answer;
  /** Timeout of every call to the IdP (JWKS, introspection), ms. */
  idpTimeoutMs?: number;
  /** How long a fetched JWKS is used before it is fetched again, seconds. */
  jwksMaxAge?: number;
  /** An unknown kid triggers at most one JWKS refetch per this many seconds. */
  unknownKidRefetchInterval?: number;
  /** The API's own records of clients, subjects and tenants; unset, only the token decides. */
  directory?: DirectoryOptions;
  /** A header the caller names its client in (the gateway messages: `client_id`); it must equal the token's client_id. */
  clientIdHeader?: string;
  /** Accept only DPoP-bound tokens with a valid proof (RFC 9449); unset, the API is Bearer-only as before. */
  dpop?: DpopOptions;
  /** Accept only tokens bound to the client certificate of the connection (RFC 8705 §3); serve it over HTTPS asking for one. */
  mtls?: boolean;
  /** Publish RFC 9728 protected resource metadata for this identifier (and point every challenge at it). */
  resourceMetadata?: { resource: string };
}

/** What a rewrite knows of the request it answers. */
export interface AnswerFacts {
  method: string;
  path: string;
  /** The credential as the front read it (`Bearer …`), if any. */
  authorization: string | undefined;
  /** The token's claims, when it got far enough to be decoded. */
  claims?: Record<string, unknown>;
}

export type ResolvedOptions = Required<
  Omit<
    ReferenceOptions,
    'introspection' | 'auditLog' | 'steps' | 'directory' | 'clientIdHeader' | 'rewrite' | 'dpop' | 'resourceMetadata' | 'mtls' | 'opaque'
  >
> &
  Pick<ReferenceOptions, 'introspection' | 'auditLog' | 'directory' | 'clientIdHeader' | 'dpop' | 'resourceMetadata' | 'mtls' | 'opaque'>;

export const DEFAULT_ENDPOINTS: readonly ReferenceEndpoint[] = [
  { method: 'GET', path: '/orders', scopes: [] },
  { method: 'GET', path: '/admin', scopes: ['admin'] },
];

export function resolveOptions(opts: ReferenceOptions): ResolvedOptions {
  if (!opts.issuer) throw new TypeError('the reference API needs an issuer');
  if (!opts.audience) throw new TypeError('the reference API needs an audience');
  if (opts.opaque && !opts.introspection) throw new TypeError('the reference API takes opaque tokens only with introspection set');
  return {
    issuer: opts.issuer,
    audience: opts.audience,
    jwksUri: opts.jwksUri ?? `${opts.issuer.replace(/\/$/, '')}/jwks`,
    trustedIssuers: (opts.trustedIssuers ?? []).map((t) => ({ ...t })),
    introspection: opts.introspection,
    endpoints: (opts.endpoints ?? DEFAULT_ENDPOINTS).map((e) => ({ ...e, method: e.method.toUpperCase(), scopes: [...e.scopes] })),
    leeway: opts.leeway ?? 60,
    maxLifetime: opts.maxLifetime ?? 7200,
    algorithms: opts.algorithms ?? ['RS256', 'PS256', 'ES256', 'EdDSA'],
    requiredTyp: opts.requiredTyp ?? 'at+jwt',
    realm: opts.realm ?? 'api',
    clock: opts.clock ?? systemClock,
    auditLog: opts.auditLog,
    idpTimeoutMs: opts.idpTimeoutMs ?? 2000,
    jwksMaxAge: opts.jwksMaxAge ?? 300,
    unknownKidRefetchInterval: opts.unknownKidRefetchInterval ?? 10,
    directory: opts.directory,
    clientIdHeader: opts.clientIdHeader?.toLowerCase(),
    dpop: opts.dpop,
    mtls: opts.mtls,
    resourceMetadata: opts.resourceMetadata,
    opaque: opts.opaque,
  };
}

/** The parts of the HTTP request the pipeline looks at. */
export interface RequestFacts {
  method: string;
  path: string;
  authorization: string | undefined;
  query: URLSearchParams;
  /** The form body, when the request has one. */
  form: URLSearchParams | undefined;
  /** The value of the options.clientIdHeader header, when that option is set and the header sent. */
  clientId?: string;
  /** Every DPoP header sent, in order (RFC 9449 §4.3: exactly one is allowed). */
  dpop?: string[];
  /** scheme://host[:port] the client addressed (the Host header), for the proof's htu. */
  origin?: string;
  /** On an mTLS API: the `x5t#S256` of the client certificate the connection presented, if any (RFC 8705 §3.1). */
  certificateThumbprint?: string;
}

export interface StepContext {
  readonly request: RequestFacts;
  readonly endpoint: ReferenceEndpoint;
  readonly options: ResolvedOptions;
  /** Read once per request from options.clock. */
  readonly now: number;
  readonly jwks: JwksCache;
  /** The API's DPoP state, when it takes DPoP: proofs seen, nonces given. */
  readonly replay?: ProofReplayCache;
  readonly nonces?: NonceSource;
  /** The auth scheme, lower case: `bearer`, or `dpop` on a DPoP API. */
  scheme?: string;
  /** The JWKS entry the token's key came from. */
  jwk?: JWK;
  /** The key caches of the other trusted issuers (trustedIssuers), by issuer. */
  readonly issuerKeys?: ReadonlyMap<string, JwksCache>;
  token?: string;
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  key?: CryptoKey;
}

export type StepResult = Rejection | undefined | void;
export type Step = (ctx: StepContext) => StepResult | Promise<StepResult>;

export const STEP_NAMES = [
  'extractCredential',
  'parseToken',
  'checkAlgorithm',
  'checkHeaderMembers',
  'resolveKey',
  'verifySignature',
  'checkType',
  'checkIssuer',
  'checkAudience',
  'checkExpiry',
  'checkNotBefore',
  'checkIssuedAt',
  'checkLifetime',
  'checkRequiredClaims',
  'checkBoundScheme',
  'checkProof',
  'checkProofNonce',
  'checkProofReplay',
  'checkCertificateBinding',
  'checkClientId',
  'checkDirectory',
  'checkRevocation',
  'checkScope',
  'checkStepUp',
] as const;

export type StepName = (typeof STEP_NAMES)[number];
export type Steps = Record<StepName, Step>;

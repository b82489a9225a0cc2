/**
 * Why a request was refused, as data: the RFC 6750 answer class plus an audit code from the login audit trail
 * vocabulary. Descriptions are fixed per code so no answer can echo the token (CWE-209).
 * @see RFC 6750 §3.1
 */
export type RejectionKind =
  | 'no_credentials'
  | 'invalid_request'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'unavailable'
  | 'invalid_dpop_proof'
  | 'use_dpop_nonce'
  | 'insufficient_user_authentication';

export type AuditCode =
  | 'MissingToken'
  | 'InvalidRequest'
  | 'MissingClientId'
  | 'TokenRejected'
  | 'UnsupportedAlgo'
  | 'MissingKeyId'
  | 'MissingKey'
  | 'InvalidSignature'
  | 'InvalidTokenType'
  | 'InvalidIssuer'
  | 'InvalidAudience'
  | 'TokenExpired'
  | 'TokenNotAcceptable'
  | 'TokenValidityTooBroad'
  | 'TokenBlocked'
  | 'InvalidScope'
  | 'ScopeMismatched'
  | 'KeySetUnavailable'
  | 'IntrospectionUnavailable'
  | 'InvalidIntegration'
  | 'IntegrationBlocked'
  | 'ClientIdMismatch'
  | 'EntityOrRoleDisabled'
  | 'FeatureDisabled'
  | 'AuthorizationCodeGrantRequired'
  | 'InvalidDpopProof'
  | 'DpopProofReplayed'
  | 'DpopNonceRequired'
  | 'TokenBoundToKey'
  | 'TokenNotBound'
  | 'DpopRequired'
  | 'TokenNotCertificateBound'
  | 'ClientCertificateRequired'
  | 'ClientCertificateMismatch'
  | 'AcrNotSatisfied'
  | 'AuthTimeTooOld';

export interface Rejection {
  kind: RejectionKind;
  code: AuditCode;
  /** insufficient_scope only: the scopes the endpoint needs. */
  scope?: readonly string[];
  /** use_dpop_nonce only: the nonce to send back (DPoP-Nonce). */
  nonce?: string;
  /** insufficient_user_authentication only: the acr values that would do, and the maximum authentication age (RFC 9470 §3). */
  acrValues?: readonly string[];
  maxAge?: number;
}

export const DESCRIPTIONS: Record<AuditCode, string> = {
  MissingToken: 'an access token is required',
  InvalidRequest: 'the access token must be sent in exactly one way',
  MissingClientId: 'the client id header is required',
  TokenRejected: 'the access token is malformed or not an access token',
  UnsupportedAlgo: 'the token is signed with an algorithm that is not supported',
  MissingKeyId: 'the token header has no key id',
  MissingKey: 'the token key id does not match any trusted key',
  InvalidSignature: 'the token signature is invalid',
  InvalidTokenType: 'the token is not an access token',
  InvalidIssuer: 'the token issuer is not trusted',
  InvalidAudience: 'the token is not intended for this API',
  TokenExpired: 'the access token has expired',
  TokenNotAcceptable: 'the access token is not valid yet',
  TokenValidityTooBroad: 'the access token validity is too long',
  TokenBlocked: 'the access token is no longer active',
  InvalidScope: 'the token scope is empty or malformed',
  ScopeMismatched: 'the token does not grant the scope this resource needs',
  KeySetUnavailable: 'the token cannot be checked right now; retry later',
  IntrospectionUnavailable: 'the token cannot be checked right now; retry later',
  InvalidIntegration: 'the token client is not registered',
  IntegrationBlocked: 'the token client is blocked',
  ClientIdMismatch: 'the client id in the request does not match the token',
  EntityOrRoleDisabled: 'the token subject is disabled or inactive',
  FeatureDisabled: 'token authentication is not enabled for this account',
  AuthorizationCodeGrantRequired: 'the token client may not use this grant',
  InvalidDpopProof: 'the DPoP proof is invalid',
  DpopProofReplayed: 'the DPoP proof was already used',
  DpopNonceRequired: 'the DPoP proof must carry the nonce this API gave',
  TokenBoundToKey: 'the access token is bound to a key and must be sent with the DPoP scheme and a proof',
  TokenNotBound: 'the access token is not bound to a DPoP key',
  DpopRequired: 'this API accepts only DPoP-bound access tokens',
  TokenNotCertificateBound: 'this API accepts only access tokens bound to a client certificate',
  ClientCertificateRequired: 'the access token is bound to a client certificate and none was presented',
  ClientCertificateMismatch: 'the access token is bound to another client certificate',
  AcrNotSatisfied: 'a different authentication level is required',
  AuthTimeTooOld: 'a more recent authentication is required',
};

export const noCredentials = (): Rejection => ({ kind: 'no_credentials', code: 'MissingToken' });
export const invalidRequest = (code: AuditCode = 'InvalidRequest'): Rejection => ({ kind: 'invalid_request', code });
export const invalidToken = (code: AuditCode): Rejection => ({ kind: 'invalid_token', code });
export const insufficientScope = (code: AuditCode, scope: readonly string[]): Rejection => ({ kind: 'insufficient_scope', code, scope });
/** RFC 9470 §3: the token is valid but its user authentication falls short; the challenge says what would do. */
export const insufficientUserAuthentication = (code: AuditCode, need: { acr?: readonly string[]; maxAge?: number }): Rejection => ({
  kind: 'insufficient_user_authentication',
  code,
  ...(need.acr?.length ? { acrValues: need.acr } : {}),
  ...(need.maxAge !== undefined ? { maxAge: need.maxAge } : {}),
});
export const unavailable = (code: AuditCode): Rejection => ({ kind: 'unavailable', code });

/** Thrown by the IdP clients when the IdP cannot answer; the pipeline turns it into a 503. */
export class IdpUnavailable extends Error {
  override name = 'IdpUnavailable';
  constructor(
    readonly code: 'KeySetUnavailable' | 'IntrospectionUnavailable',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Strict RFC 6750 answers, plus the audit code of the login audit trail (a login audit trail) for every fault that
 * vocabulary names. The table is by code: each of the seed's 21 codes lists the catalogue scenario ids
 * that exercise it; a scenario named under several codes accepts any of them.
 * @see ./README.md (the table, with why each code maps where it does)
 */
import type { Profile } from './profile.ts';
import { rfc6750 } from './rfc6750.ts';

export const AUDIT_TRAIL_CODES: Readonly<Record<string, readonly string[]>> = {
  AccessTokenExpired: ['expired', 'exp-boundary', 'exp-range'],
  AuthorizationCodeGrantRequired: ['grant-not-allowed'],
  // The login audit trail means the client id of the two steps of the code flow; at an API, the caller's client id header against the token's.
  ClientIdMismatch: ['client-mismatch'],
  EntityOrRoleDisabled: ['subject-disabled'],
  FeatureDisabled: ['feature-disabled'],
  IntegrationBlocked: ['blocked-client'],
  InvalidIntegration: ['unknown-client'],
  InvalidIssuer: ['wrong-issuer', 'issuer-lookalike', 'iss-missing', 'iss-shape', 'issuer-discovery'],
  InvalidScope: ['scope-empty'],
  InvalidSignature: ['sig-tampered', 'sig-stripped', 'foreign-key', 'expired-cert', 'psychic-sig', 'weak-hmac', 'alg-confusion', 'issuer-discovery', 'x5c-embedded'],
  InvalidTokenType: ['typ-missing', 'refresh-as-access', 'id-token-as-access', 'typ-shape'],
  MissingKey: ['unknown-kid', 'retired-key', 'issuer-discovery', 'x5c-embedded'],
  MissingKeyId: ['missing-kid', 'x5c-embedded'],
  ScopeMismatched: ['scope-missing', 'scope-tricks', 'scope-shape'],
  // The login audit trail means the client's own signature in the client credentials flow, which never reaches an
  // API; the closest fault an API sees is a token signed by the wrong key, hence beside InvalidSignature.
  SignatureValidation: ['foreign-key'],
  TokenBlocked: ['revoked'],
  TokenExpired: ['expired', 'exp-boundary', 'exp-range'],
  TokenNotAcceptable: ['nbf-future', 'iat-future'],
  TokenRejected: ['refresh-as-access', 'exp-range'],
  TokenValidityTooBroad: ['too-broad'],
  UnsupportedAlgo: ['alg-none', 'alg-confusion', 'alg-not-allowed', 'weak-hmac'],
};

/** The same table by scenario id: the codes each scenario accepts. */
function byScenario(codes: Readonly<Record<string, readonly string[]>>): NonNullable<Profile['byScenario']> {
  const out: Record<string, { auditCode: string[] }> = {};
  for (const [code, ids] of Object.entries(codes)) for (const id of ids) (out[id] ??= { auditCode: [] }).auditCode.push(code);
  return out;
}

export const auditCodes: Profile = {
  name: 'audit-codes',
  description:
    'Strict RFC 6750 (as rfc6750), and each fault must be recorded under its the login audit trail audit code (TokenExpired, InvalidSignature, MissingKeyId…), read from the JSON body "code" unless config "audit" says where.',
  classes: rfc6750.classes,
  useScenarioAuditCodes: true,
  byScenario: byScenario(AUDIT_TRAIL_CODES),
};

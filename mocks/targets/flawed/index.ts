/**
 * The flawed targets: one realistic flaw each (and two controls), in catalogue order of the scenarios
 * that catch them. A new flawed target is one file plus one line here.
 */
import type { FlawedTarget } from './define.ts';
import crash_on_malformed from './crash-on-malformed.ts';
import empty_token_as_missing from './empty-token-as-missing.ts';
import error_code_when_missing from './error-code-when-missing.ts';
import forbidden_for_invalid from './forbidden-for-invalid.ts';
import multi_method_tolerated from './multi-method-tolerated.ts';
import no_www_authenticate from './no-www-authenticate.ts';
import query_token_accepted from './query-token-accepted.ts';
import scheme_case_sensitive from './scheme-case-sensitive.ts';
import scheme_ignored from './scheme-ignored.ts';
import token_echoed from './token-echoed.ts';
import whitespace_collapsed from './whitespace-collapsed.ts';
import wrong_audit_code from './wrong-audit-code.ts';
import crit_ignored from './crit-ignored.ts';
import expired_cert_trusted from './expired-cert-trusted.ts';
import jku_followed from './jku-followed.ts';
import jku_fetched_late from './jku-fetched-late.ts';
import jku_prefix_allowlist from './jku-prefix-allowlist.ts';
import jwk_header_trusted from './jwk-header-trusted.ts';
import x5c_unchained from './x5c-unchained.ts';
import kid_sql_lookup from './kid-sql-lookup.ts';
import hmac_fallback_secret from './hmac-fallback-secret.ts';
import jwks_cached_forever from './jwks-cached-forever.ts';
import jwks_failure_cached from './jwks-failure-cached.ts';
import missing_kid_any_key from './missing-kid-any-key.ts';
import psychic_signature from './psychic-signature.ts';
import signature_unverified from './signature-unverified.ts';
import unknown_kid_first_key from './unknown-kid-first-key.ts';
import alg_none_accepted from './alg-none-accepted.ts';
import dev_hmac_secret from './dev-hmac-secret.ts';
import hmac_with_public_key from './hmac-with-public-key.ts';
import hmac_with_pem_file from './hmac-with-pem-file.ts';
import iat_future_accepted from './iat-future-accepted.ts';
import iat_not_required from './iat-not-required.ts';
import leeway_hours from './leeway-hours.ts';
import nbf_ignored from './nbf-ignored.ts';
import no_exp_check from './no-exp-check.ts';
import no_max_lifetime from './no-max-lifetime.ts';
import aud_ignored from './aud-ignored.ts';
import aud_string_only from './aud-string-only.ts';
import aud_not_required from './aud-not-required.ts';
import sub_not_required from './sub-not-required.ts';
import client_id_not_required from './client-id-not-required.ts';
import jti_not_required from './jti-not-required.ts';
import client_id_unchecked from './client-id-unchecked.ts';
import directory_unchecked from './directory-unchecked.ts';
import issuer_prefix from './issuer-prefix.ts';
import issuer_substring from './issuer-substring.ts';
import iss_not_required from './iss-not-required.ts';
import keys_across_issuers from './keys-across-issuers.ts';
import discovery_from_iss from './discovery-from-iss.ts';
import refresh_accepted from './refresh-accepted.ts';
import typ_exact_match from './typ-exact-match.ts';
import typ_ignored from './typ-ignored.ts';
import scope_never_checked from './scope-never-checked.ts';
import scope_substring from './scope-substring.ts';
import introspection_fail_open from './introspection-fail-open.ts';
import introspection_active_truthy from './introspection-active-truthy.ts';
import introspection_aud_ignored from './introspection-aud-ignored.ts';
import introspection_jwt_unverified from './introspection-jwt-unverified.ts';
import introspection_jwt_aud_ignored from './introspection-jwt-aud-ignored.ts';
import introspection_jwt_stale_accepted from './introspection-jwt-stale-accepted.ts';
import revocation_never_checked from './revocation-never-checked.ts';
import dpop_proof_optional from './dpop-proof-optional.ts';
import dpop_first_proof_only from './dpop-first-proof-only.ts';
import dpop_signature_unverified from './dpop-signature-unverified.ts';
import dpop_typ_unchecked from './dpop-typ-unchecked.ts';
import dpop_jti_not_required from './dpop-jti-not-required.ts';
import dpop_replay_unchecked from './dpop-replay-unchecked.ts';
import dpop_htu_unchecked from './dpop-htu-unchecked.ts';
import dpop_htu_exact from './dpop-htu-exact.ts';
import dpop_iat_unchecked from './dpop-iat-unchecked.ts';
import dpop_ath_unchecked from './dpop-ath-unchecked.ts';
import dpop_jkt_unchecked from './dpop-jkt-unchecked.ts';
import dpop_bearer_downgrade_accepted from './dpop-bearer-downgrade-accepted.ts';
import dpop_cnf_not_required from './dpop-cnf-not-required.ts';
import mtls_binding_unchecked from './mtls-binding-unchecked.ts';
import mtls_cnf_not_required from './mtls-cnf-not-required.ts';
import mtls_any_client_cert from './mtls-any-client-cert.ts';
import mtls_cert_optional from './mtls-cert-optional.ts';
import metadata_resource_mismatch from './metadata-resource-mismatch.ts';
import challenge_without_resource_metadata from './challenge-without-resource-metadata.ts';
import audience_origin_only from './audience-origin-only.ts';
import acr_not_checked from './acr-not-checked.ts';
import auth_time_from_iat from './auth-time-from-iat.ts';
import step_up_forbidden from './step-up-forbidden.ts';
import step_up_bare_challenge from './step-up-bare-challenge.ts';
import acr_first_value_only from './acr-first-value-only.ts';
import iss_array_accepted from './iss-array-accepted.ts';
import aud_includes from './aud-includes.ts';
import claims_truthy_only from './claims-truthy-only.ts';
import scope_regex from './scope-regex.ts';
import typ_array_accepted from './typ-array-accepted.ts';
import dates_checked_when_numbers from './dates-checked-when-numbers.ts';
import exp_truthy_check from './exp-truthy-check.ts';
import payload_double_decoded from './payload-double-decoded.ts';
import parts_destructured from './parts-destructured.ts';
import nested_jwt_unverified from './nested-jwt-unverified.ts';
import zip_inflated from './zip-inflated.ts';
import jws_json_accepted from './jws-json-accepted.ts';
import accept_everything from './accept-everything.ts';
import reject_everything from './reject-everything.ts';

export { defineFlawedTarget, type FlawedTarget, type FlawedTargetSpec } from './define.ts';

/** Exactly one flaw each. */
export const flawedTargets: readonly FlawedTarget[] = [
  // presence and answers
  scheme_ignored,
  scheme_case_sensitive,
  empty_token_as_missing,
  whitespace_collapsed,
  crash_on_malformed,
  multi_method_tolerated,
  query_token_accepted,
  token_echoed,
  forbidden_for_invalid,
  no_www_authenticate,
  error_code_when_missing,
  wrong_audit_code,
  payload_double_decoded,
  parts_destructured,
  nested_jwt_unverified,
  jws_json_accepted,
  // signature and keys
  signature_unverified,
  unknown_kid_first_key,
  missing_kid_any_key,
  jwks_cached_forever,
  expired_cert_trusted,
  jku_followed,
  jku_fetched_late,
  jku_prefix_allowlist,
  jwk_header_trusted,
  x5c_unchained,
  kid_sql_lookup,
  psychic_signature,
  crit_ignored,
  zip_inflated,
  // algorithm
  alg_none_accepted,
  hmac_with_public_key,
  hmac_with_pem_file,
  dev_hmac_secret,
  hmac_fallback_secret,
  // time
  no_exp_check,
  leeway_hours,
  nbf_ignored,
  iat_future_accepted,
  iat_not_required,
  no_max_lifetime,
  exp_truthy_check,
  dates_checked_when_numbers,
  // identity and type
  issuer_prefix,
  issuer_substring,
  iss_array_accepted,
  iss_not_required,
  keys_across_issuers,
  discovery_from_iss,
  aud_ignored,
  aud_string_only,
  aud_includes,
  aud_not_required,
  sub_not_required,
  client_id_not_required,
  jti_not_required,
  claims_truthy_only,
  client_id_unchecked,
  directory_unchecked,
  typ_ignored,
  refresh_accepted,
  typ_exact_match,
  typ_array_accepted,
  // scope and revocation
  scope_never_checked,
  scope_substring,
  scope_regex,
  revocation_never_checked,
  introspection_fail_open,
  // opaque tokens, validated by introspection only (RFC 7662, RFC 9701)
  introspection_active_truthy,
  introspection_aud_ignored,
  introspection_jwt_unverified,
  introspection_jwt_aud_ignored,
  introspection_jwt_stale_accepted,
  // binding (DPoP, run with tokenType 'dpop')
  dpop_proof_optional,
  dpop_first_proof_only,
  dpop_signature_unverified,
  dpop_typ_unchecked,
  dpop_jti_not_required,
  dpop_replay_unchecked,
  dpop_htu_unchecked,
  dpop_htu_exact,
  dpop_iat_unchecked,
  dpop_ath_unchecked,
  dpop_jkt_unchecked,
  dpop_bearer_downgrade_accepted,
  dpop_cnf_not_required,
  // binding (certificate-bound tokens, RFC 8705, run with tokenType 'mtls' over HTTPS)
  mtls_binding_unchecked,
  mtls_cnf_not_required,
  mtls_any_client_cert,
  mtls_cert_optional,
  // protected resource metadata (RFC 9728, run with a resource identifier declared)
  metadata_resource_mismatch,
  challenge_without_resource_metadata,
  audience_origin_only,
  // step-up (RFC 9470, run with /admin requiring an acr and a maximum authentication age)
  acr_not_checked,
  auth_time_from_iat,
  step_up_forbidden,
  step_up_bare_challenge,
  acr_first_value_only,
  // after the attacks
  jwks_failure_cached,
];

/** Controls: a target that accepts everything must fail every negative scenario; one that refuses everything must stop at the baseline. */
export const acceptEverything: FlawedTarget = accept_everything;
export const rejectEverything: FlawedTarget = reject_everything;

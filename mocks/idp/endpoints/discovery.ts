/**
 * Discovery documents, listing only the algorithms actually loaded.
 * @see OpenID Connect Discovery 1.0 §3, RFC 8414 §2
 */
import type { KeySet } from '../keys.ts';
import { json } from './respond.ts';

export function metadata(issuer: string, keys: KeySet): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: `${issuer}/jwks`,
    token_endpoint: `${issuer}/token`,
    introspection_endpoint: `${issuer}/introspect`,
    revocation_endpoint: `${issuer}/revoke`,
    authorization_endpoint: `${issuer}/authorize`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    grant_types_supported: ['client_credentials', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    id_token_signing_alg_values_supported: [...keys.algs],
    token_endpoint_auth_signing_alg_values_supported: [...keys.algs],
    access_token_signing_alg_values_supported: [...keys.algs],
  };
}

export function discovery(issuer: string, keys: KeySet): Response {
  return json(metadata(issuer, keys), 200, { 'cache-control': 'public, max-age=300' });
}

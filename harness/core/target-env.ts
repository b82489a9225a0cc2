/** What a target must be configured with to trust the mock IdP. */
export interface TargetEnv {
  issuer: string;
  jwksUri: string;
  discoveryUrl: string;
  tokenEndpoint: string;
  audience: string;
  introspection: { endpoint: string; clientId: string; clientSecret: string };
  /** Every issuer the target must trust, this one first; more than one with `idp.issuers` (each its own JWKS). */
  issuers?: Array<{ issuer: string; jwksUri: string; discoveryUrl: string }>;
}

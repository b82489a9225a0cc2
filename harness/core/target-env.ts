/** What a target must be configured with to trust the mock IdP. */
export interface TargetEnv {
  issuer: string;
  jwksUri: string;
  discoveryUrl: string;
  tokenEndpoint: string;
  audience: string;
  introspection: { endpoint: string; clientId: string; clientSecret: string };
}

/**
 * `token-gauntlet/mocks`: the mock IdP (keys, minting, endpoints, serving, its own IdpError). The
 * reference and flawed targets are the project's test targets and are not exported.
 */
export * from './idp/index.ts';

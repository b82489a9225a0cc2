/** `token-gauntlet/mocks`: the mock IdP (keys, minting, endpoints, serving) and the reference target. */
export * from './idp/index.ts';

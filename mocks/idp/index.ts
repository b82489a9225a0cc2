export { ManualClock, systemClock, type Clock } from './clock.ts';
export { KeySet, SIGNING_ALGS, isSigningAlg, type SigningAlg, type SigningKey } from './keys.ts';
export { Minter, DEFAULT_SHAPE, type BaselineShape, type Forgery, type ForgedToken, type SignWith } from './mint.ts';
export { MockIdp, type IdpOptions } from './idp.ts';
export { CONTROL_HEADER } from './secret.ts';
export { IdpError, isIdpError, type IdpErrorCode } from './errors.ts';
export { startIdp, idpHandlers, type RunningIdp, type ServeOptions } from './serve.ts';
export type { ClientRegistration, JournalEntry } from './state.ts';
export { faults, FAULT_IDS, tamperPayload, type FaultContext, type FaultId } from './faults.ts';

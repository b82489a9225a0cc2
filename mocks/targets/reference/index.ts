/** The reference target: an API that rejects every bad access token, and says so correctly. */
export { createReferenceApi, startReferenceApi, type RequestHandler, type RunningReferenceApi } from './app.ts';
export {
  DEFAULT_ENDPOINTS,
  resolveOptions,
  type IntrospectionOptions,
  type ReferenceEndpoint,
  type ReferenceOptions,
  type ResolvedOptions,
} from './options.ts';
export {
  STEP_NAMES,
  referenceSteps,
  skip,
  type RequestFacts,
  type Step,
  type StepContext,
  type StepName,
  type StepResult,
  type Steps,
} from './steps.ts';
export {
  DESCRIPTIONS,
  invalidRequest,
  invalidToken,
  insufficientScope,
  noCredentials,
  unavailable,
  type AuditCode,
  type Rejection,
  type RejectionKind,
} from './rejection.ts';
export type { AuditLine } from './audit-log.ts';

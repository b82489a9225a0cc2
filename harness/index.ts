/**
 * token-gauntlet's public API: define scenarios and configs, run the gauntlet programmatically, and
 * read its Report. The mock IdP is exported from `token-gauntlet/mocks`, the vitest entry from
 * `token-gauntlet/vitest`.
 */
export {
  defineScenario,
  CATEGORIES,
  type Scenario,
  type ScenarioContext,
  type ProbeSpec,
  type Credential,
  type AnswerClass,
  type Category,
} from '../scenarios/define.ts';
export { cve, cwe, rfc, source } from '../scenarios/define.ts';
export { catalogue } from '../scenarios/catalogue.ts';
export {
  builtinProfiles,
  rfc6750,
  lenient,
  auditCodes,
  gatewayMessages,
  parseProfile,
  type Profile,
  type Expectation,
} from '../scenarios/profiles/index.ts';
export { faults, tamperPayload, type FaultContext } from '../mocks/idp/faults.ts';
export type { Forgery, ForgedToken } from '../mocks/idp/mint.ts';
export { defineConfig } from './define-config.ts';
export {
  resolveConfig,
  loadConfigFile,
  configSchema,
  type UserConfig,
  type ResolvedConfig,
  type TargetSpec,
  type TaggedTarget,
  type TargetKind,
} from './config.ts';
export { run, type RunHooks } from './run.ts';
export { scenariosFor } from './load-scenarios.ts';
export type { TargetEnv } from './core/target-env.ts';
export { HarnessError, type HarnessErrorCode } from './core/errors.ts';
export type { Report, ReportInput, ResultRow, PropertyResult, PropertyFailure, PropertyCounterexample, Summary } from './report.ts';
export { reportSchema } from './report/schema.ts';
export { readReport, parseReport } from './report/read.ts';
export { LEEWAY_CEILING, type DeclaredPolicy } from './policy/declared.ts';
export type { ResolvedPolicy, Revocation } from './core/policy.ts';
export type { ObservedPolicy, ObservedKey } from './core/observed-policy.ts';
export type { Finding, Severity } from './core/finding.ts';
export { writeReports } from '../reports/index.ts';

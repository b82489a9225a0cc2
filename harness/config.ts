/**
 * Configuration: a typed config file (defineConfig) merged with flags (flags win), validated by a
 * schema before any work starts. Every mistake becomes one HarnessError line naming the cause and fix.
 */
import { defaultConcurrency } from './engine/concurrency.ts';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { importModule, loadFailure } from './import-module.ts';
import { z } from 'zod';
import { isSigningAlg, SIGNING_ALGS, type SigningAlg } from '../mocks/idp/keys.ts';
import { DEFAULT_SHAPE } from '../mocks/idp/mint.ts';
import { builtinProfiles, parseProfile, PROFILE_ALIASES, type Profile } from '../scenarios/profiles/index.ts';
import { parseEndpoint, type Endpoint } from './endpoint.ts';
import { HarnessError } from './errors.ts';
import type { TargetEnv } from './idp-session.ts';
import { DEFAULT_AUDIT, type AuditSource } from './observe/audit.ts';
import { DEFAULT_LOCATION, type TokenLocation } from './probe.ts';
import { REVOCATION_MODES, resolvePolicy, type ResolvedPolicy, type Revocation } from './policy/declared.ts';
import { DEFAULT_MAX_BODY, type InProcessApp } from './target.ts';

import { DEFAULT_MAX_TIMEOUTS, FORMATS, type Format } from './defaults.ts';

export { DEFAULT_MAX_TIMEOUTS, FORMATS, type Format };

/** Property cases per endpoint when neither --runs nor the config says. */
export const DEFAULT_RUNS = 100;

export type TargetSpec =
  | { url: string }
  /** An in-process app: a function given the IdP environment, returning your app. */
  | { app: (env: TargetEnv) => InProcessApp | Promise<InProcessApp> }
  /** A server the harness starts once the IdP is up (and stops at the end). */
  | { start: (env: TargetEnv) => Promise<{ url: string; close?: () => unknown }> };

/** The config file's shape. Everything is optional; flags fill in or override. */
export interface UserConfig {
  target?: string | TargetSpec;
  endpoints?: Array<string | { method: string; path: string; scopes?: string[] }>;
  audience?: string;
  idp?: { port?: number; host?: string; issuer?: string; keys?: string; algs?: SigningAlg[]; tls?: boolean };
  baseline?: { alg?: SigningAlg; typ?: string; scope?: string; subject?: string; clientId?: string; lifetime?: number; claims?: Record<string, unknown> };
  /**
   * What the API declares it enforces (each optional; README "Declared and observed policy"): clock
   * leeway and maximum token lifetime, seconds, held exactly when declared; the algorithms it accepts
   * (when set, property cases also sign with every other loaded key and expect those outside the list to
   * be refused); `revocation: 'none'` for a stateless API (revocation scenarios are then not applicable).
   */
  policy?: { leeway?: number; maxLifetime?: number; algorithms?: SigningAlg[]; revocation?: Revocation };
  profile?: string | Profile;
  token?: TokenLocation;
  headers?: Record<string, string>;
  /** A second credential the API checks beside the token (the gateway messages: a `client_id` header). */
  clientIdHeader?: string;
  /**
   * Identities your API knows in a special state, for the scenarios that need them (skipped when unset):
   * a client id it does not know, a blocked client, a disabled subject, a tenant with token auth off,
   * a client not allowed the token's grant.
   */
  fixtures?: Fixtures;
  audit?: AuditSource;
  requestIdHeader?: string;
  scenarios?: string[];
  only?: string[];
  skip?: string[];
  runs?: number;
  seed?: number;
  out?: string;
  format?: Format[];
  timeout?: number;
  /** Bytes of an answer's body read at most (default 4 MiB); a longer answer is read that far and marked truncated. */
  maxBody?: number;
  /** Consecutive answers that do not come in time on one endpoint, after which its remaining probes are not sent (default 3). */
  maxTimeouts?: number;
  /** Scenario × endpoint units run side by side (default from the CPU count; 1 = one at a time). */
  concurrency?: number;
  redactTokens?: boolean;
}

/** Type your gauntlet.config.ts: `export default defineConfig({ ... })`. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}

export interface Fixtures {
  unknownClient?: string;
  blockedClient?: string;
  disabledSubject?: string;
  /** A claim naming a tenant whose token auth is switched off, e.g. { claim: 'tenant', value: 't-off' }. */
  disabledTenant?: { claim: string; value: string };
  /** A client registered only for another grant; `claim`/`value` say how the token names its grant (e.g. gty). */
  grantRestricted?: { clientId: string; claim: string; value: string };
}

export interface ResolvedConfig {
  target: TargetSpec;
  endpoints: Endpoint[];
  audience: string;
  idp: { port: number; host: string; issuer?: string; keysFile?: string; algs: SigningAlg[]; tls: boolean };
  baseline: { alg?: SigningAlg; typ: string; scope: string; subject?: string; clientId?: string; lifetime: number; claims: Record<string, unknown> };
  /** Declared values stay undefined when not declared; `leewayBound` is derived (harness/policy/declared.ts). */
  policy: ResolvedPolicy;
  profile: Profile;
  token: TokenLocation;
  headers: Record<string, string>;
  clientIdHeader?: string;
  fixtures: Fixtures;
  audit: AuditSource;
  requestIdHeader: string;
  scenarioGlobs: string[];
  only?: string[];
  skip?: string[];
  runs: number;
  seed?: number;
  out: string;
  formats: Format[];
  timeoutMs: number;
  maxBody: number;
  maxTimeouts: number;
  concurrency: number;
  redactTokens: boolean;
  /** Directory relative paths in the config are resolved against. */
  baseDir: string;
}

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'expected a function');
const alg = z.string().refine(isSigningAlg, { message: `expected one of ${SIGNING_ALGS.join(', ')}` });
const port = z.number().int().min(0).max(65535);

const policySchema = z
  .object({
    leeway: z.number().int('expected a whole number of seconds').min(0, 'expected 0 seconds or more').optional(),
    maxLifetime: z.number().int('expected a whole number of seconds').positive('expected 1 second or more').optional(),
    algorithms: z.array(alg).min(1).optional(),
    revocation: z.enum(REVOCATION_MODES).optional(),
  })
  .strict();

const schema = z
  .object({
    target: z.union([z.string().url(), z.object({ url: z.string().url() }), z.object({ app: fn }), z.object({ start: fn })]).optional(),
    endpoints: z.array(z.union([z.string(), z.object({ method: z.string(), path: z.string().startsWith('/'), scopes: z.array(z.string()).optional() })])).optional(),
    audience: z.string().min(1).optional(),
    idp: z
      .object({ port: port.optional(), host: z.string().optional(), issuer: z.string().url().optional(), keys: z.string().optional(), algs: z.array(alg).min(1).optional(), tls: z.boolean().optional() })
      .strict()
      .optional(),
    baseline: z
      .object({
        alg: alg.optional(),
        typ: z.string().optional(),
        scope: z.string().optional(),
        subject: z.string().optional(),
        clientId: z.string().optional(),
        lifetime: z.number().int().positive().optional(),
        claims: z.record(z.string(), z.unknown()).optional(),
      })
      .strict()
      .optional(),
    policy: policySchema.optional(),
    profile: z.union([z.string(), z.object({ name: z.string(), classes: z.record(z.string(), z.unknown()) }).passthrough()]).optional(),
    token: z.object({ in: z.enum(['header', 'cookie', 'query', 'form']), name: z.string().min(1), scheme: z.string().optional() }).strict().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    clientIdHeader: z.string().min(1).optional(),
    fixtures: z
      .object({
        unknownClient: z.string().optional(),
        blockedClient: z.string().optional(),
        disabledSubject: z.string().optional(),
        disabledTenant: z.object({ claim: z.string(), value: z.string() }).strict().optional(),
        grantRestricted: z.object({ clientId: z.string(), claim: z.string(), value: z.string() }).strict().optional(),
      })
      .strict()
      .optional(),
    audit: z
      .object({
        body: z.string().optional(),
        header: z.string().optional(),
        logFile: z.string().optional(),
        logField: z.string().optional(),
        correlate: z.enum(['request-id', 'jti']).optional(),
        requestIdField: z.string().optional(),
        waitMs: z.number().min(0).optional(),
        sink: z.boolean().optional(),
        sinkField: z.string().optional(),
      })
      .strict()
      .optional(),
    requestIdHeader: z.string().optional(),
    scenarios: z.array(z.string()).optional(),
    only: z.array(z.string()).optional(),
    skip: z.array(z.string()).optional(),
    runs: z.number().int().min(0).optional(),
    seed: z.number().int().optional(),
    out: z.string().optional(),
    format: z.array(z.enum(FORMATS)).optional(),
    timeout: z.number().int().positive().optional(),
    maxBody: z.number().int('expected a whole number of bytes').positive('expected 1 byte or more').optional(),
    maxTimeouts: z.number().int('expected a whole number').positive('expected 1 or more').optional(),
    concurrency: z.number().int('expected a whole number').positive('expected 1 or more').optional(),
    redactTokens: z.boolean().optional(),
  })
  .strict();

function formatIssue(source: string, err: z.ZodError): string {
  const issue = err.issues[0]!;
  const path = issue.path.join('.') || '(top level)';
  const hint =
    issue.code === 'unrecognized_keys'
      ? `; remove ${issue.keys.map((k) => `"${k}"`).join(', ')} or check its spelling`
      : '; fix that value (see the README, "Configuration")';
  return `${source}: ${path}: ${issue.message}${hint}`;
}

export function validateUserConfig(data: unknown, source: string): UserConfig {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new HarnessError('ERR_CONFIG_INVALID', formatIssue(source, parsed.error));
  return parsed.data as UserConfig;
}

const DEFAULT_NAMES = ['gauntlet.config.ts', 'gauntlet.config.js', 'gauntlet.config.mjs', 'gauntlet.config.json'];

/** Load the config file: the one named, or the first default name present; none is fine. */
export async function loadConfigFile(file: string | undefined, cwd = process.cwd()): Promise<{ config: UserConfig; path?: string }> {
  const path = file ? resolve(cwd, file) : DEFAULT_NAMES.map((n) => resolve(cwd, n)).find((p) => existsSync(p));
  if (!path) return { config: {} };
  if (!existsSync(path)) throw new HarnessError('ERR_CONFIG_NOT_FOUND', `config file ${file} not found; check the path given to --config`);
  let data: unknown;
  try {
    if (path.endsWith('.json')) data = JSON.parse(readFileSync(path, 'utf8'));
    else data = (await importModule(path)).default;
  } catch (err) {
    throw new HarnessError('ERR_CONFIG_INVALID', `cannot load config ${path}: ${loadFailure(err)}; fix the file so it loads`, { cause: err });
  }
  if (data === undefined) throw new HarnessError('ERR_CONFIG_INVALID', `config ${path} has no default export; write "export default defineConfig({ ... })"`);
  return { config: validateUserConfig(data, `config ${path}`), path };
}

async function loadProfile(profile: string | Profile | undefined, baseDir: string): Promise<Profile> {
  if (profile === undefined) return builtinProfiles.rfc6750!;
  if (typeof profile !== 'string') return parseProfile(profile, 'profile in the config');
  const builtin = builtinProfiles[PROFILE_ALIASES[profile] ?? profile];
  if (builtin) return builtin;
  const path = resolve(baseDir, profile);
  if (!existsSync(path)) {
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `profile "${profile}" is neither a built-in profile (${Object.keys(builtinProfiles).join(', ')}) nor a file; fix --profile`,
    );
  }
  let data: unknown;
  try {
    data = path.endsWith('.json') ? JSON.parse(readFileSync(path, 'utf8')) : (await importModule(path)).default;
  } catch (err) {
    throw new HarnessError('ERR_CONFIG_INVALID', `cannot load profile ${path}: ${loadFailure(err)}; fix the file so it loads`, { cause: err });
  }
  return parseProfile(data, `profile ${path}`);
}

function withoutUndefined<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Merge the file config and the flags (flags win), apply defaults, check what a run needs. */
export async function resolveConfig(file: UserConfig, flags: UserConfig, baseDir = process.cwd()): Promise<ResolvedConfig> {
  const c: UserConfig = {
    ...file,
    ...Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)),
    idp: { ...file.idp, ...flags.idp },
    baseline: { ...file.baseline, ...flags.baseline },
    policy: { ...file.policy, ...withoutUndefined(flags.policy) },
  };
  if (!c.target) {
    throw new HarnessError('ERR_CONFIG_INVALID', 'no target: pass --target http://127.0.0.1:PORT or set "target" in gauntlet.config.ts');
  }
  const endpoints = (c.endpoints ?? []).map((e) =>
    typeof e === 'string' ? parseEndpoint(e) : { method: e.method.toUpperCase(), path: e.path, scopes: e.scopes ?? [] },
  );
  if (endpoints.length === 0) {
    throw new HarnessError('ERR_CONFIG_INVALID', 'no endpoints: pass --endpoint "GET /path[ scope]" (repeatable) or set "endpoints" in the config');
  }
  // The file was checked when loaded; flags and a programmatic config (the vitest entry) are checked here.
  const checked = z.object({ policy: policySchema }).safeParse({ policy: c.policy ?? {} });
  if (!checked.success) throw new HarnessError('ERR_CONFIG_INVALID', formatIssue('config', checked.error));
  const algs = c.idp?.algs?.length ? c.idp.algs : [...SIGNING_ALGS];
  return {
    target: typeof c.target === 'string' ? { url: c.target } : c.target,
    endpoints,
    audience: c.audience ?? 'https://api.example.test',
    idp: {
      port: c.idp?.port ?? 0,
      host: c.idp?.host ?? '127.0.0.1',
      issuer: c.idp?.issuer,
      keysFile: c.idp?.keys ? resolve(baseDir, c.idp.keys) : undefined,
      algs,
      tls: c.idp?.tls ?? false,
    },
    baseline: {
      alg: c.baseline?.alg,
      typ: c.baseline?.typ ?? DEFAULT_SHAPE.typ,
      scope: c.baseline?.scope ?? '',
      subject: c.baseline?.subject,
      clientId: c.baseline?.clientId,
      lifetime: c.baseline?.lifetime ?? DEFAULT_SHAPE.lifetime,
      claims: c.baseline?.claims ?? {},
    },
    policy: resolvePolicy(checked.data.policy),
    profile: await loadProfile(c.profile, baseDir),
    token: c.token ?? DEFAULT_LOCATION,
    headers: c.headers ?? {},
    clientIdHeader: c.clientIdHeader?.toLowerCase(),
    fixtures: c.fixtures ?? {},
    audit: c.audit ?? DEFAULT_AUDIT,
    requestIdHeader: (c.requestIdHeader ?? 'x-request-id').toLowerCase(),
    scenarioGlobs: c.scenarios ?? [],
    only: c.only,
    skip: c.skip,
    runs: c.runs ?? DEFAULT_RUNS,
    seed: c.seed,
    out: resolve(baseDir, c.out ?? 'reports/out'),
    formats: c.format ?? ['json', 'junit', 'markdown', 'html'],
    timeoutMs: c.timeout ?? 5000,
    maxBody: c.maxBody ?? DEFAULT_MAX_BODY,
    maxTimeouts: c.maxTimeouts ?? DEFAULT_MAX_TIMEOUTS,
    concurrency: c.concurrency ?? defaultConcurrency(),
    redactTokens: c.redactTokens ?? false,
    baseDir,
  };
}

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
import { MAX_ISSUERS } from '../mocks/idp/issuers.ts';
import { builtinProfiles, parseProfile, PROFILE_ALIASES, type Profile } from '../scenarios/profiles/index.ts';
import { endpointOf, parseEndpoint } from './endpoint.ts';
import { type Endpoint } from './core/endpoint.ts';
import { HarnessError } from './core/errors.ts';
import { deepest, where } from './zod-issue.ts';
import type { TargetEnv } from './core/target-env.ts';
import { DEFAULT_AUDIT, type AuditSource } from './observe/audit.ts';
import { DEFAULT_LOCATION, type TokenLocation } from './core/token-location.ts';
import { DPOP_LOCATION } from './probe.ts';
import { resolvePolicy } from './policy/declared.ts';
import { REVOCATION_MODES, type ResolvedPolicy } from './core/policy.ts';
import { TOKEN_FORMATS } from './core/token-format.ts';
import { DEFAULT_MAX_BODY, type InProcessApp } from './target/index.ts';
import type { OpenApiEndpoints } from './adopt/openapi.ts';

import { DEFAULT_MAX_TIMEOUTS, FORMATS, type Format } from './defaults.ts';

export { DEFAULT_MAX_TIMEOUTS, FORMATS, type Format };

/** Property cases per endpoint when neither --runs nor the config says. */
export const DEFAULT_RUNS = 100;

type AppFactory = (env: TargetEnv) => InProcessApp | Promise<InProcessApp>;
type StartServer = (env: TargetEnv) => Promise<{ url: string; close?: () => unknown }>;

const fn = <F>() => z.custom<F>((v) => typeof v === 'function', 'expected a function');
const alg = z.custom<SigningAlg>((v) => typeof v === 'string' && isSigningAlg(v), `expected one of ${SIGNING_ALGS.join(', ')}`);
const port = z.number().int().min(0).max(65535);

/** The target, tagged by kind. */
const taggedTarget = z.discriminatedUnion('kind', [
  /** An API already listening. */
  z.strictObject({ kind: z.literal('url'), url: z.url() }),
  /** An in-process app: a function given the IdP environment, returning your app (Node handler, Express, Koa, Fastify, http.Server). */
  z.strictObject({ kind: z.literal('app'), app: fn<AppFactory>() }),
  /** A server the harness starts once the IdP is up (and stops at the end): `start(env)` returns its `{ url, close }`. */
  z.strictObject({ kind: z.literal('start'), start: fn<StartServer>() }),
]);

/** Every shape a target may be written in: tagged, or as before (a URL string, `{ url }`, `{ app }`, `{ start }`), read into the tagged one. */
const targetSchema = z.union([
  taggedTarget,
  z.url().transform((url) => ({ kind: 'url' as const, url })),
  z.strictObject({ url: z.url() }).transform((t) => ({ kind: 'url' as const, ...t })),
  z.strictObject({ app: fn<AppFactory>() }).transform((t) => ({ kind: 'app' as const, ...t })),
  z.strictObject({ start: fn<StartServer>() }).transform((t) => ({ kind: 'start' as const, ...t })),
]);

/** A target as resolved: tagged by kind. */
export type TaggedTarget = z.output<typeof taggedTarget>;
export type TargetKind = TaggedTarget['kind'];
/** A target as it may be written (besides a URL string): tagged, or `{ url }`, `{ app }`, `{ start }`. */
export type TargetSpec = Exclude<z.input<typeof targetSchema>, string>;

const policySchema = z.strictObject({
  leeway: z.number().int('expected a whole number of seconds').min(0, 'expected 0 seconds or more').optional(),
  maxLifetime: z.number().int('expected a whole number of seconds').positive('expected 1 second or more').optional(),
  algorithms: z.array(alg).min(1).optional(),
  revocation: z.enum(REVOCATION_MODES).optional(),
});

const fixturesSchema = z.strictObject({
  unknownClient: z.string().optional(),
  blockedClient: z.string().optional(),
  disabledSubject: z.string().optional(),
  /** A claim naming a tenant whose token auth is switched off, e.g. { claim: 'tenant', value: 't-off' }. */
  disabledTenant: z.strictObject({ claim: z.string(), value: z.string() }).optional(),
  /** A client registered only for another grant; `claim`/`value` say how the token names its grant (e.g. gty). */
  grantRestricted: z.strictObject({ clientId: z.string(), claim: z.string(), value: z.string() }).optional(),
});

const auditSchema: z.ZodType<AuditSource> = z.strictObject({
  body: z.string().optional(),
  header: z.string().optional(),
  logFile: z.string().optional(),
  logField: z.string().optional(),
  correlate: z.enum(['request-id', 'jti']).optional(),
  requestIdField: z.string().optional(),
  waitMs: z.number().min(0).optional(),
  sink: z.boolean().optional(),
  sinkField: z.string().optional(),
});

const tokenSchema: z.ZodType<TokenLocation> = z.strictObject({
  in: z.enum(['header', 'cookie', 'query', 'form']),
  name: z.string().min(1),
  scheme: z.string().optional(),
});

const profileObject = z.custom<Profile>(
  (v) => !!v && typeof v === 'object' && !Array.isArray(v),
  'expected a profile name, a profile file or a profile object',
);

/**
 * The config file's shape, the one description of it: `UserConfig` (what `defineConfig` takes) is its
 * input, what it reads into (targets tagged by kind) its output, and `ResolvedConfig` is derived from
 * that. Everything is optional; flags fill in or override. Flags go through it too (harness/cli/*
 * build a UserConfig). Adding a plain setting is one edit here: it reaches `ResolvedConfig` as written.
 */
/** How the API wants tokens bound: `bearer` (none), `dpop` (RFC 9449) or `mtls` (a client certificate, RFC 8705). */
export const TOKEN_TYPES = ['bearer', 'dpop', 'mtls'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

/** One acr value: no whitespace, since `acr_values` lists them space-separated (RFC 9470 §3). */
const acrValue = z.string().regex(/^\S+$/, 'an acr value is one word without spaces (acr_values lists them space-separated, RFC 9470 §3)');

export const configSchema = z.strictObject({
  /** The API under test: a URL, `{ kind: 'url', url }`, `{ kind: 'app', app(env) }` or `{ kind: 'start', start(env) }` (the `kind` may be left out). */
  target: targetSchema.optional(),
  /**
   * `"METHOD /path[ scope1 scope2]"`, or `{ method, path, scopes, body, headers, acr, maxAge }`: a body (JSON unless a
   * string: a JSON-RPC call to an MCP server) and headers every probe of that endpoint carries; the acr
   * value(s) and maximum authentication age it requires (RFC 9470 step-up).
   */
  endpoints: z
    .array(
      z.union([
        z.string(),
        z.strictObject({
          method: z.string(),
          path: z.string().startsWith('/'),
          scopes: z.array(z.string()).optional(),
          body: z.unknown().optional(),
          headers: z.record(z.string(), z.string()).optional(),
          /** Step-up (RFC 9470): the acr value, or values (any one), this endpoint requires. */
          acr: z.union([acrValue, z.array(acrValue).min(1)]).optional(),
          /** Step-up (RFC 9470): the longest time since the user authenticated (`auth_time`) it accepts, seconds. */
          maxAge: z.number().int('give whole seconds').nonnegative('give seconds, 0 or more').optional(),
        }),
      ]),
    )
    .optional(),
  /** The audience the baseline token carries and the API expects (default https://api.example.test). */
  audience: z.string().min(1).optional(),
  /** The mock IdP the run starts: port (0 = any free one), host, issuer, a keys file kept across runs, the algorithms it loads, TLS. */
  idp: z
    .strictObject({
      port: port.optional(),
      host: z.string().optional(),
      issuer: z.url().optional(),
      keys: z.string().optional(),
      algs: z.array(alg).min(1).optional(),
      tls: z.boolean().optional(),
      issuers: z.number().int().min(1).max(MAX_ISSUERS).optional(),
    })
    .optional(),
  /** The valid token every scenario starts from. */
  baseline: z
    .strictObject({
      alg: alg.optional(),
      typ: z.string().optional(),
      scope: z.string().optional(),
      subject: z.string().optional(),
      clientId: z.string().optional(),
      lifetime: z.number().int().positive().optional(),
      claims: z.record(z.string(), z.unknown()).optional(),
      /** `opaque`: random tokens the API can only introspect (RFC 7662); the JWT-only scenarios are then not applicable. */
      format: z.enum(TOKEN_FORMATS).optional(),
    })
    .optional(),
  /**
   * What the API declares it enforces (each optional; README "Declared and observed policy"): clock
   * leeway and maximum token lifetime, seconds, held exactly when declared; the algorithms it accepts
   * (when set, property cases also sign with every other loaded key and expect those outside the list to
   * be refused); `revocation: 'none'` for a stateless API (revocation scenarios are then not applicable).
   */
  policy: policySchema.optional(),
  /** A built-in profile name, a profile file, or a profile object. */
  profile: z.union([z.string(), profileObject]).optional(),
  /** Where the API reads the token (default the Authorization header, Bearer scheme). */
  token: tokenSchema.optional(),
  /**
   * `dpop`: the API wants DPoP-bound tokens (RFC 9449): every token is bound to the harness's key
   * (cnf.jkt), sent with the DPoP scheme and a fresh proof; the binding scenarios apply. `mtls`: the API
   * wants certificate-bound tokens (RFC 8705 §3) over HTTPS: every token is bound to the harness's client
   * certificate (cnf.x5t#S256), presented on every connection; the mTLS scenarios apply. Default `bearer`.
   */
  tokenType: z.enum(TOKEN_TYPES).optional(),
  /** A PEM file of the CA the target's HTTPS certificate chains to, trusted beside the system's (relative to the config file). */
  targetCa: z.string().min(1).optional(),
  /** The API's resource identifier (RFC 9728 `resource`, RFC 8707): when declared, its protected resource metadata is checked. */
  resource: z.url().optional(),
  /** Headers sent with every probe. */
  headers: z.record(z.string(), z.string()).optional(),
  /** A second credential the API checks beside the token (the gateway messages: a `client_id` header). */
  clientIdHeader: z.string().min(1).optional(),
  /**
   * Identities your API knows in a special state, for the scenarios that need them (skipped when unset):
   * a client id it does not know, a blocked client, a disabled subject, a tenant with token auth off,
   * a client not allowed the token's grant.
   */
  fixtures: fixturesSchema.optional(),
  /** Where the API's audit codes are read: a body path, a header, a log file or the IdP's sink. */
  audit: auditSchema.optional(),
  /** The header carrying a probe's request id (default x-request-id). */
  requestIdHeader: z.string().optional(),
  /** Globs of your own scenario modules. */
  scenarios: z.array(z.string()).optional(),
  only: z.array(z.string()).optional(),
  skip: z.array(z.string()).optional(),
  /** Property cases per endpoint (default 100; 0 runs no properties). */
  runs: z.number().int().min(0).optional(),
  seed: z.number().int().optional(),
  /** Reports directory (default reports/out). */
  out: z.string().optional(),
  format: z.array(z.enum(FORMATS)).optional(),
  /** Per request, milliseconds (default 5000). */
  timeout: z.number().int().positive().optional(),
  /** Bytes of an answer's body read at most (default 4 MiB); a longer answer is read that far and marked truncated. */
  maxBody: z.number().int('expected a whole number of bytes').positive('expected 1 byte or more').optional(),
  /** Consecutive answers that do not come in time on one endpoint, after which its remaining probes are not sent (default 3). */
  maxTimeouts: z.number().int('expected a whole number').positive('expected 1 or more').optional(),
  /** Scenario × endpoint units run side by side (default from the CPU count; 1 = one at a time). */
  concurrency: z.number().int('expected a whole number').positive('expected 1 or more').optional(),
  /** Name every token sent instead of clipping the valid ones, everywhere in the reports. */
  redactTokens: z.boolean().optional(),
  /** A YAML file of failures known and accepted for now (README "Gradual adoption"); relative to the working directory. */
  expectedFailures: z.string().min(1).optional(),
  /** The least severity that fails the run (default minor: every failure). */
  failOn: z.enum(['critical', 'major', 'minor']).optional(),
  /** An OpenAPI document (file or URL): its OAuth2 / OpenID Connect / bearer operations become endpoints (README "Endpoints from OpenAPI"). */
  openapi: z.string().min(1).optional(),
  /** Values of path and required query parameters of the OpenAPI operations, by name: { petId: 10 }. */
  openapiParameters: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** Only OpenAPI operations with one of these tags. */
  onlyTags: z.array(z.string()).optional(),
  /** Only these OpenAPI operations (operationId or "METHOD /path/{param}"). */
  operations: z.array(z.string()).optional(),
});

/** The config file's shape (what `defineConfig` takes): every target shape, old and tagged. */
export type UserConfig = z.input<typeof configSchema>;
/** A config as read: checked, targets tagged. It is itself a valid UserConfig. */
export type CheckedConfig = z.output<typeof configSchema>;
export type Fixtures = NonNullable<CheckedConfig['fixtures']>;
type IdpConfig = NonNullable<CheckedConfig['idp']>;
type BaselineConfig = NonNullable<CheckedConfig['baseline']>;

/** Settings that are renamed, loaded or derived when resolved; every other setting reaches ResolvedConfig as it was checked. */
type Reworked =
  | 'target'
  | 'endpoints'
  | 'idp'
  | 'baseline'
  | 'policy'
  | 'profile'
  | 'scenarios'
  | 'format'
  | 'timeout'
  | 'out'
  | 'expectedFailures'
  | 'openapi'
  | 'openapiParameters'
  | 'onlyTags'
  | 'operations';
/** Settings that get a default when resolved. */
type Defaulted =
  | 'audience'
  | 'token'
  | 'tokenType'
  | 'headers'
  | 'fixtures'
  | 'audit'
  | 'requestIdHeader'
  | 'runs'
  | 'maxBody'
  | 'maxTimeouts'
  | 'concurrency'
  | 'redactTokens'
  | 'failOn';
type Passed = Omit<CheckedConfig, Reworked>;

/** What a run uses: the checked config with defaults applied, paths resolved and the profile loaded. */
export type ResolvedConfig = Omit<Passed, Defaulted> &
  Required<Pick<Passed, Defaulted>> & {
    target: TaggedTarget;
    endpoints: Endpoint[];
    idp: Required<Pick<IdpConfig, 'port' | 'host' | 'algs' | 'tls' | 'issuers'>> & Pick<IdpConfig, 'issuer'> & { keysFile?: string };
    baseline: Required<Pick<BaselineConfig, 'typ' | 'scope' | 'lifetime' | 'claims' | 'format'>> &
      Pick<BaselineConfig, 'alg' | 'subject' | 'clientId'>;
    /** Declared values stay undefined when not declared; `leewayBound` is derived (harness/policy/declared.ts). */
    policy: ResolvedPolicy;
    profile: Profile;
    scenarioGlobs: string[];
    formats: Format[];
    timeoutMs: number;
    out: string;
    /** Absolute path of the expected-failures file, when one is given. */
    expectedFailures?: string;
    /** What the OpenAPI document gave, when one was read: its operations made endpoints, and those skipped with why. */
    openapi?: { source: string; title: string; endpoints: number; skipped: OpenApiEndpoints['skipped'] };
    /** Directory relative paths in the config are resolved against. */
    baseDir: string;
  };

/** Keys the object at `path` of the schema knows, for "did you mean". */
function keysAt(path: readonly PropertyKey[]): string[] {
  let s: z.core.$ZodType = configSchema;
  const unwrap = (t: z.core.$ZodType): z.core.$ZodType => {
    const def = t._zod.def as { innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    return def.innerType ? unwrap(def.innerType) : def.in ? unwrap(def.in) : t;
  };
  for (const key of path) {
    const shape = (unwrap(s)._zod.def as { shape?: Record<string, z.core.$ZodType> }).shape;
    if (!shape?.[String(key)]) return [];
    s = shape[String(key)]!;
  }
  return Object.keys((unwrap(s)._zod.def as { shape?: object }).shape ?? {});
}

/** Edits between two keys (insert, delete, replace, or swap two neighbours: optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The known key a misspelt one most likely meant: at most 2 edits away (1 for short keys), case aside. */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
  const scored = known.map((k) => ({ k, d: editDistance(key.toLowerCase(), k.toLowerCase()) })).sort((x, y) => x.d - y.d);
  const best = scored[0];
  return best && best.d <= (key.length <= 4 ? 1 : 2) ? best.k : undefined;
}

function formatIssue(source: string, err: z.ZodError): string {
  // A misspelt key explains the required key it leaves missing: name the misspelling.
  const { path, issue } = deepest(err.issues.find((i) => i.code === 'unrecognized_keys') ?? err.issues[0]!);
  const at = where(path);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const meant = didYouMean(key, keysAt(path));
    return meant
      ? `${source}: ${at}: unknown key "${key}"; did you mean "${meant}"?`
      : `${source}: ${at}: unknown key "${key}"; remove "${key}" or check its spelling`;
  }
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message))
    return `${source}: ${at}: missing; set it (see the README, "The config file")`;
  return `${source}: ${at}: ${issue.message}; fix that value (see the README, "The config file")`;
}

/** Check a config (a file's default export, flags, the vitest entry's object): one HarnessError line naming the key. */
export function validateUserConfig(data: unknown, source: string): CheckedConfig {
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) throw new HarnessError('ERR_CONFIG_INVALID', formatIssue(source, parsed.error));
  return parsed.data;
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
    throw new HarnessError('ERR_CONFIG_INVALID', `cannot load config ${path}: ${loadFailure(err)}; fix the file so it loads`, {
      cause: err,
    });
  }
  if (data === undefined)
    throw new HarnessError('ERR_CONFIG_INVALID', `config ${path} has no default export; write "export default defineConfig({ ... })"`);
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
    throw new HarnessError('ERR_CONFIG_INVALID', `cannot load profile ${path}: ${loadFailure(err)}; fix the file so it loads`, {
      cause: err,
    });
  }
  return parseProfile(data, `profile ${path}`);
}

function withoutUndefined<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Merge the file config and the flags (flags win), check the result with the one schema, apply defaults. */
export async function resolveConfig(file: UserConfig, flags: UserConfig, baseDir = process.cwd()): Promise<ResolvedConfig> {
  const merged: UserConfig = {
    ...file,
    ...withoutUndefined(flags),
    idp: { ...file.idp, ...flags.idp },
    baseline: { ...file.baseline, ...flags.baseline },
    policy: { ...file.policy, ...withoutUndefined(flags.policy) },
  };
  // A file was checked when loaded (naming the file); flags and a programmatic config (the vitest entry) are checked here.
  const {
    target,
    endpoints: listed,
    idp,
    baseline,
    policy,
    profile,
    scenarios,
    format,
    timeout,
    out,
    expectedFailures,
    openapi,
    openapiParameters,
    onlyTags,
    operations,
    ...rest
  } = validateUserConfig(merged, 'config');
  if (!target) {
    throw new HarnessError('ERR_CONFIG_INVALID', 'no target: pass --target http://127.0.0.1:PORT or set "target" in gauntlet.config.ts');
  }
  // "localhost:3000" parses as a URL of scheme "localhost:"; what the harness can send to is http(s).
  if (target.kind === 'url' && !/^https?:\/\/[^/]/i.test(target.url)) {
    const url = target.url;
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `target "${url}" has no http:// or https:// scheme; write it like --target http://${/^(localhost|\d)/i.test(url) ? url : url.replace(/^[a-z][\w+.-]*:\/*/i, '')}`,
    );
  }
  const endpoints: Endpoint[] = (listed ?? []).map((e) => (typeof e === 'string' ? parseEndpoint(e) : endpointOf(e)));
  let found: OpenApiEndpoints | undefined;
  if (openapi) {
    const source = /^https?:\/\//i.test(openapi) ? openapi : resolve(baseDir, openapi);
    // The OpenAPI parser (swagger-parser, ajv, js-yaml) is loaded only for a run that names a document.
    const { endpointsFromOpenApi } = await import('./adopt/openapi.ts');
    found = await endpointsFromOpenApi(source, { parameters: openapiParameters, onlyTags, operations });
    const given = new Set(endpoints.map((e) => `${e.method} ${e.path}`));
    endpoints.push(...found.endpoints.filter((e) => !given.has(`${e.method} ${e.path}`)));
  } else if (onlyTags?.length || operations?.length) {
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      '--only-tags and --operation filter an OpenAPI document; pass one with --openapi FILE|URL',
    );
  }
  if (endpoints.length === 0) {
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      'no endpoints: pass --endpoint "GET /path[ scope]" (repeatable) or set "endpoints" in the config, or give an OpenAPI document with --openapi',
    );
  }
  return {
    ...rest,
    target,
    endpoints,
    audience: rest.audience ?? 'https://api.example.test',
    idp: {
      port: idp?.port ?? 0,
      host: idp?.host ?? '127.0.0.1',
      issuer: idp?.issuer,
      keysFile: idp?.keys ? resolve(baseDir, idp.keys) : undefined,
      algs: idp?.algs?.length ? idp.algs : [...SIGNING_ALGS],
      tls: idp?.tls ?? false,
      issuers: idp?.issuers ?? 1,
    },
    baseline: {
      alg: baseline?.alg,
      typ: baseline?.typ ?? DEFAULT_SHAPE.typ,
      scope: baseline?.scope ?? '',
      subject: baseline?.subject,
      clientId: baseline?.clientId,
      lifetime: baseline?.lifetime ?? DEFAULT_SHAPE.lifetime,
      claims: baseline?.claims ?? {},
      format: baseline?.format ?? 'jwt',
    },
    policy: resolvePolicy(policy),
    profile: await loadProfile(profile, baseDir),
    token: rest.token ?? (rest.tokenType === 'dpop' ? DPOP_LOCATION : DEFAULT_LOCATION),
    tokenType: rest.tokenType ?? 'bearer',
    headers: rest.headers ?? {},
    clientIdHeader: rest.clientIdHeader?.toLowerCase(),
    fixtures: rest.fixtures ?? {},
    audit: rest.audit ?? DEFAULT_AUDIT,
    requestIdHeader: (rest.requestIdHeader ?? 'x-request-id').toLowerCase(),
    scenarioGlobs: scenarios ?? [],
    runs: rest.runs ?? DEFAULT_RUNS,
    out: resolve(baseDir, out ?? 'reports/out'),
    formats: format ?? ['json', 'junit', 'markdown', 'html'],
    timeoutMs: timeout ?? 5000,
    maxBody: rest.maxBody ?? DEFAULT_MAX_BODY,
    maxTimeouts: rest.maxTimeouts ?? DEFAULT_MAX_TIMEOUTS,
    concurrency: rest.concurrency ?? defaultConcurrency(),
    redactTokens: rest.redactTokens ?? false,
    failOn: rest.failOn ?? 'minor',
    ...(expectedFailures ? { expectedFailures: resolve(baseDir, expectedFailures) } : {}),
    ...(rest.targetCa ? { targetCa: resolve(baseDir, rest.targetCa) } : {}),
    ...(found ? { openapi: { source: found.source, title: found.title, endpoints: found.endpoints.length, skipped: found.skipped } } : {}),
    baseDir,
  };
}

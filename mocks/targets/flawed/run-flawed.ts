/**
 * Run the whole catalogue against one flawed target, configured as `npm start` configures the reference
 * (fixtures, directory, client id header), judged by RFC 6750 plus the scenarios' audit codes, without
 * property cases. Its verdicts are what the matrix compares. IdP and target listen on 127.0.0.1 ports
 * rather than in process: msw patches the process's one fetch, so in-process runs cannot overlap, and
 * the matrix needs them to.
 */
import { resolveConfig } from '../../../harness/config.ts';
import type { TargetEnv } from '../../../harness/core/target-env.ts';
import { scenariosFor } from '../../../harness/load-scenarios.ts';
import type { Report, ResultRow } from '../../../harness/report.ts';
import { run } from '../../../harness/run.ts';
import type { Severity } from '../../../harness/core/finding.ts';
import { rfc6750, type Profile } from '../../../scenarios/profiles/index.ts';
import { createTlsMaterial, type TlsMaterial } from '../../idp/tls.ts';
import { serveOnLoopback, type Listening } from '../loopback.ts';
import { createReferenceApi } from '../reference/app.ts';
import { CLIENT_ID_HEADER, FIXTURES, REFERENCE_POLICY, referenceFor } from '../reference/gauntlet.config.ts';
import { DEFAULT_ENDPOINTS, type ReferenceOptions } from '../reference/options.ts';
import { defineFlawedTarget, type FlawedTarget, type FlawedTargetSpec } from './define.ts';
import type { Scenario } from '../../../scenarios/define.ts';

export const ENDPOINTS = ['GET /orders', 'GET /admin admin'];

/** What /admin requires of the user's authentication on a step-up run (RFC 9470): a phishing-resistant login (OpenID EAP ACR values), at most 5 minutes ago. */
export const STEP_UP = { acr: ['phr', 'phrh'], maxAge: 300 } as const;
const STEP_UP_ENDPOINTS = [
  'GET /orders',
  { method: 'GET', path: '/admin', scopes: ['admin'], acr: [...STEP_UP.acr], maxAge: STEP_UP.maxAge },
];

/** How a DPoP flawed target (and the DPoP reference) runs: proofs must carry the server's nonce. */
export const DPOP_MODE = { nonce: true } as const;

/** Strict RFC 6750, and each fault must also be named by its the login audit trail audit code (so a wrong code is caught). */
export const AUDITED: Profile = { ...rfc6750, name: 'rfc6750+audit', useScenarioAuditCodes: true };

/** Scenarios that only an introspecting API can pass: the IdP is the only one who knows of a revocation. */
export const NEEDS_INTROSPECTION = ['revoked', 'introspection-down'] as const;

/**
 * Scenarios judged only where the API was seen introspecting (the IdP's answer is what they falsify):
 * a target that validates locally gets them as skipped rows.
 */
export const INTROSPECTION_ANSWER_SCENARIOS = [
  'introspection-down',
  'introspection-garbage',
  'introspection-jwt-signature',
  'introspection-jwt-audience',
  'introspection-jwt-stale',
] as const;

/** What a target that does not introspect cannot be judged by, unless judging that is its point. */
export function skippedFor(target: Pick<FlawedTarget, 'introspects' | 'catches'>): string[] {
  return target.introspects ? [] : NEEDS_INTROSPECTION.filter((id) => !target.catches.includes(id));
}

/**
 * A target that validates locally and is not there to be caught by the revocation scenarios is what
 * `--revocation none` declares: stateless. Those scenarios are then reported not applicable.
 */
export function declaredStateless(target: Pick<FlawedTarget, 'introspects' | 'catches'>): boolean {
  return skippedFor(target).length === NEEDS_INTROSPECTION.length;
}

function optionsFor(target: FlawedTarget, env: TargetEnv): ReferenceOptions {
  return referenceFor(env, {
    ...(target.introspects ? {} : { introspection: undefined }),
    // Short, so the stall variants cost little (the harness still allows 2 s), yet long enough for a JWKS fetch on a loaded machine.
    idpTimeoutMs: 1000,
    ...(target.dpop ? { dpop: DPOP_MODE } : {}),
    ...(target.mtls ? { mtls: true } : {}),
    ...(target.resource ? { resourceMetadata: { resource: env.audience } } : {}),
    // Opaque: every request waits for introspection, so it gets more room on a loaded machine (the harness's timeout is raised with it).
    ...(target.opaque ? { opaque: true, introspection: { ...env.introspection, response: target.opaque }, idpTimeoutMs: 2000 } : {}),
    ...(target.stepUp ? { endpoints: DEFAULT_ENDPOINTS.map((e) => (e.path === '/admin' ? { ...e, ...STEP_UP } : e)) } : {}),
    ...target.options(),
  });
}

/** `tls`: serve HTTPS with this certificate, asking for a client certificate (an mTLS target). */
export function serve(target: FlawedTarget, env: TargetEnv, tls?: TlsMaterial): Promise<Listening> {
  return serveOnLoopback(createReferenceApi(optionsFor(target, env)), {
    maxHeaderSize: target.maxHeaderSize,
    ...(tls ? { tls: { key: tls.key, cert: tls.cert, requestCert: true } } : {}),
  });
}

export interface FlawedRunOptions {
  /** A key file shared by the runs, so each IdP loads its keys instead of generating them. */
  keysFile?: string;
  /** Units run side by side (default: the harness's default). */
  concurrency?: number;
  /** Reorder the catalogue (the isolation test shuffles it). */
  order?: (scenarios: Scenario[]) => Scenario[];
}

export async function runFlawed(target: FlawedTarget, opts: FlawedRunOptions = {}): Promise<Report> {
  // An mTLS target serves HTTPS with a certificate from a throw-away CA the harness is told to trust.
  const tls = target.mtls ? await createTlsMaterial() : undefined;
  const config = await resolveConfig(
    {},
    {
      target: { start: (env) => serve(target, env, tls) },
      audience: 'https://api.gauntlet.test',
      endpoints: target.stepUp ? STEP_UP_ENDPOINTS : ENDPOINTS,
      // ES256 first: the baseline and the keys scenarios mint on the fly are EC, cheap to generate.
      // Two trusted issuers, as npm start runs the reference: the issuer-binding scenarios apply.
      idp: { algs: ['ES256', 'RS256', 'PS256', 'EdDSA'], issuers: 2, ...(opts.keysFile ? { keys: opts.keysFile } : {}) },
      fixtures: FIXTURES,
      clientIdHeader: CLIENT_ID_HEADER,
      // Opaque: the API cannot tell an expired token from a revoked one (both active=false), so no audit codes are asked.
      profile: target.opaque ? rfc6750 : AUDITED,
      timeout: target.opaque ? 4000 : 2000,
      ...(target.opaque ? { baseline: { format: 'opaque' as const } } : {}),
      runs: 0,
      ...(target.dpop ? { tokenType: 'dpop' as const } : {}),
      ...(tls ? { tokenType: 'mtls' as const, targetCa: tls.caPath } : {}),
      // The resource identifier is the audience, as RFC 8707 and the MCP rules have it.
      ...(target.resource ? { resource: 'https://api.gauntlet.test' } : {}),
      ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
      // The reference's own policy: each flawed variant is held to what the reference declares.
      policy: {
        leeway: REFERENCE_POLICY.leeway,
        maxLifetime: REFERENCE_POLICY.maxLifetime,
        ...(declaredStateless(target) ? { revocation: 'none' as const } : {}),
      },
    },
  );
  const skip = declaredStateless(target) ? [] : skippedFor(target);
  const scenarios = await scenariosFor([], process.cwd(), undefined, skip);
  return run(config, opts.order ? opts.order(scenarios) : scenarios);
}

/** Each failing scenario once, with the worst severity it failed with on any endpoint. */
export function failingScenarios(report: Report): Map<string, Severity> {
  const order: Record<Severity, number> = { minor: 1, major: 2, critical: 3 };
  const out = new Map<string, Severity>();
  for (const row of report.results) {
    if (row.verdict !== 'fail') continue;
    const severity = row.severity ?? 'minor';
    const before = out.get(row.scenario);
    if (!before || order[severity] > order[before]) out.set(row.scenario, severity);
  }
  return out;
}

/** Rows that are neither pass, fail nor skip (a harness error): the matrix refuses to count them. */
export function erroredRows(report: Report): string[] {
  return report.results
    .filter((r: ResultRow) => r.verdict === 'error')
    .map((r) => `${r.scenario} ${r.endpoint}: ${r.error ?? r.failures.join('; ')}`);
}

/** The reference API with no flaw, as a flawed target in the given mode (introspecting, DPoP, mTLS, opaque…): what every flawed run is compared with. */
export function referenceTarget(mode: Partial<FlawedTargetSpec> = {}): FlawedTarget {
  return defineFlawedTarget({
    name: 'reference',
    flaw: 'none',
    basedOn: 'mocks/targets/reference',
    catches: [],
    severity: 'minor',
    ...mode,
  });
}

import { describe, expect, it } from 'vitest';
import { resolveConfig, type TargetSpec } from '../../../harness/config.ts';
import type { TargetEnv } from '../../../harness/core/target-env.ts';
import type { Report } from '../../../harness/report.ts';
import { run } from '../../../harness/run.ts';
import { catalogue } from '../../../scenarios/catalogue.ts';
import exampleConfig from '../../../scenarios/profiles/gateway-messages.config.example.ts';
import { ACCESS_TOKEN_MESSAGE } from '../../../scenarios/profiles/gateway-messages.ts';
import { directoryFor } from '../reference/gauntlet.config.ts';
import { createGatewayApi } from './app.ts';
import type { GatewayOptions } from './options.ts';

const SLOW = 120_000;

function gateway(env: TargetEnv, extra: Partial<GatewayOptions> = {}) {
  return createGatewayApi({
    issuer: env.issuer,
    jwksUri: env.jwksUri,
    audience: env.audience,
    introspection: env.introspection,
    directory: directoryFor(env.introspection.clientId),
    idpTimeoutMs: 400,
    ...extra,
  });
}

/** The example config's settings (profile, token header, client id header, fixtures), with `target` replaced when given. */
async function runExample(target?: TargetSpec, only?: string[]): Promise<Report> {
  const config = await resolveConfig(exampleConfig, target ? { target } : {});
  return run(config, only ? catalogue.filter((s) => only.includes(s.id)) : catalogue);
}

const notPassing = (report: Report): string[] =>
  report.results
    .filter((r) => r.verdict !== 'pass' && r.verdict !== 'skip')
    .map((r) => `${r.scenario} ${r.endpoint} ${r.verdict}: ${r.error ?? r.failures.join('; ')}`);

describe('the gateway target under the gateway-messages profile', () => {
  it(
    'passes every catalogue scenario with the example config, over a URL',
    async () => {
      const report = await runExample();
      expect(report.profile).toBe('gateway-messages');
      expect(notPassing(report)).toEqual([]);
      const checked = report.results.filter((r) => r.verdict === 'pass' && r.expected.message);
      expect(checked.length).toBeGreaterThanOrEqual(2 * 40);
      // No challenge is expected, and the gateway sends none.
      expect(report.results.filter((r) => r.observed?.wwwAuthenticate.length)).toEqual([]);
      // Out-of-scope tokens included: the seed's gateway answers 401 where RFC 6750 says 403.
      expect(report.results.filter((r) => r.observed?.status === 403)).toEqual([]);
    },
    SLOW,
  );

  it(
    'passes every catalogue scenario in process too',
    async () => {
      const report = await runExample({ app: (env) => gateway(env) });
      expect(notPassing(report)).toEqual([]);
    },
    SLOW,
  );

  it('fails every access-token answer, and only those, with a sentence quoting both texts when that message changes', async () => {
    const ids = ['no-credentials', 'expired', 'scope-missing', 'client-mismatch', 'custom-location', 'introspection-down'];
    const changed = 'Access Token is invalid: %s';
    const report = await runExample({ app: (env) => gateway(env, { messages: { accessToken: changed } }) }, ids);
    // The profile matches the text anywhere in the body (the gateway messages shows the text, not the body's shape).
    const sentence = `expected the message "${ACCESS_TOKEN_MESSAGE}" in body, got "{"message":"Access Token is invalid: access_token"}"`;
    expect(report.results.map((r) => `${r.scenario} ${r.endpoint} ${r.verdict}${r.severity ? ` ${r.severity}` : ''}`)).toEqual([
      'no-credentials GET /orders fail minor',
      'no-credentials GET /admin fail minor',
      'custom-location GET /orders pass',
      'custom-location GET /admin pass',
      'expired GET /orders fail minor',
      'expired GET /admin fail minor',
      'client-mismatch GET /orders pass',
      'client-mismatch GET /admin pass',
      'scope-missing GET /orders skip',
      'scope-missing GET /admin fail minor',
      'introspection-down GET /orders pass',
      'introspection-down GET /admin pass',
    ]);
    for (const r of report.results.filter((x) => x.verdict === 'fail')) expect(r.failures).toEqual([sentence]);
  });
});

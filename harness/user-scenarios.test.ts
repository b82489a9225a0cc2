import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createReferenceApi } from '../mocks/targets/reference/app.ts';
import { skip } from '../mocks/targets/reference/steps.ts';
import { resolveConfig } from './config.ts';
import { scenariosFor } from './load-scenarios.ts';
import { run } from './run.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));

/**
 * A user's repository: its own scenario module importing token-gauntlet by package name. The
 * package's exports are the build (dist/); here a stand-in package re-exports this checkout's
 * sources, so no build is needed (harness/package.test.ts installs the real tarball).
 */
function userRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-user-'));
  const pkg = join(dir, 'node_modules', 'token-gauntlet');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'token-gauntlet', type: 'module', exports: { '.': './index.ts' } }));
  writeFileSync(join(pkg, 'index.ts'), `export * from ${JSON.stringify(join(repo, 'harness', 'index.ts'))};\n`);
  mkdirSync(join(dir, 'auth-scenarios'));
  // The README's "Add a scenario" example, verbatim in shape.
  writeFileSync(
    join(dir, 'auth-scenarios', 'aud-empty.ts'),
    `import { defineScenario, rfc } from 'token-gauntlet';

export default defineScenario({
  id: 'aud-empty',
  title: 'Token whose aud is an empty array',
  category: 'identity',
  refs: [rfc(7519, '4.1.3')],
  expect: 'IT',
  resolution: 'Require your own identifier in aud and reject tokens with an empty audience with 401 invalid_token.',
  async probes(ctx) {
    const token = await ctx.forge({ claims: { aud: [] } });
    return { credential: { kind: 'token', token } };
  },
});
`,
  );
  return dir;
}

describe("a user's own scenario", () => {
  const dir = userRepo();

  it('is picked up by a glob and listed after the catalogue', async () => {
    const scenarios = await scenariosFor(['auth-scenarios/*.ts'], dir);
    expect(scenarios.at(-1)?.id).toBe('aud-empty');
  });

  it('passes against an API that checks the audience and fails as critical against one that does not', async () => {
    const scenarios = await scenariosFor(['auth-scenarios/*.ts'], dir, ['aud-empty']);
    const config = (steps = {}) =>
      resolveConfig({}, { target: { app: (env) => createReferenceApi({ ...env, steps }) }, endpoints: ['GET /orders'] }, dir);
    const good = await run(await config(), scenarios);
    expect(good.results.map((r) => r.verdict)).toEqual(['pass']);
    const flawed = await run(await config({ checkAudience: skip }), scenarios);
    expect(flawed.results[0]).toMatchObject({ scenario: 'aud-empty', verdict: 'fail', severity: 'critical' });
  });

  it.each([
    ["expect: 'XX'", `expect "XX" is not an answer class; use one or more of NC, IT, IR, IS, OK, REJECT`],
    ["expect: ['IT', 'OKAY']", `expect ["IT","OKAY"] is not an answer class; use one or more of NC, IT, IR, IS, OK, REJECT`],
    [
      "category: 'tokens'",
      'category "tokens" is not one of presence, signature, algorithm, time, identity, type, scope, revocation, exhaustion, binding, discovery, step-up',
    ],
    ["resolution: ''", 'resolution is missing; say in one sentence what the API owner must change'],
  ])('refuses a scenario with %s when it loads, before anything runs, in one line', async (change, message) => {
    const [key] = change.split(':');
    // The later member wins: the one mistake overrides the valid default above it.
    const body = `import { defineScenario } from 'token-gauntlet';
export default defineScenario({
  id: 'bad-one', title: 't', category: 'identity', refs: [], expect: 'IT', resolution: 'fix it',
  ${change},
  async probes(ctx) { return { credential: { kind: 'token', token: await ctx.forge() } }; },
} as never);
`;
    const file = join(dir, 'auth-scenarios', `bad-${key}.ts`);
    writeFileSync(file, body);
    await expect(scenariosFor([`auth-scenarios/bad-${key}.ts`], dir)).rejects.toMatchObject({
      code: 'ERR_SCENARIO_INVALID',
      message: `${file}: ${message}`,
    });
  });

  it('refuses a module that does not default-export a scenario, in one line', async () => {
    writeFileSync(join(dir, 'auth-scenarios', 'broken.ts'), 'export const x = 1;\n');
    await expect(scenariosFor(['auth-scenarios/broken.ts'], dir)).rejects.toThrow(
      /broken\.ts does not default-export a scenario; write "export default defineScenario/,
    );
  });
});

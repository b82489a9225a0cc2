import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config.ts';
import { scenariosFor } from '../load-scenarios.ts';
import { run } from '../run.ts';
import { startReferenceApi } from '../../mocks/targets/reference/app.ts';
import { referenceFor } from '../../mocks/targets/reference/gauntlet.config.ts';
import { endpointsFromOpenApi } from './openapi.ts';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const PETSTORE = here('./fixtures/petstore3.openapi.yaml');
const TASKS = here('./fixtures/tasks.openapi.yaml');
const root = here('../../');
const gauntlet = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(root, 'harness/bin.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, ...env },
  });
const PET_PARAMS = { petId: 10 };

describe('endpoints from a real public document (Swagger Petstore, OpenAPI 3.0, Apache-2.0)', () => {
  it('finds every operation petstore_auth (OAuth2) guards, with its scopes, and says why the others are left out', async () => {
    const found = await endpointsFromOpenApi(PETSTORE, { parameters: PET_PARAMS });
    expect(found.title).toBe('Swagger Petstore - OpenAPI 3.0');
    expect(found.endpoints.map((e) => `${e.method} ${e.path} ${e.scopes.join(' ')}`)).toEqual([
      'PUT /pet write:pets read:pets',
      'POST /pet write:pets read:pets',
      'GET /pet/findByStatus write:pets read:pets',
      'GET /pet/findByTags write:pets read:pets',
      'GET /pet/10 write:pets read:pets',
      'POST /pet/10 write:pets read:pets',
      'DELETE /pet/10 write:pets read:pets',
      'POST /pet/10/uploadImage write:pets read:pets',
    ]);
    expect(new Set(found.endpoints.flatMap((e) => e.schemes))).toEqual(new Set(['petstore_auth']));
    // The request body is the document's own examples, composed from the Pet schema.
    const put = found.endpoints[0]!;
    expect(put.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(put.body!)).toMatchObject({ id: 10, name: 'doggie', status: 'available' });
    // An API key alone is not a bearer token: /store/inventory is left out, saying so.
    expect(found.skipped).toContainEqual({
      operation: 'GET /store/inventory',
      reason: expect.stringMatching(/no security alternative that a bearer token alone satisfies/),
    });
    expect(found.skipped.find((s) => s.operation === 'GET /user/login')?.reason).toBe('no security requirement');
  });

  it('filters by tag and by operation; a path parameter without a value is one line naming the fix', async () => {
    expect(
      (await endpointsFromOpenApi(PETSTORE, { parameters: PET_PARAMS, operations: ['getPetById', 'PUT /pet'] })).endpoints.map(
        (e) => e.operationId,
      ),
    ).toEqual(['updatePet', 'getPetById']);
    await expect(endpointsFromOpenApi(PETSTORE, { onlyTags: ['store'] })).rejects.toThrow(
      /no operation needs a bearer token .*GET \/store\/inventory: no security alternative/,
    );
    await expect(endpointsFromOpenApi(PETSTORE)).rejects.toThrow(
      /GET \/pet\/\{petId\} \(getPetById\): no value for path parameter "petId"; pass --openapi-param petId=VALUE/,
    );
    await expect(endpointsFromOpenApi(PETSTORE, { operations: ['getPet'] })).rejects.toThrow(/no operation "getPet"; give an operationId/);
    await expect(endpointsFromOpenApi(PETSTORE, { onlyTags: ['pets'] })).rejects.toThrow(
      /no operation is tagged "pets"; the tags are pet, store, user/,
    );
  });

  it('runs against an API enforcing those scopes: every endpoint found is judged, scope-missing included', async () => {
    const found = await endpointsFromOpenApi(PETSTORE, { parameters: PET_PARAMS });
    const config = await resolveConfig(
      {},
      {
        target: {
          start: (env) =>
            startReferenceApi(
              referenceFor(env, {
                endpoints: found.endpoints.map(({ method, path, scopes }) => ({ method, path, scopes })),
                introspection: undefined,
                directory: undefined,
                clientIdHeader: undefined,
              }),
            ),
        },
        openapi: PETSTORE,
        openapiParameters: PET_PARAMS,
        idp: { algs: ['ES256'] },
        runs: 0,
        policy: { revocation: 'none' },
      },
    );
    expect(config.endpoints).toHaveLength(8);
    const report = await run(config, await scenariosFor([], root, ['scope-missing', 'no-credentials']));
    expect(report.baseline.accepted).toBe(true);
    const scope = report.results.filter((r) => r.scenario === 'scope-missing');
    expect(scope.map((r) => [r.endpoint, r.verdict])).toEqual(found.endpoints.map((e) => [`${e.method} ${e.path}`, 'pass']));
  }, 60_000);
});

describe('endpoints from a hand-written OpenAPI 3.1 document', () => {
  it('takes operation security over the root, OpenID Connect and http bearer too, parameters from examples, defaults and the map', async () => {
    const found = await endpointsFromOpenApi(TASKS, { parameters: { projectId: 7 } });
    expect(found.endpoints.map((e) => [e.operationId, `${e.method} ${e.path}`, e.scopes, e.schemes])).toEqual([
      ['listTasks', 'GET /tasks', ['tasks:read'], ['oauth']],
      ['createTask', 'POST /tasks', ['tasks:write'], ['oauth']],
      ['getTask', 'GET /tasks/t-1', [], ['bearer']],
      ['updateTask', 'PUT /tasks/t-1', ['tasks:write', 'profile'], ['oidc']],
      ['projectTasks', 'GET /projects/7/tasks?limit=20', ['tasks:read'], ['oauth']],
    ]);
    expect(JSON.parse(found.endpoints[1]!.body!)).toEqual({ title: 'Water the plants', due: '2026-12-24' });
    expect(JSON.parse(found.endpoints[3]!.body!)).toEqual({ title: 'Buy milk', due: '2026-12-31' });
    expect(Object.fromEntries(found.skipped.map((s) => [s.operation, s.reason.split(/[:(]/)[0]!.trim()]))).toEqual({
      'DELETE /admin/users': 'no security alternative that a bearer token alone satisfies',
      'GET /status': 'authentication is optional',
      'GET /health': 'no security requirement',
    });
  });

  it('refuses a document that is not OpenAPI, in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gauntlet-openapi-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'openapi: 3.1.0\ninfo: { title: x }\npaths: { /a: { get: { security: { oauth: [] } } } }\n');
    const r = gauntlet(['run', '--openapi', bad, '--target', 'http://127.0.0.1:9']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^gauntlet: .*bad\.yaml: not a valid OpenAPI document \(.*\); fix the document or pass another with --openapi\n$/,
    );
    const none = gauntlet(['run', '--openapi', join(dir, 'nope.yaml'), '--target', 'http://127.0.0.1:9']);
    expect(none.stderr).toMatch(/nope\.yaml: no such file; check the path given to --openapi/);
    const param = gauntlet(['run', '--openapi', PETSTORE, '--openapi-param', 'petId', '--target', 'http://127.0.0.1:9']);
    expect(param.stderr).toBe('gauntlet: --openapi-param "petId" is not NAME=VALUE; write it like --openapi-param petId=10\n');
  }, 120_000);
});

describe('gauntlet run --openapi, end to end against an Express app built from the document', () => {
  const args = [
    'run',
    '--config',
    'harness/adopt/fixtures/tasks.gauntlet.config.ts',
    '--only',
    'no-credentials,expired,scope-missing',
    '--format',
    'json',
  ];
  it('judges every bearer operation; an operation whose scope check was left out fails scope-missing there and only there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gauntlet-openapi-'));
    const good = gauntlet([...args, '--out', join(dir, 'good')]);
    expect(good.stderr).toBe('');
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/^openapi: 5 endpoints from "Tasks" \(.*tasks\.openapi\.yaml\); 3 operations skipped$/m);
    expect(good.stdout).toMatch(/^PASS scope-missing PUT \/tasks\/t-1$/m);

    const flawed = gauntlet([...args, '--operation', 'createTask', '--operation', 'listTasks', '--out', join(dir, 'flawed')], {
      TASKS_FORGET_SCOPE: 'createTask',
    });
    expect(flawed.status).toBe(1);
    const fails = flawed.stdout.split('\n').filter((l) => l.startsWith('FAIL'));
    expect(fails).toEqual([expect.stringMatching(/^FAIL scope-missing POST \/tasks \[critical\]/)]);
    expect(flawed.stdout).toMatch(/^openapi: 2 endpoints from "Tasks"/m);
  }, 240_000);
});

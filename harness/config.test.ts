import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, loadConfigFile, resolveConfig } from './config.ts';

const dir = mkdtempSync(join(tmpdir(), 'gauntlet-config-'));

describe('loading the config', () => {
  it('names the bad key, the problem and the fix in one line', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ target: 'http://127.0.0.1:1', timeout: -5 }));
    await expect(loadConfigFile(file)).rejects.toThrow(/^config .*bad\.json: timeout: .*; fix that value/);
  });

  it('names a misspelt key and the one it most likely meant, at any depth', async () => {
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ endpoint: ['GET /x'] }));
    await expect(loadConfigFile(file)).rejects.toThrow(
      /^config .*typo\.json: \(top level\): unknown key "endpoint"; did you mean "endpoints"\?$/,
    );
    const nested = join(dir, 'typo-nested.json');
    writeFileSync(nested, JSON.stringify({ idp: { prot: 9400 }, fixtures: { blockedClint: 'c' } }));
    await expect(loadConfigFile(nested)).rejects.toThrow(/: idp: unknown key "prot"; did you mean "port"\?$/);
    const deeper = join(dir, 'typo-deeper.json');
    writeFileSync(deeper, JSON.stringify({ fixtures: { disabledTenant: { claim: 'tenant', valeu: 't' } } }));
    await expect(loadConfigFile(deeper)).rejects.toThrow(/: fixtures\.disabledTenant: unknown key "valeu"; did you mean "value"\?$/);
  });

  it('names an unknown key that is no misspelling, and says to remove it', async () => {
    const file = join(dir, 'unknown.json');
    writeFileSync(file, JSON.stringify({ colour: 'red' }));
    await expect(loadConfigFile(file)).rejects.toThrow(/: \(top level\): unknown key "colour"; remove "colour" or check its spelling$/);
  });

  it('loads a TypeScript config with its default export', async () => {
    const file = join(dir, 'gauntlet.config.ts');
    writeFileSync(file, "export default { target: 'http://127.0.0.1:9', endpoints: ['GET /a'] };\n");
    const { config } = await loadConfigFile(undefined, dir);
    expect(config.endpoints).toEqual(['GET /a']);
  });

  it('reports a missing --config file', async () => {
    await expect(loadConfigFile('nope.ts', dir)).rejects.toThrow('config file nope.ts not found; check the path given to --config');
  });
});

describe('the limits on what a target costs', () => {
  it('reads 4 MiB of an answer and gives an endpoint up after 3 timeouts in a row unless told otherwise; flags win over the file', async () => {
    const none = await resolveConfig({ target: 'http://a', endpoints: ['GET /x'] }, {});
    expect([none.maxBody, none.maxTimeouts]).toEqual([4 * 1024 * 1024, 3]);
    const set = await resolveConfig({ target: 'http://a', endpoints: ['GET /x'], maxBody: 1000, maxTimeouts: 5 }, { maxTimeouts: 1 });
    expect([set.maxBody, set.maxTimeouts]).toEqual([1000, 1]);
  });

  it.each([
    [{ maxBody: 1.5 }, /: maxBody: expected a whole number of bytes; fix that value/],
    [{ maxBody: 0 }, /: maxBody: expected 1 byte or more; fix that value/],
    [{ maxTimeouts: 0 }, /: maxTimeouts: expected 1 or more; fix that value/],
  ])('names a bad %j in one line', async (bad, message) => {
    const file = join(dir, `limits-${Object.keys(bad)[0]}-${Object.values(bad)[0]}.json`);
    writeFileSync(file, JSON.stringify({ target: 'http://127.0.0.1:1', ...bad }));
    await expect(loadConfigFile(file)).rejects.toThrow(message);
  });
});

describe('merging flags over the config', () => {
  it('lets flags win and keeps the rest of the file', async () => {
    const c = await resolveConfig(
      { target: 'http://a', endpoints: ['GET /x'], timeout: 100, idp: { port: 9400 } },
      { target: 'http://b', idp: {} },
    );
    expect(c.target).toEqual({ kind: 'url', url: 'http://b' });
    expect(c.timeoutMs).toBe(100);
    expect(c.idp.port).toBe(9400);
  });

  it('asks for a target and for endpoints', async () => {
    await expect(resolveConfig({}, { endpoints: ['GET /x'] })).rejects.toThrow(/no target: pass --target/);
    await expect(resolveConfig({}, { target: 'http://a' })).rejects.toThrow(/no endpoints: pass --endpoint/);
  });

  it('keeps undeclared policy values undefined and derives the leeway bound from the 300 s ceiling', async () => {
    const none = await resolveConfig({}, { target: 'http://a', endpoints: ['GET /x'] });
    expect(none.policy).toEqual({
      leeway: undefined,
      maxLifetime: undefined,
      algorithms: undefined,
      revocation: undefined,
      leewayBound: 300,
    });
    const declared = await resolveConfig(
      { target: 'http://a', endpoints: ['GET /x'], policy: { leeway: 30, revocation: 'introspection' } },
      { policy: { maxLifetime: 3600, leeway: undefined } },
    );
    expect(declared.policy).toEqual({ leeway: 30, maxLifetime: 3600, algorithms: undefined, revocation: 'introspection', leewayBound: 30 });
    const zero = await resolveConfig({}, { target: 'http://a', endpoints: ['GET /x'], policy: { leeway: 0, revocation: 'none' } });
    expect(zero.policy).toMatchObject({ leeway: 0, leewayBound: 0, revocation: 'none' });
  });

  it.each([
    [{ leeway: -1 }, /^config: policy\.leeway: expected 0 seconds or more; fix that value/],
    [{ leeway: 1.5 }, /^config: policy\.leeway: expected a whole number of seconds; fix that value/],
    [{ maxLifetime: 0 }, /^config: policy\.maxLifetime: expected 1 second or more; fix that value/],
    [{ revocation: 'sometimes' }, /^config: policy\.revocation: Invalid option: expected one of "introspection"\|"none"; fix that value/],
    [{ leway: 30 }, /^config: policy: unknown key "leway"; did you mean "leeway"\?$/],
  ])('refuses the policy %j in one line naming the value and the fix', async (policy, line) => {
    await expect(resolveConfig({}, { target: 'http://a', endpoints: ['GET /x'], policy: policy as never })).rejects.toThrow(line);
  });

  it('refuses a bad policy in a config file the same way', async () => {
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify({ policy: { revocation: 'stateless' } }));
    await expect(loadConfigFile(file)).rejects.toThrow(
      /^config .*policy\.json: policy\.revocation: Invalid option: expected one of "introspection"\|"none"; fix that value/,
    );
  });

  it('names the profiles after what they check, and still takes their old names', async () => {
    const base = { target: 'http://a', endpoints: ['GET /x'] };
    expect((await resolveConfig({}, { ...base, profile: 'audit-codes' })).profile.name).toBe('audit-codes');
    expect((await resolveConfig({}, { ...base, profile: 'seed002' })).profile.name).toBe('audit-codes');
    expect((await resolveConfig({}, { ...base, profile: 'gateway-seed001' })).profile.name).toBe('gateway-messages');
    await expect(resolveConfig({}, { ...base, profile: 'strictest' })).rejects.toThrow(
      /\(rfc6750, lenient, audit-codes, gateway-messages, mcp\)/,
    );
  });

  it('refuses an unknown profile name with the known ones', async () => {
    await expect(resolveConfig({}, { target: 'http://a', endpoints: ['GET /x'], profile: 'strictest' })).rejects.toThrow(
      /neither a built-in profile \(rfc6750, lenient/,
    );
  });
});

describe('targets, tagged by kind', () => {
  const app = () => (_req: unknown, res: { end(): void }) => res.end();
  const start = async () => ({ url: 'http://127.0.0.1:1' });
  const endpoints = ['GET /x'];

  it('reads every shape a target was written in before into the tagged one', async () => {
    const kinds = await Promise.all(
      [{ target: 'http://a' }, { target: { url: 'http://a' } }, { target: { app } }, { target: { start } }].map(
        async (c) => (await resolveConfig({ ...c, endpoints }, {})).target,
      ),
    );
    expect(kinds).toEqual([
      { kind: 'url', url: 'http://a' },
      { kind: 'url', url: 'http://a' },
      { kind: 'app', app },
      { kind: 'start', start },
    ]);
  });

  it('takes the tagged shapes as written', async () => {
    for (const target of [
      { kind: 'url', url: 'http://a' },
      { kind: 'app', app },
      { kind: 'start', start },
    ] as const) {
      expect((await resolveConfig({ target, endpoints }, {})).target).toEqual(target);
    }
  });

  it('loads an old-shape config file and runs with the tagged target', async () => {
    const file = join(dir, 'old-shape.config.ts');
    writeFileSync(file, "export default { target: { start: async () => ({ url: 'http://127.0.0.1:9' }) }, endpoints: ['GET /a'] };\n");
    const { config } = await loadConfigFile(file);
    const resolved = await resolveConfig(config, {});
    expect(resolved.target.kind).toBe('start');
  });

  it.each([
    [{ kind: 'url', url: 'not a url' }, /^config: target\.url: Invalid URL; fix that value/],
    [{ kind: 'app', app: 42 }, /^config: target\.app: expected a function; fix that value/],
    [{ kind: 'ftp', url: 'http://a' }, /^config: target/],
    [{ app, start }, /^config: target/],
  ])('refuses the target %j in one line', async (target, line) => {
    await expect(resolveConfig({}, { target: target as never, endpoints })).rejects.toThrow(line);
  });
});

describe('flags and programmatic configs go through the same schema', () => {
  it('refuses a bad flag value as a bad file value is refused', async () => {
    await expect(resolveConfig({ target: 'http://a', endpoints: ['GET /x'] }, { timeout: -1 })).rejects.toThrow(
      /^config: timeout: .*; fix that value/,
    );
    await expect(resolveConfig({}, { target: 'http://a', endpoints: ['GET /x'], idp: { algs: ['HS256' as never] } })).rejects.toThrow(
      /^config: idp\.algs\[0\]: expected one of RS256/,
    );
  });
});

describe('did you mean', () => {
  it('suggests the nearest key within two edits, one for short keys, and nothing further away', () => {
    const known = ['endpoints', 'timeout', 'maxBody', 'runs', 'seed', 'out'];
    expect(didYouMean('endpoint', known)).toBe('endpoints');
    expect(didYouMean('timout', known)).toBe('timeout');
    expect(didYouMean('maxbody', known)).toBe('maxBody');
    expect(didYouMean('run', known)).toBe('runs');
    expect(didYouMean('sed', known)).toBe('seed');
    expect(didYouMean('xyz', known)).toBeUndefined();
    expect(didYouMean('colour', known)).toBeUndefined();
    expect(didYouMean('prot', ['port', 'host'])).toBe('port');
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('prot', 'port')).toBe(1);
  });
});

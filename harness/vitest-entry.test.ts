/**
 * `token-gauntlet/vitest` seen from a user's suite: a child vitest runs harness/fixtures/vitest-entry/,
 * whose one file calls gauntlet(); we read the child's JSON results. One test per scenario × endpoint,
 * skipped where the scenario does not apply, plus one for the property cases.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('./fixtures/vitest-entry/', import.meta.url));
const vitestBin = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));

interface Assertion {
  title: string;
  status: 'passed' | 'failed' | 'skipped' | 'pending';
  failureMessages: string[];
}

function runSuite(env: Record<string, string> = {}): { status: number | null; tests: Assertion[] } {
  const r = spawnSync(process.execPath, [vitestBin, 'run', '--root', root, '--config', 'vitest.config.ts'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ...env, NO_COLOR: '1' },
  });
  const json = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { testResults: { assertionResults: Assertion[] }[] };
  return { status: r.status, tests: json.testResults.flatMap((f) => f.assertionResults) };
}

const byStatus = (tests: Assertion[], status: Assertion['status']): string[] =>
  tests
    .filter((t) => t.status === status)
    .map((t) => t.title.split(':')[0]!)
    .sort();

describe('the vitest entry in a user suite', () => {
  it("passes on the reference API: a test per scenario and endpoint, the scope-less endpoint skipped, the user's own scenario, and the property cases", () => {
    const { status, tests } = runSuite();
    expect(byStatus(tests, 'failed')).toEqual([]);
    expect(byStatus(tests, 'passed')).toEqual(
      [
        'alg-none on GET /admin',
        'alg-none on GET /orders',
        'aud-empty on GET /admin',
        'aud-empty on GET /orders',
        'expired on GET /admin',
        'expired on GET /orders',
        'no-credentials on GET /admin',
        'no-credentials on GET /orders',
        'property cases on every endpoint',
        'scope-missing on GET /admin',
      ].sort(),
    );
    expect(byStatus(tests, 'skipped')).toEqual(['scope-missing on GET /orders']);
    expect(status).toBe(0);
  }, 150_000);

  it('fails exactly the expired tests, as critical with the curl and the fix, when the API skips its exp check', () => {
    const { status, tests } = runSuite({ GAUNTLET_FIXTURE_FLAW: 'no-exp' });
    const failed = tests.filter((t) => t.status === 'failed');
    expect(failed.map((t) => t.title.split(':')[0]).sort()).toEqual([
      'expired on GET /admin',
      'expired on GET /orders',
      'property cases on every endpoint',
    ]);
    const expired = failed.find((t) => t.title.startsWith('expired on GET /orders'))!;
    expect(expired.failureMessages[0]).toMatch(
      /^Error: critical: accepted a token it must reject: expected 401 invalid_token, got 200\nReproduce with: curl -i -X GET /,
    );
    expect(expired.failureMessages[0]).toContain('Fix: Reject tokens whose exp');
    expect(failed.find((t) => t.title.startsWith('property'))!.failureMessages[0]).toMatch(/seed -?\d+, path [\d:]+\): .*exp/);
    expect(status).toBe(1);
  }, 150_000);
});

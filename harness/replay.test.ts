import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { freePort } from '../mocks/targets/loopback.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../mocks/idp/clock.ts';
import { KeySet } from '../mocks/idp/keys.ts';
import { startReferenceApi, type RunningReferenceApi } from '../mocks/targets/reference/app.ts';
import type { ReferenceOptions } from '../mocks/targets/reference/options.ts';
import { main } from './cli.ts';
import { captureOut } from './cli/out.ts';
import { startExpNumericString } from './properties/fixtures/exp-numeric-string.ts';
import { startExpLeewayOffByOne } from './properties/fixtures/exp-leeway-off-by-one.ts';
import type { Report } from './report.ts';
import { readReport } from './report/read.ts';

const AUDIENCE = 'https://orders.gauntlet.test';
const ENDPOINTS = ['--endpoint', 'GET /orders', '--endpoint', 'GET /admin admin'];

const capture = captureOut;

type Start = (options: ReferenceOptions) => Promise<RunningReferenceApi>;

/**
 * A target that trusts the IdP `gauntlet run --idp-port` starts, as a user's API would. It validates
 * locally only: introspection would call an expired token inactive and hide the exp flaws under test.
 */
function trusting(start: Start, port: number): Promise<RunningReferenceApi> {
  return start({ issuer: `http://127.0.0.1:${port}`, audience: AUDIENCE });
}

describe('gauntlet replay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-replay-'));
  const keys = join(dir, 'keys.json');
  let port: number;
  const idp = () => ['--idp-port', String(port), '--keys', keys, '--audience', AUDIENCE];

  let numericLines: string[] = [];

  async function runAgainst(start: Start, out: string, extra: string[]): Promise<Report> {
    const api = await trusting(start, port);
    const lines = capture();
    try {
      const code = await main(['run', '--target', api.url, ...idp(), ...ENDPOINTS, '--out', out, ...extra], lines);
      numericLines = lines.lines;
      expect(code).toBe(1);
    } finally {
      await api.close();
    }
    return readReport(join(out, 'report.json'));
  }

  async function replayAgainst(
    start: Start,
    report: string,
    extra: string[] = [],
  ): Promise<{ code: number; out: ReturnType<typeof capture> }> {
    const api = await trusting(start, port);
    const out = capture();
    try {
      // The endpoints as run: a report names endpoints without their scopes, and replay recovers them
      // only from a failing property of that endpoint, which a seeded run need not have on both.
      const code = await main(['replay', report, '--target', api.url, ...idp(), ...ENDPOINTS, ...extra], out);
      return { code, out };
    } finally {
      await api.close();
    }
  }

  let numericReport: string;
  let runLines: string[] = [];
  let leewayReport: string;

  beforeAll(async () => {
    port = await freePort();
    await KeySet.loadOrCreate(keys, ['RS256', 'PS256', 'ES256', 'EdDSA'], systemClock.now());
    numericReport = join(dir, 'numeric');
    leewayReport = join(dir, 'leeway');
    const numeric = await runAgainst(startExpNumericString, numericReport, ['--only', 'exp-type,expired', '--runs', '300', '--seed', '1']);
    runLines = numericLines;
    expect(numeric.results.filter((r) => r.verdict === 'fail').map((r) => r.scenario)).toEqual(['exp-type', 'exp-type']);
    expect(numeric.properties.some((p) => p.verdict === 'fail')).toBe(true);
    const leeway = await runAgainst(startExpLeewayOffByOne, leewayReport, [
      '--only',
      'expired',
      '--runs',
      '300',
      '--seed',
      '1',
      '--leeway',
      '60',
      '--max-lifetime',
      '7200',
    ]);
    expect(leeway.properties.flatMap((p) => (p.verdict === 'fail' ? [p.counterexample.case] : []))).toContain('exp = now − leeway + 0 s');
  }, 120_000);

  it('printed a live line per fixed case and per property while running, the failing property naming its case', () => {
    expect(runLines.filter((l) => /^FAIL exp-type GET \//.test(l))).toHaveLength(2);
    const props = runLines.filter((l) => / property /.test(l));
    expect(props.length).toBeGreaterThanOrEqual(2);
    expect(props.some((l) => /^FAIL property claim-types GET \/\S+ \[critical\] - .*exp numeric-string/.test(l))).toBe(true);
    expect(props.some((l) => /^PASS property \S+ GET \/\S+ \(\d+ cases\)$/.test(l))).toBe(true);
    expect(runLines.some((l) => l.includes('\x1b['))).toBe(false);
  });

  it('marks every failing fixed case and counterexample STILL FAILING while the target is unchanged, and exits 1', async () => {
    const { code, out } = await replayAgainst(startExpNumericString, join(numericReport, 'report.json'));
    const marks = out.lines.filter((l) => /^(FIXED|STILL FAILING|NOT REPLAYED)/.test(l));
    expect(marks.filter((l) => l.startsWith('STILL FAILING  exp-type on GET /'))).toHaveLength(2);
    expect(marks.some((l) => l.startsWith('STILL FAILING  property claim-types on GET /') && l.includes('exp numeric-string'))).toBe(true);
    expect(marks.every((l) => l.startsWith('STILL FAILING'))).toBe(true);
    expect(out.lines.some((l) => l.includes('Reproduce with: curl -i -X GET'))).toBe(true);
    expect(code).toBe(1);
  }, 60_000);

  it('marks them all FIXED against the reference twin, and exits 0', async () => {
    const { code, out } = await replayAgainst(startReferenceApi, join(numericReport, 'report.json'));
    const marks = out.lines.filter((l) => /^(FIXED|STILL FAILING|NOT REPLAYED)/.test(l));
    expect(marks.length).toBeGreaterThanOrEqual(3);
    expect(marks.every((l) => l.startsWith('FIXED'))).toBe(true);
    expect(out.lines.at(-1)).toMatch(/^replay: \d+ fixed, 0 still failing, 0 not replayed/);
    expect(code).toBe(0);
  }, 60_000);

  it('mints a time counterexample again relative to the replay clock: the leeway flaw still fails, its fix passes', async () => {
    const file = join(leewayReport, 'report.json');
    const report = readReport(file);
    // The recorded token expired long ago (exp = now − leeway at the run): re-sent as is, any API would refuse it.
    const failed = report.properties.find((p) => p.verdict === 'fail');
    if (failed?.verdict !== 'fail') throw new Error('the leeway run recorded no failed property');
    const recorded = failed.counterexample;
    expect(recorded.claims.exp).toBeLessThanOrEqual(systemClock.now() - 60);
    const still = await replayAgainst(startExpLeewayOffByOne, file);
    expect(still.code).toBe(1);
    const fixed = await replayAgainst(startReferenceApi, file);
    expect(fixed.code).toBe(0);
  }, 60_000);

  it('exits 0 with nothing to replay when the report has no failure', async () => {
    const report = readReport(join(numericReport, 'report.json'));
    const clean = join(dir, 'clean.json');
    writeFileSync(clean, JSON.stringify({ ...report, results: report.results.filter((r) => r.verdict === 'pass'), properties: [] }));
    const out = capture();
    expect(await main(['replay', clean], out)).toBe(0);
    expect(out.lines).toEqual([`nothing to replay: ${clean} records no failing case`]);
  });

  it('exits 2 with one line when it cannot replay: no such file, not a report, target down', async () => {
    const missing = capture();
    expect(await main(['replay', join(dir, 'nope.json')], missing)).toBe(2);
    expect(missing.errors).toEqual([expect.stringMatching(/^gauntlet: cannot read .*nope\.json: no such file; pass the report\.json/)]);

    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"hello": 1}');
    const notReport = capture();
    expect(await main(['replay', junk], notReport)).toBe(2);
    expect(notReport.errors[0]).toMatch(
      /^gauntlet: .*junk\.json is not a token-gauntlet report \(schemaVersion: missing \(and \d+ more\)\); pass the report\.json/,
    );

    // A hand-edited counterexample replay could not mint: refused before anything is sent, naming the field.
    const edited = JSON.parse(readFileSync(join(numericReport, 'report.json'), 'utf8'));
    const at = edited.properties.findIndex((p: { verdict: string }) => p.verdict === 'fail');
    edited.properties[at].distinctFailures[0].counterexample.mutations[0].kind = 'teleport';
    const editedFile = join(dir, 'edited.json');
    writeFileSync(editedFile, JSON.stringify(edited));
    const badCase = capture();
    expect(await main(['replay', editedFile], badCase)).toBe(2);
    expect(badCase.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `is not a token-gauntlet report \\(properties\\[${at}\\]\\.distinctFailures\\[0\\]\\.counterexample\\.mutations\\[0\\]\\.kind: `,
        ),
      ),
    ]);

    const down = capture();
    const closed = await freePort();
    expect(await main(['replay', join(numericReport, 'report.json'), '--target', `http://127.0.0.1:${closed}`, ...idp()], down)).toBe(2);
    expect(down.errors[0]).toMatch(/^gauntlet: cannot reach the target at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  }, 30_000);
});

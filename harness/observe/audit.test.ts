import { appendFile, mkdtemp } from 'node:fs/promises';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveOnLoopback as listen } from '../../mocks/targets/loopback.ts';
import { catalogue } from '../../scenarios/catalogue.ts';
import { rfc6750, type Profile } from '../../scenarios/profiles/index.ts';
import { resolveConfig, validateUserConfig, type TargetSpec } from '../config.ts';
import type { TargetEnv } from '../core/target-env.ts';
import type { ResultRow } from '../report.ts';
import { run } from '../run.ts';
import { describeAuditSource, type AuditSource } from './audit.ts';

/** rfc6750, and the expired token must be recorded as TokenExpired (or AccessTokenExpired). */
const AUDITED: Profile = { ...rfc6750, name: 'audited', useScenarioAuditCodes: true };
const EXPIRED = catalogue.filter((s) => s.id === 'expired');

/** What the fake API knows about one refused request, for writing its audit record somewhere. */
interface Refusal {
  requestId: string;
  jti: string;
}

/**
 * An API that refuses expired tokens and serves the rest, recording each refusal its own way. It reads
 * exp without verifying the signature: these tests are about where the audit code is found, and the
 * only tokens it sees are the harness's baseline and its expired copy.
 */
function fakeApi(record: (refusal: Refusal) => unknown, answer: (res: ServerResponse) => void = refuse): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}') as { exp?: number; jti?: string };
    if ((claims.exp ?? 0) > Date.now() / 1000) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    answer(res);
    // A record posted after the run has ended (and its in-process IdP is gone) has nowhere to go; like a
    // real API's fire-and-forget audit call, its failure must not outlive the request.
    Promise.resolve(record({ requestId: String(req.headers['x-request-id']), jti: String(claims.jti) })).catch(() => {});
  };
}

function refuse(res: ServerResponse, extra: Record<string, string> = {}, body = '{"error":"invalid_token"}'): void {
  res
    .writeHead(401, { 'www-authenticate': 'Bearer realm="api", error="invalid_token"', 'content-type': 'application/json', ...extra })
    .end(body);
}

/** POST one audit event to the IdP the run started (over msw in process, a real port otherwise). */
function postToSink(env: TargetEnv, event: Record<string, unknown>): Promise<unknown> {
  return fetch(`${env.issuer}/_gauntlet/audit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(event),
  });
}

async function runExpired(target: TargetSpec, audit: AuditSource): Promise<ResultRow> {
  const config = await resolveConfig(
    {},
    { target, audit, audience: 'https://api.gauntlet.test', endpoints: ['GET /orders'], profile: AUDITED },
  );
  const report = await run(config, EXPIRED);
  expect(report.results).toHaveLength(1);
  return report.results[0]!;
}

const later = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('the audit code', () => {
  it('is read from a JSON body path', async () => {
    const app = fakeApi(
      () => {},
      (res) => refuse(res, {}, '{"error":{"code":"TokenExpired"}}'),
    );
    const row = await runExpired({ app: () => app }, { body: 'error.code' });
    expect(row.failures).toEqual([]);
    expect(row.observed?.auditCode).toBe('TokenExpired');
  });

  it('is read from a response header, whatever its case', async () => {
    const app = fakeApi(
      () => {},
      (res) => refuse(res, { 'X-Audit-Code': 'AccessTokenExpired' }),
    );
    const row = await runExpired({ app: () => app }, { header: 'X-Audit-Code' });
    expect(row.verdict).toBe('pass');
    expect(row.observed?.auditCode).toBe('AccessTokenExpired');
  });

  it('fails as minor, saying where it looked, when the code is not there', async () => {
    const row = await runExpired({ app: () => fakeApi(() => {}) }, { body: 'code', header: 'x-audit-code' });
    expect(row.verdict).toBe('fail');
    expect(row.severity).toBe('minor');
    expect(row.failures).toEqual([
      'expected audit code TokenExpired or AccessTokenExpired, found none (looked in body.code, header x-audit-code)',
    ]);
  });

  describe('from a JSON-lines log written 200 ms after the answer', () => {
    const lateLine = (file: string) =>
      fakeApi(async ({ requestId, jti }) => {
        await later(200);
        await appendFile(file, `${JSON.stringify({ requestId, jti, code: 'TokenExpired' })}\n`);
      });

    it('is found by request id when the harness waits long enough', async () => {
      const file = join(await mkdtemp(join(tmpdir(), 'audit-log-')), 'audit.jsonl');
      const api = await listen(lateLine(file));
      try {
        const row = await runExpired({ url: api.url }, { logFile: file, waitMs: 1500 });
        expect(row.failures).toEqual([]);
        expect(row.observed?.auditCode).toBe('TokenExpired');
      } finally {
        await api.close();
      }
    });

    it('is missed when the wait is shorter than the delay', async () => {
      const file = join(await mkdtemp(join(tmpdir(), 'audit-log-')), 'audit.jsonl');
      const row = await runExpired({ app: () => lateLine(file) }, { logFile: file, waitMs: 50 });
      expect(row.failures).toEqual([`expected audit code TokenExpired or AccessTokenExpired, found none (looked in log ${file})`]);
    });
  });

  describe('from the IdP audit sink', () => {
    it('is found by request id for an in-process app that posts after answering', async () => {
      const row = await runExpired(
        { app: (env) => fakeApi(async ({ requestId }) => later(100).then(() => postToSink(env, { requestId, code: 'TokenExpired' }))) },
        { sink: true },
      );
      expect(row.failures).toEqual([]);
      expect(row.observed?.auditCode).toBe('TokenExpired');
    });

    it('is found by jti in a field of your choice for an API on a real port', async () => {
      let api: Awaited<ReturnType<typeof listen>> | undefined;
      const target: TargetSpec = {
        start: async (env) =>
          (api = await listen(fakeApi(({ jti }) => postToSink(env, { jti, outcome: 'AccessTokenExpired', code: 'Wrong' })))),
      };
      const row = await runExpired(target, { sink: true, sinkField: 'outcome', correlate: 'jti' });
      expect(api).toBeDefined();
      expect(row.failures).toEqual([]);
      expect(row.observed?.auditCode).toBe('AccessTokenExpired');
    });

    it('ignores the events of other requests', async () => {
      const row = await runExpired(
        { app: (env) => fakeApi(() => postToSink(env, { requestId: 'someone-else', code: 'TokenExpired' })) },
        { sink: true, waitMs: 100 },
      );
      expect(row.failures).toEqual([
        'expected audit code TokenExpired or AccessTokenExpired, found none (looked in the IdP audit sink (POST /_gauntlet/audit))',
      ]);
    });
  });
});

describe('the audit config', () => {
  it('takes sink, sinkField and requestIdField', () => {
    const config = validateUserConfig({ audit: { sink: true, sinkField: 'result', requestIdField: 'rid' } }, 'config x');
    expect(config.audit).toEqual({ sink: true, sinkField: 'result', requestIdField: 'rid' });
    expect(describeAuditSource(config.audit!)).toBe('the IdP audit sink (POST /_gauntlet/audit)');
  });

  it('refuses a sink that is not a boolean in one line', () => {
    expect(() => validateUserConfig({ audit: { sink: 'yes' } }, 'config x')).toThrow(/^config x: audit\.sink: .*; fix that value/);
  });
});

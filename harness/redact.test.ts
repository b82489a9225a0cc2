/**
 * Redaction that holds: with --redact-tokens no token the harness sent appears in any output, whatever
 * the target echoed; without it, no token that may still be valid is written in full. The end-to-end
 * cases run the CLI against a target that echoes every token it receives in every answer
 * (test-support/echo-tokens.ts), collect what it received, and look for each token in every file
 * and every line the run wrote.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { ForgedToken } from '../mocks/idp/mint.ts';
import { main } from './cli.ts';
import { captureOut } from './cli/out.ts';
import type { RecordedToken } from '../test-support/echo-tokens.ts';
import { buildProbe } from './probe.ts';
import { DEFAULT_LOCATION } from './core/token-location.ts';
import { Redactor } from './redact.ts';
import { readReport } from '../reports/validate.ts';

const NOW = 1_700_000_000;
const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: Record<string, unknown>, sig = 'S1gnatureS1gnatureS1gnature-_0123456789abcdef'): string =>
  `${b64({ alg: 'ES256', kid: 'k1' })}.${b64(claims)}.${sig}`;
const forged = (token: string, claims: Record<string, unknown>, signedBy = 'k1'): ForgedToken => ({ token, header: {}, claims, signedBy });

function redactor(all: boolean): Redactor {
  return new Redactor({ all, now: () => NOW, isIdpKey: (kid) => kid === 'k1' });
}

function sent(r: Redactor, scenario: string, token: string, where: 'header' | 'query' = 'header'): void {
  const endpoint = { method: 'GET', path: '/orders', scopes: [] };
  const spec =
    where === 'header'
      ? { credential: { kind: 'token' as const, token } }
      : { credential: { kind: 'none' as const }, query: { access_token: token } };
  r.send(buildProbe(scenario, spec, endpoint, [], { location: DEFAULT_LOCATION, requestIdHeader: 'x-request-id' }));
}

/** The heap in use after two full collections: what a redactor keeps, without garbage waiting to be collected. */
function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('the redactor', () => {
  const expired = jwt({ exp: NOW - 3600 }, 'ExpiredSignatureExpiredSignature-xyz');
  const valid = jwt({ exp: NOW + 300 });

  it('names every token sent with --redact-tokens, whole or only its signature echoed, in any text', () => {
    const r = redactor(true);
    r.mint(forged(expired, { exp: NOW - 3600 }));
    sent(r, 'expired', expired);
    sent(r, 'query-token', valid, 'query');
    const sig = expired.split('.')[2]!;
    expect(r.text(`invalid token: ${expired}.`)).toBe('invalid token: <token:expired>.');
    expect(r.text(`{"echo":["${valid}"]}`)).toBe('{"echo":["<token:query-token>"]}');
    expect(r.text(`signature ${sig} refused`)).toBe('signature <token:expired> refused');
    expect(r.text(`curl -i -X GET 'http://127.0.0.1:1/orders?access_token=${valid}'`)).toBe(
      `curl -i -X GET 'http://127.0.0.1:1/orders?access_token=<token:query-token>'`,
    );
    expect(r.text('nothing sent here, not even eyJhbGciOiJFUzI1NiJ9')).toBe('nothing sent here, not even eyJhbGciOiJFUzI1NiJ9');
  });

  it('keeps what it needs of each request, not the request: 400 probes with 64 KB headers cost it kilobytes', () => {
    // A needle cut from a request (a slice) would hold the whole header, and the minted list the whole
    // token, for the rest of the run: 400 × 64 KB is 25 MB. Copies of the signatures are a few dozen kB.
    const r = redactor(false);
    const endpoint = { method: 'GET', path: '/orders', scopes: [] };
    const before = heapAfterGc();
    for (let i = 0; i < 400; i++) {
      const sig = `${String(i).padStart(8, '0')}SignatureOfCase-${'x'.repeat(300)}`;
      const token = jwt({ exp: NOW + 300, n: i }, sig);
      r.mint(forged(token, { exp: NOW + 300 }));
      // A fresh 64 KB header per probe, with the token at its end (flattened, as a received header would be).
      const padding = `${i}`.padEnd(64 * 1024, ' ');
      const header = JSON.parse(JSON.stringify(`${padding} ${token}`)) as string;
      r.send(
        buildProbe('property', { credential: { kind: 'none' }, headers: { 'x-padded': header } }, endpoint, [], {
          location: DEFAULT_LOCATION,
          requestIdHeader: 'x-request-id',
        }),
      );
    }
    const grown = heapAfterGc() - before;
    expect(r.text(`echo ${jwt({ exp: NOW + 300, n: 7 }, `${String(7).padStart(8, '0')}SignatureOfCase-${'x'.repeat(300)}`)}`)).toMatch(
      /^echo eyJ.{21}…<valid token:property#8>$/,
    );
    expect(grown).toBeLessThan(4 * 1024 * 1024);
  });

  it('keeps a short key per token sent, not its signature: 10,000 RS256-sized property cases cost under 300 bytes each', () => {
    // The property phase sends one token per case (10,000 per endpoint): each signature kept whole (342
    // characters for RS256) with its prefix index and label cost about 700 bytes, 14 MB over a run.
    const r = redactor(false);
    const N = 10_000;
    const sigOf = (i: number): string => `${String(i).padStart(8, '0')}-RS256-sized-signature-${'q'.repeat(310)}`;
    const before = heapAfterGc();
    for (let i = 0; i < N; i++) {
      const token = jwt({ exp: NOW + 300, n: i }, sigOf(i));
      r.mint(forged(token, { exp: NOW + 300 }));
      sent(r, 'property', token);
    }
    const perToken = (heapAfterGc() - before) / N;
    // Measured: about 175 bytes (a 32-character key, its entry); kept whole, about 700.
    expect(perToken).toBeLessThan(300);
    // Every one still found, whole or cut inside its signature (a body excerpt clipped mid-token).
    const seventh = jwt({ exp: NOW + 300, n: 7 }, sigOf(7));
    expect(r.text(`echo ${seventh}`)).toMatch(/^echo eyJ.{21}…<valid token:property#8>$/);
    expect(r.text(`cut ${seventh.slice(0, seventh.lastIndexOf('.') + 40)}`)).toMatch(/^cut eyJ.{21}…<valid token:property#8>$/);
  });

  it("gives a scenario's second token its own stable name", () => {
    const r = redactor(true);
    const other = jwt({ exp: 1 }, 'AnotherSignatureAnotherSignature-42');
    sent(r, 'exp-type', expired);
    sent(r, 'exp-type', other);
    sent(r, 'exp-type', expired);
    expect(r.text(`${other} ${expired}`)).toBe('<token:exp-type#2> <token:exp-type>');
  });

  it('without the flag clips only the tokens that may still be valid (signed by the IdP, not expired)', () => {
    const r = redactor(false);
    const foreign = jwt({ exp: NOW + 300 }, 'ForeignKeySignatureForeignKeySig-99');
    for (const [t, signedBy] of [
      [expired, 'k1'],
      [valid, 'k1'],
      [foreign, 'foreign'],
    ] as const)
      r.mint(forged(t, JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()), signedBy));
    sent(r, 'expired', expired);
    sent(r, 'query-token', valid, 'query');
    sent(r, 'foreign-key', foreign);
    expect(r.text(`a ${expired} b`)).toBe(`a ${expired} b`);
    expect(r.text(`a ${foreign} b`)).toBe(`a ${foreign} b`);
    const clipped = r.text(`a ${valid} b`);
    expect(clipped).not.toContain(valid);
    expect(clipped).toBe(`a ${valid.slice(0, 24)}…<valid token:query-token> b`);
  });

  it('leaves a token-less report part and short values alone, and drops token values with the flag', () => {
    const r = redactor(true);
    sent(r, 'expired', expired);
    const row = r.row({
      scenario: 'expired',
      title: 't',
      endpoint: 'GET /orders',
      category: 'time',
      severity: null,
      refs: [],
      verdict: 'pass',
      expected: { classes: ['IT'], status: [401], error: null, message: null, auditCode: null },
      observed: {
        status: 401,
        wwwAuthenticate: ['Bearer error="invalid_token"'],
        body: `{"e":"${expired}"}`,
        auditCode: null,
        durationMs: 1,
      },
      failures: [],
      findings: [],
      reproduce: `curl -H 'authorization: Bearer ${expired}'`,
      resolution: 'r',
      token: { header: { alg: 'ES256' }, claims: { exp: NOW - 3600 }, value: expired },
      variants: [],
    });
    expect(row.token).toEqual({ header: { alg: 'ES256' }, claims: { exp: NOW - 3600 } });
    expect(row.observed!.body).toBe('{"e":"<token:expired>"}');
    expect(row.reproduce).toBe(`curl -H 'authorization: Bearer <token:expired>'`);
    expect(row.observed!.wwwAuthenticate).toEqual(['Bearer error="invalid_token"']);
  });
});

const echoTarget = fileURLToPath(new URL('../test-support/echo-tokens.ts', import.meta.url));
const OUTPUTS = ['report.json', 'junit.xml', 'summary.md', 'report.html'];

/** One run against the echoing target: every output as text, and the tokens it received. */
async function echoRun(extra: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-redact-'));
  const record = join(dir, 'received.jsonl');
  writeFileSync(record, '');
  writeFileSync(
    join(dir, 'gauntlet.config.ts'),
    `import { serveEchoingTokens } from ${JSON.stringify(echoTarget)};
export default {
  target: { start: (env) => serveEchoingTokens(env, ${JSON.stringify(record)}) },
  endpoints: ['GET /orders', 'GET /admin admin'],
  policy: { leeway: 60, maxLifetime: 7200, revocation: 'none' },
  timeout: 3000,
  runs: 40,
  seed: 7,
};
`,
  );
  const out = captureOut();
  const code = await main(['run', '--config', join(dir, 'gauntlet.config.ts'), '--out', join(dir, 'out'), ...extra], out);
  const received = readFileSync(record, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as RecordedToken);
  const texts: Record<string, string> = { stdout: out.lines.join('\n'), stderr: out.errors.join('\n') };
  for (const f of OUTPUTS) texts[f] = readFileSync(join(dir, 'out', f), 'utf8');
  // Markdown escapes _ and other characters a token may hold: look in its unescaped text too.
  texts['summary.md (unescaped)'] = texts['summary.md']!.replace(/\\(.)/g, '$1');
  return { code, out, texts, received, report: readReport(join(dir, 'out', 'report.json')) };
}

/** Where each token appears whole (or its signature alone), as "file: token…". */
function leaks(texts: Record<string, string>, tokens: string[]): string[] {
  const found: string[] = [];
  for (const token of tokens) {
    // The last part: a JWS's signature, a JWE's authentication tag (its third part is only the IV).
    const sig = token.slice(token.lastIndexOf('.') + 1);
    for (const [file, text] of Object.entries(texts)) {
      const at = text.includes(token) ? text.indexOf(token) : sig.length >= 16 ? text.indexOf(sig) : -1;
      if (at >= 0) found.push(`${file}: …${text.slice(Math.max(0, at - 60), at + 20)}…`);
    }
  }
  return found;
}

describe('a run against a target that echoes every token it receives', () => {
  it('with --redact-tokens, writes none of them anywhere: reports, curl lines, counterexamples, stdout', async () => {
    const { code, texts, received, report } = await echoRun(['--redact-tokens']);
    expect(code).toBe(1);
    const tokens = [...new Set(received.map((r) => r.token))];
    // The target did echo them: every answer body carries the tokens of its request.
    expect(tokens.length).toBeGreaterThan(100);
    expect(report.results.some((r) => r.observed?.body.includes('"echo":["<token:'))).toBe(true);
    expect(leaks(texts, tokens)).toEqual([]);
    // Named, not dropped: the curl lines still say which token went where.
    const query = report.results.find((r) => r.scenario === 'query-token')!;
    expect(query.reproduce).toMatch(/\?access_token=<token:query-token(#\d+)?>/);
    const property = report.properties.find((p) => p.verdict === 'fail')!;
    expect(property.reproduce).toMatch(/Bearer <token:property#\d+>/);
    expect(property.counterexample).not.toHaveProperty('token');
    expect(report.results.every((r) => r.token === null || r.token.value === undefined)).toBe(true);
  }, 120_000);

  it('without the flag, writes no token that may still be valid in full, and the others as they were sent', async () => {
    const { texts, received, report } = await echoRun([]);
    const valid = [...new Set(received.filter((r) => r.valid).map((r) => r.token))];
    const invalid = [...new Set(received.filter((r) => !r.valid).map((r) => r.token))];
    // The baseline, the measurement's valid probes, query-token's token and the valid property cases.
    expect(valid.length).toBeGreaterThan(10);
    expect(leaks(texts, valid)).toEqual([]);
    expect(report.results.find((r) => r.scenario === 'query-token')!.reproduce).toMatch(
      /\?access_token=eyJ[\w-]+…<valid token:query-token(#\d+)?>/,
    );
    // An expired token is no secret: shown in full, so a user can replay it.
    const expiredRow = report.results.find((r) => r.scenario === 'expired' && r.endpoint === 'GET /orders')!;
    expect(invalid).toContain(expiredRow.token!.value);
    expect(leaks(texts, invalid).length).toBeGreaterThan(0);
  }, 120_000);
});

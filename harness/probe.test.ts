import { describe, expect, it } from 'vitest';
import { buildProbe } from './probe.ts';
import { DEFAULT_LOCATION } from './core/token-location.ts';
import { curlFor } from './reproduce.ts';
import { parseEndpoint } from './endpoint.ts';
import { HarnessError } from './core/errors.ts';

const endpoint = parseEndpoint('GET /orders?limit=1 read');
const place = (location = DEFAULT_LOCATION) => ({ location, requestIdHeader: 'x-request-id' });

describe('placing the token', () => {
  it('puts it in the Authorization header as a Bearer credential by default', () => {
    const p = buildProbe('s', { credential: { kind: 'token', token: 'abc.def.ghi' } }, endpoint, ['IT'], place());
    expect(p.headers).toContainEqual(['authorization', 'Bearer abc.def.ghi']);
  });

  it('puts it in a named header without a scheme', () => {
    const p = buildProbe(
      's',
      { credential: { kind: 'token', token: 't' } },
      endpoint,
      ['IT'],
      place({ in: 'header', name: 'access_token' }),
    );
    expect(p.headers).toContainEqual(['access_token', 't']);
  });

  it('puts it in a cookie, the query or a form body', () => {
    const cookie = buildProbe('s', { credential: { kind: 'token', token: 't' } }, endpoint, ['IT'], place({ in: 'cookie', name: 'at' }));
    expect(cookie.headers).toContainEqual(['cookie', 'at=t']);
    const query = buildProbe(
      's',
      { credential: { kind: 'token', token: 't' } },
      endpoint,
      ['IT'],
      place({ in: 'query', name: 'access_token' }),
    );
    expect(query.path).toBe('/orders?limit=1&access_token=t');
    const form = buildProbe(
      's',
      { credential: { kind: 'token', token: 't' } },
      endpoint,
      ['IT'],
      place({ in: 'form', name: 'access_token' }),
    );
    expect(form.body).toBe('access_token=t');
    expect(form.headers).toContainEqual(['content-type', 'application/x-www-form-urlencoded']);
  });

  it('sends a request id so audit log lines can be matched', () => {
    const p = buildProbe('s', { credential: { kind: 'none' } }, endpoint, ['NC'], place());
    expect(p.headers.find(([n]) => n === 'x-request-id')?.[1]).toBe(p.requestId);
  });
});

describe('endpoints', () => {
  it('parses method, path and scopes', () => {
    expect(parseEndpoint('get /admin admin write')).toEqual({ method: 'GET', path: '/admin', scopes: ['admin', 'write'] });
  });

  it('rejects a spec without a path with a hint', () => {
    expect(() => parseEndpoint('GET')).toThrow(HarnessError);
    expect(() => parseEndpoint('GET')).toThrow(/write it like --endpoint "GET \/orders"/);
  });
});

describe('curl reproduction', () => {
  it('quotes every part so the command can be pasted into a shell', () => {
    const p = buildProbe('s', { credential: { kind: 'authorization', value: "Bearer it's" } }, endpoint, ['IT'], place());
    expect(curlFor(p, 'http://127.0.0.1:8080')).toMatch(
      /^curl -i -X GET 'http:\/\/127\.0\.0\.1:8080\/orders\?limit=1' -H 'authorization: Bearer it'\\''s'/,
    );
  });

  it('hides the token when asked to redact', () => {
    const p = buildProbe('s', { credential: { kind: 'token', token: 'secret.token.value' } }, endpoint, ['IT'], place());
    const curl = curlFor(p, 'http://h', true);
    expect(curl).not.toContain('secret.token.value');
    expect(curl).toContain('Bearer <redacted>');
  });

  it('names the client certificate an mTLS probe presented (own by default on an mTLS run), and none when it presented none', () => {
    const mtls = { ...place(), tokenType: 'mtls' as const };
    const own = buildProbe('s', { credential: { kind: 'token', token: 't' } }, endpoint, ['IT'], mtls);
    expect(own.binding).toEqual({ kind: 'mtls', certificate: 'own' });
    expect(curlFor(own, 'https://h')).toMatch(
      /^curl -i -X GET 'https:\/\/h\/orders\?limit=1' --cert '<the harness'\\''s client certificate>' --key '<the harness'\\''s client key>' -H /,
    );
    const other = buildProbe(
      's',
      { credential: { kind: 'token', token: 't' }, binding: { kind: 'mtls', certificate: 'other' } },
      endpoint,
      ['IT'],
      mtls,
    );
    expect(curlFor(other, 'https://h')).toContain("--cert '<another client'\\''s client certificate>'");
    const none = buildProbe(
      's',
      { credential: { kind: 'token', token: 't' }, binding: { kind: 'mtls', certificate: 'none' } },
      endpoint,
      ['IT'],
      mtls,
    );
    expect(curlFor(none, 'https://h')).not.toContain('--cert');
    expect(curlFor(buildProbe('s', { credential: { kind: 'token', token: 't' } }, endpoint, ['IT'], place()), 'https://h')).not.toContain(
      '--cert',
    );
  });
});

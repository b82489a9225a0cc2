import { describe, expect, it } from 'vitest';
import { resolveConfig } from './config.ts';
import { HarnessError } from './core/errors.ts';
import { buildProbe } from './probe.ts';
import { placeOptions } from './place.ts';

const base = { target: 'http://127.0.0.1:1' };

describe('endpoints with a body and headers, and the DPoP token type', () => {
  it('serialises a JSON body once, with its content type, and every probe carries it', async () => {
    const config = await resolveConfig(
      {
        ...base,
        endpoints: [
          {
            method: 'post',
            path: '/mcp',
            scopes: ['mcp:tools'],
            body: { jsonrpc: '2.0', id: 1, method: 'initialize' },
            headers: { Accept: 'application/json, text/event-stream' },
          },
        ],
      },
      {},
    );
    const [endpoint] = config.endpoints;
    expect(endpoint).toEqual({
      method: 'POST',
      path: '/mcp',
      scopes: ['mcp:tools'],
      body: '{"jsonrpc":"2.0","id":1,"method":"initialize"}',
      headers: { accept: 'application/json, text/event-stream', 'content-type': 'application/json' },
    });
    const probe = buildProbe('s', { credential: { kind: 'token', token: 'abc' } }, endpoint!, ['OK'], placeOptions(config));
    expect(probe).toMatchObject({ method: 'POST', path: '/mcp', body: endpoint!.body });
    expect(probe.headers).toContainEqual(['content-type', 'application/json']);
    expect(probe.headers).toContainEqual(['authorization', 'Bearer abc']);
    // Another path of the API (its metadata) is a bare GET: no body, no endpoint headers.
    const meta = buildProbe(
      's',
      { credential: { kind: 'none' }, path: '/.well-known/oauth-protected-resource/mcp' },
      endpoint!,
      ['OK'],
      placeOptions(config),
    );
    expect(meta).toMatchObject({ method: 'GET', path: '/.well-known/oauth-protected-resource/mcp', body: undefined });
    expect(meta.headers.some(([n]) => n === 'content-type')).toBe(false);
  });

  it('sends tokens with the DPoP scheme and a proof to make when tokenType is dpop', async () => {
    const config = await resolveConfig({ ...base, endpoints: ['GET /orders'], tokenType: 'dpop' }, {});
    expect(config.token).toEqual({ in: 'header', name: 'authorization', scheme: 'DPoP' });
    const probe = buildProbe('s', { credential: { kind: 'token', token: 'abc' } }, config.endpoints[0]!, ['OK'], placeOptions(config));
    expect(probe.headers).toContainEqual(['authorization', 'DPoP abc']);
    expect(probe.binding).toEqual({ kind: 'dpop' });
    const bearer = await resolveConfig({ ...base, endpoints: ['GET /orders'] }, {});
    expect(
      buildProbe('s', { credential: { kind: 'token', token: 'abc' } }, bearer.endpoints[0]!, ['OK'], placeOptions(bearer)).binding,
    ).toBeUndefined();
  });

  it('names the cause and the fix of a mistyped token type in one line', async () => {
    const { validateUserConfig } = await import('./config.ts');
    const attempt = () => validateUserConfig({ tokenType: 'dpopp' }, 'config x');
    expect(attempt).toThrow(HarnessError);
    expect(attempt).toThrow(/^config x: tokenType: .*"bearer".*"dpop".*; fix that value/);
  });
});

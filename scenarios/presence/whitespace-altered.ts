import { defineScenario, type ProbeSpec } from '../define.ts';
import { schemeOf } from '../lib/location.ts';
import { rfc, source } from '../lib/refs.ts';

export default defineScenario({
  id: 'whitespace-altered',
  title: 'Valid token with whitespace added: a tab after the scheme, a leading or trailing space, a tab or a line break inside',
  category: 'presence',
  refs: [rfc(6750, '2.1'), rfc(9112, '5.2'), source('gateway messages')],
  expect: ['IT', 'IR'],
  // A line break inside a header is obs-fold: the HTTP layer may refuse the request with a bare 400.
  statuses: [400, 401],
  // The token itself is valid: taking it with whitespace trimmed or collapsed breaks the rules, it opens no hole.
  ifAccepted: { severity: 'major', means: 'a valid token with whitespace added' },
  resolution:
    'Use the credential exactly as received: reject a token with added spaces, tabs or line breaks with 401 invalid_token (or 400), never trim or collapse whitespace into a valid token.',
  async probes(ctx) {
    const loc = ctx.config.token;
    const { token } = await ctx.forge();
    const half = Math.floor(token.length / 2);
    const inside = (ws: string): string => token.slice(0, half) + ws + token.slice(half);
    // HTTP strips whitespace around a header value (RFC 9110 §5.5) and cookie parsers around a cookie
    // value (RFC 6265 §5.2), so an edge space reaches the API only in a query or form value, or between
    // the scheme and the token.
    const edgesVisible = loc.in === 'query' || loc.in === 'form';
    // A line break can only travel in a header as CRLF plus a space (obs-fold), on a raw socket.
    const inHeader = loc.in === 'header' || loc.in === 'cookie';
    const specs: ProbeSpec[] = [];
    const add = (label: string, value: string, expect?: ProbeSpec['expect']): void => {
      specs.push({ label, credential: { kind: 'token', token: value }, ...(expect ? { expect } : {}) });
    };
    // RFC 6750 §2.1 reads `"Bearer" 1*SP b64token`: several spaces after the scheme are allowed, so the API
    // may accept them (or, as many do, refuse them): neither fails.
    if (schemeOf(loc) && !edgesVisible) add('two spaces after the scheme (RFC 6750 §2.1 allows 1*SP)', ` ${token}`, ['OK', 'IT', 'IR']);
    if (edgesVisible) add('leading space', ` ${token}`);
    // RFC 9110 §11.4 separates scheme and credentials with SP only: a tab there is not the grammar.
    const scheme = schemeOf(loc);
    // It is then no Bearer credential at all (no credentials, NC), or a bad one (IT, IR).
    if (scheme)
      specs.push({
        label: 'tab after the scheme',
        credential: { kind: 'authorization', value: `${scheme}\t${token}` },
        expect: ['NC', 'IT', 'IR'],
      });
    if (edgesVisible) add('trailing space', `${token} `);
    add('tab inside', inside('\t'));
    add('line break inside', inside('\r\n '), inHeader ? 'REJECT' : undefined);
    return specs;
  },
  order: 50,
});

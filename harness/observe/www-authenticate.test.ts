import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { findChallenge, parseWwwAuthenticate } from './www-authenticate.ts';
import { type Challenge } from '../core/observation.ts';

describe('parseWwwAuthenticate', () => {
  describe('Bearer challenges (RFC 6750)', () => {
    it('reads realm, error and error_description from an expired-token response', () => {
      const result = parseWwwAuthenticate('Bearer realm="api", error="invalid_token", error_description="The access token expired"');
      expect(result).toEqual({
        challenges: [
          {
            scheme: 'Bearer',
            params: { realm: 'api', error: 'invalid_token', error_description: 'The access token expired' },
          },
        ],
        errors: [],
      });
    });

    it('keeps the space-separated scope of an insufficient_scope response as one value', () => {
      const { challenges, errors } = parseWwwAuthenticate(
        'Bearer realm="example", error="insufficient_scope", scope="openid profile admin"',
      );
      expect(errors).toEqual([]);
      expect(challenges).toEqual([
        { scheme: 'Bearer', params: { realm: 'example', error: 'insufficient_scope', scope: 'openid profile admin' } },
      ]);
    });

    it('treats a bare scheme as a challenge with no params', () => {
      expect(parseWwwAuthenticate('Bearer')).toEqual({ challenges: [{ scheme: 'Bearer', params: {} }], errors: [] });
    });

    it('accepts an unquoted token value and keeps a lower-case scheme as sent', () => {
      expect(parseWwwAuthenticate('bearer error=invalid_token')).toEqual({
        challenges: [{ scheme: 'bearer', params: { error: 'invalid_token' } }],
        errors: [],
      });
    });

    it('reads URLs inside quoted strings, as sent by Entra ID and RFC 9728 resource servers', () => {
      const { challenges, errors } = parseWwwAuthenticate(
        'Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", ' +
          'resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource", error="invalid_token"',
      );
      expect(errors).toEqual([]);
      expect(challenges[0]?.params).toEqual({
        authorization_uri: 'https://login.microsoftonline.com/common/oauth2/authorize',
        resource_metadata: 'https://resource.example.com/.well-known/oauth-protected-resource',
        error: 'invalid_token',
      });
    });
  });

  describe('several challenges', () => {
    it('splits a Bearer challenge from a following DPoP challenge', () => {
      const { challenges, errors } = parseWwwAuthenticate(
        'Bearer realm="api", error="invalid_token", error_description="DPoP proof required", DPoP algs="RS256 ES256"',
      );
      expect(errors).toEqual([]);
      expect(challenges).toEqual([
        { scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token', error_description: 'DPoP proof required' } },
        { scheme: 'DPoP', params: { algs: 'RS256 ES256' } },
      ]);
    });

    it('collects challenges from several header values in order', () => {
      expect(parseWwwAuthenticate(['Bearer realm="a"', 'Basic realm="b", charset="UTF-8"'])).toEqual({
        challenges: [
          { scheme: 'Bearer', params: { realm: 'a' } },
          { scheme: 'Basic', params: { realm: 'b', charset: 'UTF-8' } },
        ],
        errors: [],
      });
    });

    it('reads a bare scheme at the end of the list as a new challenge, not a param', () => {
      expect(parseWwwAuthenticate('Basic realm="x", Bearer').challenges).toEqual([
        { scheme: 'Basic', params: { realm: 'x' } },
        { scheme: 'Bearer', params: {} },
      ]);
    });

    it('reads a bare scheme at the start of the list as its own challenge', () => {
      expect(parseWwwAuthenticate('Bearer, Basic realm="x"').challenges).toEqual([
        { scheme: 'Bearer', params: {} },
        { scheme: 'Basic', params: { realm: 'x' } },
      ]);
    });

    it('parses the RFC 9110 example with an escaped quote in the title', () => {
      const { challenges, errors } = parseWwwAuthenticate(
        'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"',
      );
      expect(errors).toEqual([]);
      expect(challenges).toEqual([
        { scheme: 'Newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps"' } },
        { scheme: 'Basic', params: { realm: 'simple' } },
      ]);
    });

    it('parses the RFC 7616 Digest example with two challenges and a comma inside qop', () => {
      const header =
        'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, ' +
        'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", ' +
        'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, ' +
        'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"';
      const { challenges, errors } = parseWwwAuthenticate(header);
      expect(errors).toEqual([]);
      expect(challenges.map((c) => [c.scheme, c.params.algorithm, c.params.qop])).toEqual([
        ['Digest', 'SHA-256', 'auth, auth-int'],
        ['Digest', 'MD5', 'auth, auth-int'],
      ]);
    });

    it('starts a new challenge after a token68 challenge', () => {
      expect(parseWwwAuthenticate('Negotiate abc==, Basic realm="x"').challenges).toEqual([
        { scheme: 'Negotiate', token68: 'abc==', params: {} },
        { scheme: 'Basic', params: { realm: 'x' } },
      ]);
    });
  });

  describe('quoted strings', () => {
    it('does not split on a comma or equals sign inside a quoted string', () => {
      expect(parseWwwAuthenticate('Bearer error_description="a, b=c", realm="r"')).toEqual({
        challenges: [{ scheme: 'Bearer', params: { error_description: 'a, b=c', realm: 'r' } }],
        errors: [],
      });
    });

    it('removes backslash escapes from an escaped backslash and an escaped quote', () => {
      // On the wire: error_description="path C:\\temp \"quoted\" \x"
      const { challenges, errors } = parseWwwAuthenticate('Bearer error_description="path C:\\\\temp \\"quoted\\" \\x"');
      expect(errors).toEqual([]);
      expect(challenges[0]?.params.error_description).toBe('path C:\\temp "quoted" x');
    });

    it('accepts an empty quoted string as a value', () => {
      expect(parseWwwAuthenticate('Bearer realm=""').challenges).toEqual([{ scheme: 'Bearer', params: { realm: '' } }]);
    });

    it('returns what was read of an unterminated quoted string and reports it', () => {
      const { challenges, errors } = parseWwwAuthenticate('Bearer realm="api", error_description="The access token exp');
      expect(challenges).toEqual([{ scheme: 'Bearer', params: { realm: 'api', error_description: 'The access token exp' } }]);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/unterminated quoted-string/);
      expect(errors[0]).toMatch(/offset 38/);
    });
  });

  describe('token68', () => {
    it('reads a Kerberos SPNEGO token after Negotiate', () => {
      expect(parseWwwAuthenticate('Negotiate YIIGhgYJKoZIhvcSAQICAQBuggZ1MIIGcaADAgEFoQMCAQ6iBwMFACAAAACj==')).toEqual({
        challenges: [{ scheme: 'Negotiate', token68: 'YIIGhgYJKoZIhvcSAQICAQBuggZ1MIIGcaADAgEFoQMCAQ6iBwMFACAAAACj==', params: {} }],
        errors: [],
      });
    });

    it('reads a base64 token without padding', () => {
      expect(parseWwwAuthenticate('Basic dXNlcjpwYXNz').challenges).toEqual([{ scheme: 'Basic', token68: 'dXNlcjpwYXNz', params: {} }]);
    });

    it('reads a hex token and tolerates trailing whitespace', () => {
      expect(parseWwwAuthenticate('Negotiate a87421000492aa874209af8bc028  ').challenges).toEqual([
        { scheme: 'Negotiate', token68: 'a87421000492aa874209af8bc028', params: {} },
      ]);
    });

    it('reads name= with nothing after it as a token68, because an auth-param needs a value', () => {
      expect(parseWwwAuthenticate('Bearer realm=')).toEqual({
        challenges: [{ scheme: 'Bearer', token68: 'realm=', params: {} }],
        errors: [],
      });
    });

    it('reports an auth-param that follows a token68 and leaves the params empty', () => {
      const { challenges, errors } = parseWwwAuthenticate('Negotiate abc==, realm="x"');
      expect(challenges).toEqual([{ scheme: 'Negotiate', token68: 'abc==', params: {} }]);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/follows a token68/);
    });
  });

  describe('names, whitespace and list syntax', () => {
    it('lower-cases param names', () => {
      expect(parseWwwAuthenticate('Bearer Realm="x", ERROR="invalid_token"').challenges).toEqual([
        { scheme: 'Bearer', params: { realm: 'x', error: 'invalid_token' } },
      ]);
    });

    it('allows whitespace around the equals sign', () => {
      expect(parseWwwAuthenticate('Bearer realm = "api", error ="invalid_token", scope= read').challenges).toEqual([
        { scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token', scope: 'read' } },
      ]);
    });

    it('treats tabs like spaces', () => {
      expect(parseWwwAuthenticate('Bearer\trealm="api",\terror\t=\t"invalid_token"\t,\tBasic\trealm="b"')).toEqual({
        challenges: [
          { scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token' } },
          { scheme: 'Basic', params: { realm: 'b' } },
        ],
        errors: [],
      });
    });

    it('skips empty list elements', () => {
      expect(parseWwwAuthenticate(', Bearer realm="a", , error="x",, ')).toEqual({
        challenges: [{ scheme: 'Bearer', params: { realm: 'a', error: 'x' } }],
        errors: [],
      });
    });

    it('accepts AWS SigV4-style unquoted values containing slashes', () => {
      expect(parseWwwAuthenticate('AWS4-HMAC-SHA256 Credential=abc/20250101, SignedHeaders=host, Signature=fe5f')).toEqual({
        challenges: [{ scheme: 'AWS4-HMAC-SHA256', params: { credential: 'abc/20250101', signedheaders: 'host', signature: 'fe5f' } }],
        errors: [],
      });
    });

    it('keeps the first of duplicate params and reports the duplicate', () => {
      const { challenges, errors } = parseWwwAuthenticate('Bearer error="invalid_token", Error="invalid_request"');
      expect(challenges).toEqual([{ scheme: 'Bearer', params: { error: 'invalid_token' } }]);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/duplicate auth-param "error"/);
    });

    it('stores a param named __proto__ as plain data', () => {
      const { challenges } = parseWwwAuthenticate('Bearer __proto__="x", constructor="y"');
      const params = challenges[0]?.params ?? {};
      expect(Object.keys(params)).toEqual(['__proto__', 'constructor']);
      expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
      expect(params['__proto__']).toBe('x');
    });
  });

  describe('empty and malformed input', () => {
    it.each([
      ['undefined', undefined],
      ['an empty string', ''],
      ['whitespace', ' \t '],
      ['only commas', ', ,'],
      ['an empty array', []],
      ['an array of empty strings', ['', '']],
    ])('returns no challenges and no errors for %s', (_label, input) => {
      expect(parseWwwAuthenticate(input)).toEqual({ challenges: [], errors: [] });
    });

    it('recovers at the next comma after junk inside a challenge', () => {
      const { challenges, errors } = parseWwwAuthenticate('Bearer realm="a" junk, error="x", Basic realm="b"');
      expect(challenges).toEqual([
        { scheme: 'Bearer', params: { realm: 'a', error: 'x' } },
        { scheme: 'Basic', params: { realm: 'b' } },
      ]);
      expect(errors).toEqual(['offset 17: expected "," or end of value, found "j"']);
    });

    it('reports an auth-param that comes before any scheme and still reads the scheme after it', () => {
      const { challenges, errors } = parseWwwAuthenticate('realm="x", Basic');
      expect(challenges).toEqual([{ scheme: 'Basic', params: {} }]);
      expect(errors).toEqual(['offset 0: auth-param "realm" appears before any auth-scheme']);
    });

    it('reports a param without a value', () => {
      const { challenges, errors } = parseWwwAuthenticate('Bearer realm="a", error=, scope="s"');
      expect(challenges).toEqual([{ scheme: 'Bearer', params: { realm: 'a', scope: 's' } }]);
      expect(errors).toEqual(['offset 24: auth-param "error" has no value, found ","']);
    });

    it('names the header value an error came from when given several', () => {
      const { challenges, errors } = parseWwwAuthenticate(['Basic realm="a"', 'Bearer realm="b']);
      expect(challenges).toEqual([
        { scheme: 'Basic', params: { realm: 'a' } },
        { scheme: 'Bearer', params: { realm: 'b' } },
      ]);
      expect(errors).toEqual(['value 1, offset 13: unterminated quoted-string']);
    });

    it('never throws, whatever the input', () => {
      const tricky = fc.constantFrom(' ', '\t', ',', '=', '"', '\\', 'a', 'B', '1', '/', '+', '-', '(', '\u00e9', '\n');
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.string({ unit: tricky })), (value) => {
          const result = parseWwwAuthenticate(value);
          expect(Array.isArray(result.challenges)).toBe(true);
        }),
        { numRuns: 2000 },
      );
    });
  });

  it('reads back any well-formed challenge list it is given', () => {
    const tchar = fc.constantFrom(..."!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".split(''));
    const token = fc.string({ unit: tchar, minLength: 1, maxLength: 8 });
    const token68 = fc
      .tuple(
        fc.string({ unit: fc.constantFrom(...'abcXYZ019-._~+/'.split('')), minLength: 1, maxLength: 12 }),
        fc.string({ unit: fc.constant('='), maxLength: 2 }),
      )
      .map(([body, pad]) => body + pad);
    const params = fc.uniqueArray(
      fc.tuple(
        token.map((n) => n.toLowerCase()),
        fc.string({ maxLength: 10 }),
      ),
      {
        selector: ([name]) => name,
        maxLength: 4,
      },
    );
    const challenge = fc.record({
      scheme: token,
      body: fc.oneof(
        token68.map((t) => ({ token68: t })),
        params.map((p) => ({ params: p })),
      ),
    });

    fc.assert(
      fc.property(fc.array(challenge, { minLength: 1, maxLength: 4 }), (list) => {
        const header = list
          .map(({ scheme, body }) => {
            if ('token68' in body) return `${scheme} ${body.token68}`;
            const rendered = body.params.map(([name, value]) => `${name}="${value.replace(/[\\"]/g, '\\$&')}"`);
            return rendered.length ? `${scheme} ${rendered.join(', ')}` : scheme;
          })
          .join(', ');
        const expected: Challenge[] = list.map(({ scheme, body }) =>
          'token68' in body ? { scheme, token68: body.token68, params: {} } : { scheme, params: Object.fromEntries(body.params) },
        );
        expect(parseWwwAuthenticate(header)).toEqual({ challenges: expected, errors: [] });
      }),
      { numRuns: 500 },
    );
  });
});

describe('findChallenge', () => {
  const { challenges } = parseWwwAuthenticate('Basic realm="b", bearer realm="first", Bearer realm="second"');

  it('matches the scheme case-insensitively', () => {
    expect(findChallenge(challenges, 'BEARER')?.scheme).toBe('bearer');
    expect(findChallenge(challenges, 'basic')?.params.realm).toBe('b');
  });

  it('returns the first of several matching challenges', () => {
    expect(findChallenge(challenges, 'Bearer')?.params.realm).toBe('first');
  });

  it('returns undefined when no challenge has the scheme', () => {
    expect(findChallenge(challenges, 'DPoP')).toBeUndefined();
    expect(findChallenge([], 'Bearer')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { findingLines } from './findings.ts';
import { expectFindings, pin } from './pinned-suite.ts';
import { JOSE_COOLDOWN } from './shared-pins.ts';
import { runAgainstChild } from './run-child.ts';
import { MCP_CONFIG, MCP_SERVER_URI } from './mcp-sdk.ts';

/**
 * What the whole catalogue finds, under the mcp profile, in an MCP server on the MCP TypeScript SDK
 * 1.32.2 with requireBearerAuth and mcpAuthMetadataRouter set up as the SDK's OAuth example server does
 * (mcp-sdk.main.ts), its token verifier jose 6 jwtVerify against the IdP's JWKS. FINDINGS.md, "MCP
 * TypeScript SDK", says more about each group; which rows are the SDK's and which the verifier's.
 *
 * rotated-key and retired-key rest on createRemoteJWKSet's 30 s cooldownDuration from its first fetch.
 */
const ENTRY = new URL('./mcp-sdk.main.ts', import.meta.url);
const ON = ['POST /mcp'] as const;
/** The challenge requireBearerAuth writes, cut where the finding line cuts it. */
const SDK_CHALLENGE = 'Bearer error=invalid_token';

const PINS = [
  // The SDK's own answers.
  pin(
    `fail minor, 401, ${SDK_CHALLENGE}`,
    'requireBearerAuth answers a request without credentials (or with another scheme) as an invalid token: error="invalid_token", which RFC 6750 §3 reserves for a token that was sent',
    ['no-credentials', 'wrong-scheme'],
    ON,
  ),
  pin(
    `fail minor, 401, ${SDK_CHALLENGE}`,
    'requireBearerAuth writes the verifier\'s message into error_description="…" without escaping: jose\'s messages quote claim names (`"exp" claim timestamp check failed`), so the challenge does not parse (RFC 9110 §11.6.1)',
    [
      'expired',
      'exp-boundary',
      'nbf-future',
      'wrong-issuer',
      'issuer-lookalike',
      'iss-missing',
      'alg-none',
      'alg-confusion',
      'weak-hmac',
      'kid-injection',
      'crit-unknown',
      'duplicate-claims',
      'date-types',
      'exp-range',
      'exp-type',
      'header-shape',
      'iss-shape',
    ],
    ON,
  ),
  pin(
    `fail minor, 401, ${SDK_CHALLENGE}`,
    'Both at once: error="invalid_token" without credentials, and the expired variant\'s unescaped error_description; resource_metadata itself is there and right',
    ['resource-metadata-challenge'],
    ON,
  ),
  pin(
    'fail major, 200, none',
    'Only the Authorization header is read: a ?access_token= or form-body copy of the token is ignored, not refused (major: ifAccepted)',
    ['multi-method'],
    ON,
  ),
  // The verifier's (jose defaults, createRemoteJWKSet), as in the jose 6 by hand suite.
  pin(
    'fail major, 401, Bearer error=invalid_token',
    "Within createRemoteJWKSet's 30 s cooldown the newly published kid is not looked up: a valid token is refused",
    ['rotated-key'],
    ON,
  ),
  pin(
    'fail critical, 200, none',
    'jwtVerify with issuer only: typ never checked (typ-missing, typ of another shape), iat read only with maxTokenAge, x5c never read; the cached set keeps the retired key; nothing introspects',
    ['retired-key', 'expired-cert', 'iat-future', 'typ-missing', 'refresh-as-access', 'revoked', 'typ-shape'],
    ON,
  ),
  pin(
    'fail major, 200, none',
    'jwtVerify requires no sub, client_id, iat or jti by default (major: ifAccepted)',
    ['sub-missing', 'client-id-missing', 'iat-missing', 'jti-missing'],
    ON,
  ),
  pin('fail major, 200, none', 'jwtVerify checks no type of sub, client_id or jti (claim-types; major: ifAccepted)', ['claim-types'], ON),
  pin(
    'fail critical, 200, none',
    "The example's verifier (ours, as the SDK's example writes it) takes as resource the aud entry whose URL origin is the server's: `[aud].flat()` flattens one level and URL() coerces and trims, so a nested array, leading or trailing whitespace or a trailing NUL byte still yields the server's URL, which expectedResource accepts",
    ['aud-shape'],
    ON,
  ),
  pin(
    'fail major, 403, Bearer error=insufficient_scope',
    'The ID token has no scope, so requireBearerAuth refuses it for mcp:tools before anything notices its type',
    ['id-token-as-access'],
    ON,
  ),
];

describe('MCP TypeScript SDK 1.32.2 requireBearerAuth + mcpAuthMetadataRouter, out of process, mcp profile', () => {
  it('fails exactly the pinned rows; its RFC 9728 metadata, resource_metadata URL and audience binding pass', async () => {
    const report = await runAgainstChild(ENTRY, MCP_CONFIG);
    expectFindings(report, PINS, [JOSE_COOLDOWN]);
    const row = (id: string) => report.results.find((r) => r.scenario === id)!;
    expect(row('resource-metadata').verdict).toBe('pass');
    expect(row('audience-resource').verdict).toBe('pass');
    expect(row('audience-resource').variants).toHaveLength(3);
    // The challenge names the metadata URL derived from the server URI (RFC 9728 §3.1), the scope and the error.
    expect(row('no-credentials').observed?.wwwAuthenticate.join()).toBe(
      `Bearer error="invalid_token", error_description="Missing Authorization header", scope="mcp:tools", resource_metadata="https://mcp.gauntlet.test/.well-known/oauth-protected-resource/mcp"`,
    );
    expect(MCP_SERVER_URI).toBe('https://mcp.gauntlet.test/mcp');
    // A valid token on the JSON-RPC endpoint gets the initialize result over Streamable HTTP.
    expect(row('scheme-case').verdict).toBe('pass');
    expect(report.results.filter((r) => r.category === 'binding').every((r) => r.verdict === 'skip')).toBe(true);
  }, 180_000);

  it("with the SDK example's verifier error (a plain Error, not InvalidTokenError) every unverifiable token is a 500", async () => {
    const only = ['expired', 'wrong-issuer', 'sig-tampered', 'scope-missing', 'resource-metadata'];
    const { catalogue } = await import('../../../scenarios/catalogue.ts');
    const report = await runAgainstChild(
      ENTRY,
      MCP_CONFIG,
      catalogue.filter((s) => only.includes(s.id)),
      { MCP_PLAIN_ERROR: '1' },
    );
    expect(findingLines(report).sort()).toEqual(
      [
        'expired POST /mcp: fail major, 500, none',
        'sig-tampered POST /mcp: fail major, 500, none',
        'wrong-issuer POST /mcp: fail major, 500, none',
      ].sort(),
    );
    expect(report.results.find((r) => r.scenario === 'expired')?.observed?.body).toContain('Internal Server Error');
  }, 120_000);
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../harness/config.ts';
import { HarnessError } from '../../harness/core/errors.ts';
import { builtinProfiles, parseProfile, rfc6750 } from './index.ts';
import { AUDIT_TRAIL_CODES } from './audit-codes.ts';

const dir = mkdtempSync(join(tmpdir(), 'gauntlet-profiles-'));
const classes = rfc6750.classes;

/** The one-line error a bad profile gives, or a failure saying it loaded. */
function errorOf(data: unknown): string {
  try {
    parseProfile(data, 'profile p.json');
  } catch (err) {
    expect(err).toBeInstanceOf(HarnessError);
    expect((err as HarnessError).code).toBe('ERR_CONFIG_INVALID');
    return (err as Error).message;
  }
  throw new Error('the profile was accepted');
}

describe('a profile file', () => {
  it.each([
    [
      'an unknown key',
      { name: 'p', classes, byScenario: {}, useAuditCodes: true },
      'profile p.json: (top level): unknown key "useAuditCodes"; remove "useAuditCodes" or check its spelling',
    ],
    [
      'a status that is no status',
      { name: 'p', classes: { ...classes, IT: { status: ['40x'] } } },
      'profile p.json: classes.IT.status.0: expected a status such as 401 or a class such as "4xx", got "40x"; fix "classes.IT.status.0"',
    ],
    [
      'a missing answer class',
      { name: 'p', classes: { NC: classes.NC, IT: classes.IT, IR: classes.IR, IS: classes.IS, OK: classes.OK } },
      'profile p.json: classes.REJECT: missing (object expected); give every answer class (NC, IT, IR, IS, OK, REJECT) an expectation, e.g. "REJECT": { "status": [401] }',
    ],
    [
      'an unknown answer class',
      { name: 'p', classes: { ...classes, NOPE: { status: [401] } } },
      'profile p.json: classes: unknown key "NOPE"; remove "NOPE": the answer classes are NC, IT, IR, IS, OK, REJECT',
    ],
    [
      'an unknown category',
      { name: 'p', classes, byCategory: { tokens: { status: [401] } } },
      'profile p.json: byCategory: unknown key "tokens"; remove "tokens": the categories are presence, signature, algorithm, time, identity, type, scope, revocation, exhaustion, binding, discovery, step-up',
    ],
    [
      'a message pattern that does not compile',
      { name: 'p', classes, byScenario: { expired: { message: { pattern: 'expired(' } } } },
      'profile p.json: byScenario.expired.message.pattern: expected a valid regular expression, got "expired("; fix "byScenario.expired.message.pattern"',
    ],
    [
      'a message rule without template or pattern',
      { name: 'p', classes, byScenario: { expired: { message: { in: 'body' } } } },
      'profile p.json: byScenario.expired.message: expected "template" (with %s placeholders) or "pattern" (a regular expression), got {"in":"body"}; fix "byScenario.expired.message"',
    ],
    [
      'a challenge error that is a number',
      { name: 'p', classes: { ...classes, IT: { status: [401], challenge: { scheme: 'Bearer', error: 1 } } } },
      'profile p.json: classes.IT.challenge.error: expected string, got 1; fix "classes.IT.challenge.error"',
    ],
    [
      'no profile at all',
      undefined,
      'profile p.json: (top level): missing (object expected); the file must hold (JSON) or default-export (module) a profile object { "name": …, "classes": … }',
    ],
  ])('with %s is refused in one line naming the key and the fix', (_label, data, message) => {
    const error = errorOf(data);
    expect(error).toBe(`${message} (see scenarios/profiles/README.md)`);
    expect(error).not.toMatch(/\n/);
  });

  it('widens a single status, audit code and message template to their list and object forms', () => {
    const profile = parseProfile(
      {
        name: 'mine',
        classes: { ...classes, IT: { status: 401, message: 'denied: %s', auditCode: 'E_TOKEN' } },
        byCategory: { scope: { status: '4xx' } },
      },
      'profile p.json',
    );
    expect(profile.classes.IT).toEqual({ status: [401], message: { template: 'denied: %s' }, auditCode: ['E_TOKEN'] });
    expect(profile.byCategory?.scope).toEqual({ status: ['4xx'] });
    expect(profile.description).toBe('');
  });

  it('is loaded from JSON through --profile, and a bad one stops the run before it starts', async () => {
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ name: 'api-x', classes, byScenario: { expired: { auditCode: 'E_EXPIRED' } } }));
    const config = await resolveConfig({}, { target: 'http://127.0.0.1:9', endpoints: ['GET /a'], profile: good });
    expect(config.profile.byScenario?.expired).toEqual({ auditCode: ['E_EXPIRED'] });

    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ name: 'api-x', classes: { ...classes, IS: { status: [403], challenge: { scheme: 'Bearer', scopes: true } } } }),
    );
    await expect(resolveConfig({}, { target: 'http://127.0.0.1:9', endpoints: ['GET /a'], profile: bad })).rejects.toThrow(
      `profile ${bad}: classes.IS.challenge: unknown key "scopes"; remove "scopes" or check its spelling (see scenarios/profiles/README.md)`,
    );
  });

  it("is loaded from a TypeScript module's default export", async () => {
    const file = join(dir, 'mine.profile.ts');
    writeFileSync(file, `export default { name: 'from-ts', classes: ${JSON.stringify(classes)}, useScenarioAuditCodes: true };\n`);
    const config = await resolveConfig({}, { target: 'http://127.0.0.1:9', endpoints: ['GET /a'], profile: file });
    expect(config.profile).toMatchObject({ name: 'from-ts', useScenarioAuditCodes: true });
  });

  it('that does not parse is refused in one line', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "name": "x", ');
    const error = await resolveConfig({}, { target: 'http://127.0.0.1:9', endpoints: ['GET /a'], profile: file }).catch((e: Error) => e);
    expect((error as HarnessError).code).toBe('ERR_CONFIG_INVALID');
    expect((error as Error).message).toMatch(
      new RegExp(`^cannot load profile ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*; fix the file so it loads$`),
    );
  });
});

describe('the built-in profiles', () => {
  it('are all valid profiles and come out of validation unchanged', () => {
    for (const [name, profile] of Object.entries(builtinProfiles)) {
      expect(profile.name).toBe(name);
      expect(parseProfile(profile, name)).toEqual(profile);
    }
  });

  it('include audit-codes, which maps each of the 21 audit codes of the login audit trail to at least one scenario id', () => {
    const auditTrailCodes = [
      'AccessTokenExpired',
      'AuthorizationCodeGrantRequired',
      'ClientIdMismatch',
      'EntityOrRoleDisabled',
      'FeatureDisabled',
      'IntegrationBlocked',
      'InvalidIntegration',
      'InvalidIssuer',
      'InvalidScope',
      'InvalidSignature',
      'InvalidTokenType',
      'MissingKey',
      'MissingKeyId',
      'ScopeMismatched',
      'SignatureValidation',
      'TokenBlocked',
      'TokenExpired',
      'TokenNotAcceptable',
      'TokenRejected',
      'TokenValidityTooBroad',
      'UnsupportedAlgo',
    ];
    expect(Object.keys(AUDIT_TRAIL_CODES).sort()).toEqual(auditTrailCodes);
    for (const code of auditTrailCodes) {
      const ids = AUDIT_TRAIL_CODES[code]!;
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(builtinProfiles['audit-codes']!.byScenario?.[id]?.auditCode).toContain(code);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { rfc6750 } from '../../scenarios/profiles/rfc6750.ts';
import { lenient } from '../../scenarios/profiles/lenient.ts';
import { observe } from '../observe/observation.ts';
import { judge } from '../judge.ts';
import { checkAuditCode } from './audit-code.ts';
import { checkChallenge } from './challenge.ts';
import { checkLeak } from './leak.ts';
import { checkMessage, templateToRegExp } from './message.ts';
import { checkStatus } from './status.ts';

const answer = (status: number, headers: Record<string, string | string[]> = {}, body = '') =>
  observe({ status, headers, body, durationMs: 1 });
const IT = rfc6750.classes.IT;
const NC = rfc6750.classes.NC;
const IS = rfc6750.classes.IS;
const OK = rfc6750.classes.OK;

describe('the challenge check on a header that does not parse', () => {
  it('is a minor finding, whatever the profile asks of the challenge, and none where acceptance was due', () => {
    const broken = answer(401, { 'www-authenticate': 'Bearer realm="api, error="invalid_token"' });
    const [finding] = checkChallenge(broken, lenient.classes.IT);
    expect(finding).toMatchObject({ check: 'challenge', severity: 'minor' });
    expect(finding?.message).toMatch(/^the WWW-Authenticate header does not parse \(RFC 9110 §11\.6\.1\): /);
    expect(checkChallenge(broken, IT).some((f) => f.message.startsWith('the WWW-Authenticate header does not parse'))).toBe(true);
    expect(checkChallenge(answer(401, { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' }), IT)).toEqual([]);
    expect(checkChallenge(broken, OK)).toEqual([]);
  });
});

describe('the status check', () => {
  it('calls a 2xx for a token that must be rejected critical', () => {
    expect(checkStatus(answer(200), IT, 'the token')).toEqual({
      check: 'status',
      severity: 'critical',
      message: 'accepted a token it must reject: expected 401 invalid_token, got 200',
    });
  });

  it('grades an accepted valid token sent through a forbidden channel by what the scenario says it means', () => {
    expect(checkStatus(answer(200), IT, 'the token', { severity: 'major', means: 'a valid token sent in the query string' })).toEqual({
      check: 'status',
      severity: 'major',
      message: 'accepted a valid token sent in the query string: expected 401 invalid_token, got 200',
    });
  });

  it('calls a 500 for an invalid token major', () => {
    expect(checkStatus(answer(500), IT, 'the token')?.severity).toBe('major');
  });

  it('calls a 403 for an invalid token major', () => {
    expect(checkStatus(answer(403), IT, 'the token')?.message).toBe('expected 401 invalid_token, got 403');
  });

  it('calls a rejected positive control major', () => {
    expect(checkStatus(answer(401), OK, 'the token')?.severity).toBe('major');
  });

  it('accepts any 4xx where the lenient profile allows it', () => {
    expect(checkStatus(answer(422), lenient.classes.IR, 'the token')).toBeUndefined();
    expect(checkStatus(answer(500), lenient.classes.IR, 'the token')?.message).toBe('expected 4xx, got 500');
  });
});

describe('the challenge check', () => {
  it('finds no fault in a correct invalid_token challenge', () => {
    expect(checkChallenge(answer(401, { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' }), IT)).toEqual([]);
  });

  it('reports a missing WWW-Authenticate header', () => {
    expect(checkChallenge(answer(401), IT)[0]?.message).toBe(
      'expected a WWW-Authenticate: Bearer challenge with error="invalid_token", got none',
    );
  });

  it('reports an error code sent when no credentials were given', () => {
    const [f] = checkChallenge(answer(401, { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' }), NC);
    expect(f?.message).toBe(
      'expected no error code in the challenge when no credentials were sent (RFC 6750 §3), got error="invalid_token"',
    );
  });

  it('reports the wrong error code', () => {
    const [f] = checkChallenge(answer(401, { 'www-authenticate': 'Bearer error="invalid_request"' }), IT);
    expect(f?.message).toBe('expected error="invalid_token" in the Bearer challenge, got error="invalid_request"');
  });

  it('finds the Bearer challenge among several, case-insensitively', () => {
    expect(checkChallenge(answer(401, { 'www-authenticate': ['Basic realm="x"', 'bearer error="invalid_token"'] }), IT)).toEqual([]);
  });

  it('requires scope in an insufficient_scope challenge', () => {
    const [f] = checkChallenge(answer(403, { 'www-authenticate': 'Bearer error="insufficient_scope"' }), IS);
    expect(f?.message).toMatch(/expected scope="…"/);
  });

  it('requires acr_values and max_age (seconds) in an insufficient_user_authentication challenge when asked (RFC 9470 §3)', () => {
    const STEP_UP = { ...IT, challenge: { scheme: 'Bearer', error: 'insufficient_user_authentication', acrValues: true, maxAge: true } };
    const good = 'Bearer realm="api", error="insufficient_user_authentication", acr_values="phr phrh", max_age=300';
    expect(checkChallenge(answer(401, { 'www-authenticate': good }), STEP_UP)).toEqual([]);
    const bare = checkChallenge(answer(401, { 'www-authenticate': 'Bearer error="insufficient_user_authentication"' }), STEP_UP);
    expect(bare.map((f) => [f.severity, f.message.slice(0, 24)])).toEqual([
      ['minor', 'expected acr_values="…" '],
      ['minor', 'expected max_age=<second'],
    ]);
    const odd = checkChallenge(answer(401, { 'www-authenticate': `${good.replace('max_age=300', 'max_age="5 min"')}` }), STEP_UP);
    expect(odd.map((f) => f.message)).toEqual([expect.stringMatching(/max_age=<seconds> .*, got "5 min"$/)]);
    const [wrong] = checkChallenge(
      answer(401, { 'www-authenticate': 'Bearer error="invalid_token", acr_values="phr", max_age=300' }),
      STEP_UP,
    );
    expect(wrong?.message).toBe('expected error="insufficient_user_authentication" in the Bearer challenge, got error="invalid_token"');
  });

  it('says which challenge it got when there is no Bearer one', () => {
    const [f] = checkChallenge(answer(401, { 'www-authenticate': 'Basic realm="x"' }), IT);
    expect(f?.message).toBe('expected a Bearer challenge in WWW-Authenticate, got "Basic realm="x""');
  });
});

describe('the message check', () => {
  const template = 'Access Token in the request, identified by HEADER %s, is invalid. Check docs.sensedia.com';

  it('matches a seed-001 message against its %s template', () => {
    const exp = { ...IT, message: { template } };
    expect(
      checkMessage(
        answer(401, {}, 'Access Token in the request, identified by HEADER access_token, is invalid. Check docs.sensedia.com'),
        exp,
      ),
    ).toBeUndefined();
  });

  it('treats regex characters in a template literally', () => {
    expect(templateToRegExp('a.b %s (c)').test('axb 1 (c)')).toBe(false);
    expect(templateToRegExp('a.b %s (c)').test('a.b 1 (c)')).toBe(true);
  });

  it('reports a different message with both texts', () => {
    const exp = { ...IT, message: { template } };
    expect(checkMessage(answer(401, {}, 'Invalid or missing authorization token'), exp)?.message).toBe(
      `expected the message "${template}" in body, got "Invalid or missing authorization token"`,
    );
  });

  it('reads error_description and JSON paths', () => {
    const obs = answer(
      401,
      { 'www-authenticate': 'Bearer error="invalid_token", error_description="token expired"' },
      '{"error":{"message":"nope"}}',
    );
    expect(checkMessage(obs, { ...IT, message: { pattern: 'expired$', in: 'error_description' } })).toBeUndefined();
    expect(checkMessage(obs, { ...IT, message: { pattern: '^nope$', in: 'json:error.message' } })).toBeUndefined();
  });
});

describe('the audit-code check', () => {
  it('accepts any of the allowed codes', () => {
    const obs = { ...answer(401), auditCode: 'AccessTokenExpired' };
    expect(checkAuditCode(obs, { ...IT, auditCode: ['TokenExpired', 'AccessTokenExpired'] })).toBeUndefined();
  });

  it('says where it looked when no code was found', () => {
    const obs = { ...answer(401), auditSource: 'body.code' };
    expect(checkAuditCode(obs, { ...IT, auditCode: ['TokenExpired'] })?.message).toBe(
      'expected audit code TokenExpired, found none (looked in body.code)',
    );
  });
});

describe('the leak check', () => {
  const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZy1lbm91Z2g';

  it('flags an error body that echoes the token', () => {
    expect(checkLeak(answer(401, {}, `bad token ${token}`), `Bearer ${token}`)?.check).toBe('leak');
  });

  it('ignores a generic error body', () => {
    expect(checkLeak(answer(401, {}, '{"error":"invalid_token"}'), `Bearer ${token}`)).toBeUndefined();
  });
});

describe('the judge', () => {
  it('passes a correct answer', () => {
    const j = judge(answer(401, { 'www-authenticate': 'Bearer error="invalid_token"' }), [IT]);
    expect(j).toMatchObject({ verdict: 'pass', findings: [] });
  });

  it('judges against the closest of several allowed answers', () => {
    const IR = rfc6750.classes.IR;
    const j = judge(answer(400, { 'www-authenticate': 'Bearer error="invalid_request"' }), [IT, IR]);
    expect(j.verdict).toBe('pass');
    expect(j.expectation).toBe(IR);
  });

  it('skips the challenge check when the status already failed', () => {
    const j = judge(answer(200), [IT]);
    expect(j.findings.map((f) => f.check)).toEqual(['status']);
    expect(j.severity).toBe('critical');
  });
});

/**
 * The challenge check: a Bearer challenge in WWW-Authenticate, with the right `error` code (none when
 * no credentials were sent), `scope` for insufficient_scope, `acr_values` / `max_age` for
 * insufficient_user_authentication.
 * @see RFC 6750 §3, §3.1, RFC 9470 §3
 */
import type { Expectation } from '../core/expectation.ts';
import { findChallenge } from '../observe/www-authenticate.ts';
import type { Observation } from '../core/observation.ts';
import type { Finding } from '../core/finding.ts';

export function checkChallenge(obs: Observation, exp: Expectation): Finding[] {
  if (exp.accept) return [];
  const minor = (message: string): Finding => ({ check: 'challenge', severity: 'minor', message });
  // A client cannot read a challenge it cannot parse, whatever the profile asks of its content.
  const unparsed = obs.challengeErrors.length
    ? [
        minor(
          `the WWW-Authenticate header does not parse (RFC 9110 §11.6.1): ${obs.challengeErrors[0]} in "${obs.wwwAuthenticate.join(', ').slice(0, 120)}"`,
        ),
      ]
    : [];
  const rule = exp.challenge;
  if (!rule) return unparsed;
  return [...unparsed, ...checkRule(obs, rule, minor)];
}

function checkRule(obs: Observation, rule: NonNullable<Expectation['challenge']>, minor: (message: string) => Finding): Finding[] {
  if (obs.wwwAuthenticate.length === 0) {
    return [minor(`expected a WWW-Authenticate: ${rule.scheme} challenge${rule.error ? ` with error="${rule.error}"` : ''}, got none`)];
  }
  const challenge = findChallenge(obs.challenges, rule.scheme);
  if (!challenge) {
    return [minor(`expected a ${rule.scheme} challenge in WWW-Authenticate, got "${obs.wwwAuthenticate.join(', ')}"`)];
  }
  const out: Finding[] = [];
  const error = challenge.params.error;
  if (rule.error === null && error !== undefined) {
    out.push(minor(`expected no error code in the challenge when no credentials were sent (RFC 6750 §3), got error="${error}"`));
  } else if (typeof rule.error === 'string' && error !== rule.error) {
    out.push(
      minor(
        `expected error="${rule.error}" in the ${rule.scheme} challenge, got ${error === undefined ? 'no error code' : `error="${error}"`}`,
      ),
    );
  }
  if (rule.scope && !challenge.params.scope) {
    out.push(minor(`expected scope="…" in the insufficient_scope challenge naming the scopes needed (RFC 6750 §3), got none`));
  }
  if (rule.algs && !challenge.params.algs) {
    out.push(minor(`expected algs="…" in the DPoP challenge naming the proof algorithms accepted (RFC 9449 §7.1), got none`));
  }
  if (rule.resourceMetadata && !challenge.params.resource_metadata) {
    out.push(
      minor(
        `expected resource_metadata="…" in the ${rule.scheme} challenge pointing at the protected resource metadata (RFC 9728 §5.1), got none`,
      ),
    );
  }
  if (rule.acrValues && !challenge.params.acr_values) {
    out.push(
      minor(
        `expected acr_values="…" in the ${rule.scheme} challenge naming the authentication levels that would do (RFC 9470 §3), got none`,
      ),
    );
  }
  if (rule.maxAge && !/^\d+$/.test(challenge.params.max_age ?? '')) {
    out.push(
      minor(
        `expected max_age=<seconds> in the ${rule.scheme} challenge saying how recent the authentication must be (RFC 9470 §3), got ${challenge.params.max_age === undefined ? 'none' : `"${challenge.params.max_age}"`}`,
      ),
    );
  }
  return out;
}

/** The leak check: an error answer must not echo the credential it refused. @see CWE-209 */
import type { Observation } from '../core/observation.ts';
import type { Finding } from '../core/finding.ts';

export function checkLeak(obs: Observation, credential: string | undefined): Finding | undefined {
  if (!credential || obs.status < 400) return undefined;
  const token = credential.replace(/^\S+\s+/, '');
  // The signature segment is the part that is unique to this token; short values prove nothing.
  const needles = [token, token.split('.')[2] ?? ''].filter((n) => n.length >= 16);
  const where = [obs.body, ...Object.values(obs.headers)].join('\n');
  if (!needles.some((n) => where.includes(n))) return undefined;
  return {
    check: 'leak',
    severity: 'minor',
    message: 'the error answer echoes the refused token back (CWE-209); answer with a generic message',
  };
}

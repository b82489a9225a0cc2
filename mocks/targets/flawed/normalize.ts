/**
 * A report with what differs between two honest runs taken out: timestamps, durations, and what every
 * run mints afresh (tokens, jti and other UUIDs, key ids, ports, the times inside tokens). What is
 * left (verdicts, severities, statuses, challenges, audit codes, messages, notes, summary, policy) is
 * what two runs of the same catalogue against the same target must agree on.
 */
import type { Report } from '../../../harness/report.ts';

const SCRUB: Array<[RegExp, string]> = [
  // A token the redactor clipped (harness/redact.ts): its first characters, then its name.
  [/[\w-]+…(?=<[a-z -]*token:)/g, '<clipped>…'],
  // A JWS, a JWE (five parts) or a JWS with parts appended.
  [/eyJ[\w-]*(?:\.[\w-]*){2,}/g, '<jwt>'],
  [/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>'],
  // The parts of a token outside the compact form (a JWS JSON serialization echoed back): payload, header, signature.
  [/(?<![\w-])[\w-]{44,}(?![\w-])/g, '<b64>'],
  // A key id: a whole run of 43 base64url characters (a '-' is not a word boundary for this).
  [/(?<![\w-])[\w-]{43}(?![\w-])/g, '<kid>'],
  [/(127\.0\.0\.1|localhost|\[::1\]):\d+/g, '$1:<port>'],
  // The redactor numbers a scenario's tokens in the order they were sent (harness/redact.ts): with its endpoints side by side that order varies.
  [/(<[a-z -]*token:[\w-]+)(?:#\d+)?>/g, '$1#n>'],
  // How many probes the policy's binary searches took depends on the second they ran in (before any scenario).
  [/\b\d+ (introspection requests|measurement probes)\b/g, 'n $1'],
];

const DROP = new Set(['startedAt', 'finishedAt', 'durationMs', 'token', 'reproduce', 'probes']);

export function comparable(report: Report): unknown {
  return JSON.parse(JSON.stringify(report), (key, value: unknown) => {
    if (DROP.has(key)) return undefined;
    if (typeof value === 'string') return SCRUB.reduce((s, [re, to]) => s.replace(re, to), value);
    return value;
  });
}

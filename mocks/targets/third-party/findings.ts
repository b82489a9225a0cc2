/**
 * A report's failures as one line each (scenario, endpoint, verdict, severity, observed status and
 * Bearer challenge), so a test can pin exactly what a third-party validator gets wrong and notice
 * when a harness change moves any of it.
 */
import type { Report, ResultRow } from '../../../harness/report.ts';
import { findChallenge, parseWwwAuthenticate } from '../../../harness/observe/www-authenticate.ts';

/** The Bearer challenge as pinned: its error code, "Bearer" when it has none, "none" without a Bearer challenge. */
export function bearerChallenge(row: ResultRow): string {
  const bearer = findChallenge(parseWwwAuthenticate(row.observed?.wwwAuthenticate ?? []).challenges, 'Bearer');
  if (!bearer) return 'none';
  return bearer.params.error ? `Bearer error=${bearer.params.error}` : 'Bearer';
}

/** `scenario endpoint: verdict severity, status, challenge`; "no answer" when the target timed out. */
export function findingLine(row: ResultRow): string {
  const status = row.observed ? String(row.observed.status) : 'no answer';
  return `${row.scenario} ${row.endpoint}: ${row.verdict} ${row.severity}, ${status}, ${bearerChallenge(row)}`;
}

/** Every row that did not pass or skip, in catalogue order. */
export function findingLines(report: Report): string[] {
  return report.results.filter((r) => r.verdict !== 'pass' && r.verdict !== 'skip').map(findingLine);
}

/** too-broad's reason on a validator that bounds no lifetime when none is declared. */
export const NO_LIFETIME_LIMIT =
  'not applicable: no maximum lifetime declared (--max-lifetime S): a token is accepted for as long as its issuer makes it live; no maximum lifetime found: accepted up to the 30-day end of the search';

/** introspection-down's reason on a validator measured validating locally, when it declares nothing. */
export const NOT_INTROSPECTING =
  "not applicable: the API was not seen asking the IdP's introspection endpoint (observed policy), so its outage changes nothing; revoked shows what validating locally costs (declare --revocation introspection to have this judged)";

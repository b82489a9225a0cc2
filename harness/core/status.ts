/**
 * Statuses: the rules a profile or scenario writes (an exact number or a class such as "4xx") and the
 * one meaning of a refusal. REJECT, and an empty rule list, mean any non-2xx (CATALOGUE.md: "anything
 * but 2xx, fail closed"); whether a 5xx is good enough is the rule list's business, not REJECT's.
 */

/** A status: an exact number or a class such as "4xx". */
export type StatusRule = number | `${1 | 2 | 3 | 4 | 5}xx`;

/** 2xx: the API accepted the request. */
export function isAccepted(status: number): boolean {
  return status >= 200 && status <= 299;
}

/** Anything but 2xx: what REJECT asks for. */
export function isRefusal(status: number): boolean {
  return !isAccepted(status);
}

export function statusMatches(status: number, rules: readonly StatusRule[]): boolean {
  if (rules.length === 0) return isRefusal(status);
  return rules.some((r) => (typeof r === 'number' ? r === status : Math.floor(status / 100) === Number(r[0])));
}

export function describeStatus(rules: readonly StatusRule[]): string {
  return rules.length ? rules.join(' or ') : 'a non-2xx status';
}

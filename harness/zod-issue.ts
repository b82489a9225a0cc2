/** Reading a zod issue for a one-line user error: where it is, and what went wrong in the branch that got furthest. */
import type { z } from 'zod';

export type Issue = z.core.$ZodIssue;

/** `results[3].verdict`, `policy.leeway`; `(top level)` for the root. */
export function where(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(top level)';
}

/** An issue with its full path; of a union's failed branches, the one that got furthest (its first issue deepest), recursively. */
export function deepest(issue: Issue): { path: PropertyKey[]; issue: Issue } {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { path: [...issue.path], issue };
  const best = issue.errors.map((branch) => deepest(branch[0]!)).reduce((a, b) => (b.path.length > a.path.length ? b : a));
  return { path: [...issue.path, ...best.path], issue: best.issue };
}

import { insufficientScope } from '../reference/rejection.ts';
import type { Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** Each needed scope found by a word-boundary regular expression in whatever the claim stringifies to. */
const checkScope: Step = (ctx) => {
  const needed = ctx.endpoint.scopes;
  if (needed.length === 0) return;
  const text = String(ctx.claims?.scope ?? '');
  if (text.trim() === '') return insufficientScope('InvalidScope', needed);
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (!needed.every((s) => new RegExp(`\\b${escape(s)}\\b`).test(text))) return insufficientScope('ScopeMismatched', needed);
};

export default defineFlawedTarget({
  name: 'scope-regex',
  flaw: 'Finds each needed scope with a word-boundary regular expression in `String(claims.scope)`, so scopes in an array, nested arrays, separated by commas or tabs, or followed by a NUL byte all grant access.',
  basedOn:
    'Hand-written `/\\badmin\\b/.test(token.scope)` checks; RFC 9068 §2.2.3 and RFC 6749 §3.3 define scope as space-separated tokens matched exactly.',
  catches: ['scope-tricks', 'scope-shape'],
  severity: 'critical',
  options: { steps: { checkScope } },
});

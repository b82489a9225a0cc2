/**
 * A profile read from a user's file (JSON, or a module default-exporting one), checked before any work
 * starts. Shorthands are widened here: a single status, audit code or message template stands for a
 * list of one or `{ template }`. Any mistake is one HarnessError line naming the key and the fix.
 */
import { z } from 'zod';
import { HarnessError } from '../../harness/core/errors.ts';
import { CATEGORIES } from '../../harness/core/category.ts';
import type { Profile } from './profile.ts';
import type { StatusRule } from '../../harness/core/status.ts';

import { ANSWER_CLASSES } from '../../harness/core/answer.ts';
const GUIDE = 'see scenarios/profiles/README.md';

const listOf = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item));

const statusRule = z.custom<StatusRule>(
  (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 100 && v <= 599) || (typeof v === 'string' && /^[1-5]xx$/.test(v)),
  'expected a status such as 401 or a class such as "4xx"',
);

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

const message = z.preprocess(
  (v) => (typeof v === 'string' ? { template: v } : v),
  z
    .object({
      template: z.string().min(1).optional(),
      pattern: z.string().min(1).refine(compiles, 'expected a valid regular expression').optional(),
      in: z
        .string()
        .refine(
          (w) => w === 'body' || w === 'error_description' || /^json:\S+$/.test(w),
          'expected "body", "error_description" or "json:<path>"',
        )
        .optional(),
    })
    .strict()
    .refine(
      (m) => m.template !== undefined || m.pattern !== undefined,
      'expected "template" (with %s placeholders) or "pattern" (a regular expression)',
    ),
);

const challenge = z
  .object({
    scheme: z.string().min(1),
    error: z.string().min(1).nullable().optional(),
    scope: z.boolean().optional(),
    algs: z.boolean().optional(),
    resourceMetadata: z.boolean().optional(),
    acrValues: z.boolean().optional(),
    maxAge: z.boolean().optional(),
  })
  .strict();

const fields = {
  accept: z.boolean().optional(),
  status: listOf(statusRule),
  challenge: challenge.optional(),
  message: message.optional(),
  auditCode: listOf(z.string().min(1)).optional(),
};

const expectation = z.object(fields).strict();
const refinement = z.object({ ...fields, status: fields.status.optional() }).strict();

const schema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    classes: z
      .object(
        Object.fromEntries(ANSWER_CLASSES.map((c) => [c, expectation])) as Record<(typeof ANSWER_CLASSES)[number], typeof expectation>,
      )
      .strict(),
    byCategory: z
      .object(Object.fromEntries(CATEGORIES.map((c) => [c, refinement.optional()])))
      .strict()
      .optional(),
    byScenario: z.record(z.string(), refinement).optional(),
    useScenarioAuditCodes: z.boolean().optional(),
    auditCodeMap: z.record(z.string(), listOf(z.string().min(1))).optional(),
  })
  .strict();

/** What to do about the first problem, in the words of the key it is on. */
function fix(issue: z.core.$ZodIssue, path: string): string {
  const root = issue.path[0];
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    if (root === 'classes' && issue.path.length === 1) return `remove ${keys}: the answer classes are ${ANSWER_CLASSES.join(', ')}`;
    if (root === 'byCategory' && issue.path.length === 1) return `remove ${keys}: the categories are ${CATEGORIES.join(', ')}`;
    return `remove ${keys} or check its spelling`;
  }
  if (issue.code === 'invalid_type' && root === 'classes' && issue.path.length === 2) {
    return `give every answer class (${ANSWER_CLASSES.join(', ')}) an expectation, e.g. "${String(issue.path[1])}": { "status": [401] }`;
  }
  if (issue.path.length === 0) return 'the file must hold (JSON) or default-export (module) a profile object { "name": …, "classes": … }';
  return `fix "${path}"`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  const input = 'input' in issue ? issue.input : undefined;
  if (issue.code === 'invalid_type' && input === undefined) return `missing (${issue.expected} expected)`;
  const got = input === undefined ? '' : `, got ${JSON.stringify(input)?.slice(0, 60)}`;
  if (issue.code === 'invalid_type') return `expected ${issue.expected}${got}`;
  return `${issue.message.replace(/^Invalid input: /, '')}${got}`;
}

/** The profile in `data`, or a one-line ERR_CONFIG_INVALID naming `source`, the key and the fix. */
export function parseProfile(data: unknown, source: string): Profile {
  const parsed = schema.safeParse(data, { reportInput: true });
  if (parsed.success) return { ...parsed.data, description: parsed.data.description ?? '' } as Profile;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map(String).join('.') || '(top level)';
  const line = `${source}: ${path}: ${describeIssue(issue)}; ${fix(issue, path)} (${GUIDE})`;
  throw new HarnessError('ERR_CONFIG_INVALID', line.replace(/\s*\n\s*/g, ' '));
}

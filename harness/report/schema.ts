/**
 * report.json, defined once. The TS types (harness/report.ts re-exports them) are inferred from these
 * zod schemas, every reader validates through `reportSchema` (harness/report/read.ts), and the published
 * JSON Schema (reports/schema/report.v1.json) is generated from it by `npm run schema`; a test fails when
 * the checked-in file drifts.
 *
 * Adding a field is one edit here: add it to the object it belongs to (`.optional()` when reports
 * written before it must stay readable), run `npm run schema`, and the type, the validator and the
 * published schema follow. Field names follow CONTRACT.md; `schemaVersion` changes only with an
 * incompatible change.
 *
 * The published schema describes what a reader accepts (zod's input side): reports written before
 * `distinctFailures` existed are valid, and read into today's shape (`normaliseProperty`).
 */
import { z } from 'zod';
import { ANSWER_CLASSES } from '../core/answer.ts';
import { CATEGORIES } from '../core/category.ts';
import type { StatusRule } from '../core/status.ts';
import { CHECK_IDS, type Finding, type Severity } from '../core/finding.ts';
import type { Ref } from '../core/ref.ts';
import type { TargetKind } from '../config.ts';
import type { VerdictKind } from '../judge.ts';
import { declaredPolicySchema } from '../policy/declared.ts';
import { observedPolicySchema } from '../core/observed-policy.ts';
import { mutation } from './mutation.ts';

export const SEVERITIES = ['critical', 'major', 'minor'] as const satisfies readonly Severity[];
export const TARGET_KINDS = ['url', 'app', 'start'] as const satisfies readonly TargetKind[];
export const VERDICTS = ['pass', 'fail', 'skip', 'error'] as const satisfies readonly VerdictKind[];

const count = z.number().int().min(0).meta({ id: 'count' });
const port = z.number().int().min(0).max(65535);
const date = z.iso.datetime({ offset: true });
const json = z.record(z.string(), z.unknown());
export const severity = z.enum(SEVERITIES).meta({ id: 'severity' });
const answerClass = z.enum(ANSWER_CLASSES).meta({ id: 'answerClass' });
const statusRule: z.ZodType<StatusRule> = z
  .union([z.number().int().min(100).max(599), z.templateLiteral([z.literal([1, 2, 3, 4, 5]), 'xx'])])
  .meta({
    id: 'statusRule',
  });

export const expectedAnswer = z
  .strictObject({
    classes: z.array(answerClass),
    /** `2xx` for a positive control. */
    status: z
      .union([z.literal('2xx'), z.array(statusRule)])
      .describe('Allowed statuses when rejecting (empty: any non-2xx), or "2xx" for a positive control.'),
    error: z.string().nullable().describe('The WWW-Authenticate error code expected; null when none is.'),
    message: z.string().nullable(),
    auditCode: z.array(z.string()).nullable().describe('Allowed audit codes (the login audit trail vocabulary); null when not checked.'),
  })
  .meta({ id: 'expected' });

export const observedAnswer = z
  .strictObject({
    status: z.number().int().min(0).max(999),
    wwwAuthenticate: z.array(z.string()),
    /** Truncated. */
    body: z.string().describe('Truncated.'),
    auditCode: z.string().nullable(),
    durationMs: z.number().min(0),
  })
  .meta({ id: 'observed' });

const finding = z.strictObject({ check: z.enum(CHECK_IDS), severity, message: z.string() }).meta({ id: 'finding' });

/** Where a rule comes from (harness/core/ref.ts); a report written before refs were data gives plain text, read as the spec. */
const refObject = z.strictObject({ spec: z.string().min(1), section: z.string().optional(), url: z.string().optional() });
const ref: z.ZodType<Ref, Ref | string> = z
  .union([
    refObject,
    z
      .string()
      .min(1)
      .transform((spec): Ref => ({ spec })),
  ])
  .meta({ id: 'ref', description: 'Where the rule comes from: { spec, section?, url? }; plain text in reports before 0.2.' });

/** A failure the expected-failures file lists (harness/adopt/gate.ts): reported as expected, not failing the run. */
export const expectedFailureMark = z
  .strictObject({
    /** "file:line" of the entry. */
    at: z.string().describe('file:line of the entry.'),
    reason: z.string(),
  })
  .describe('A failure the expected-failures file lists: reported as expected, not failing the run.')
  .meta({ id: 'expectedFailureMark' });

export const resultRow = z
  .strictObject({
    scenario: z.string().min(1),
    title: z.string(),
    endpoint: z.string(),
    category: z.enum(CATEGORIES),
    /** Severity of the failure; null when it did not fail. */
    severity: severity.nullable().describe('Severity of the failure; null when it did not fail.'),
    refs: z.array(ref),
    verdict: z.enum(VERDICTS),
    expected: expectedAnswer,
    observed: observedAnswer.nullable(),
    /** One human sentence each. */
    failures: z.array(z.string()).describe('One human sentence each.'),
    findings: z.array(finding),
    /** A curl command that sends the (first failing) probe. */
    reproduce: z.string().nullable().describe('A curl command that sends the (first failing) probe.'),
    /** What to change in the API. */
    resolution: z.string().describe('What to change in the API.'),
    /** The forged token sent (decoded); `value` is omitted with --redact-tokens. */
    token: z
      .strictObject({
        header: json,
        claims: json,
        value: z.string().optional().describe('Omitted with --redact-tokens.'),
      })
      .nullable(),
    /** Variant labels sent for this scenario, when more than one. */
    variants: z.array(z.string()),
    skipReason: z.string().optional(),
    error: z.string().optional(),
    /** How the verdict was reached when that is worth saying: "refused by ending the connection…". */
    notes: z.array(z.string()).optional().describe('How the verdict was reached when that is worth saying.'),
    /** Set on a failing row the expected-failures file lists. */
    expectedFailure: expectedFailureMark.optional(),
  })
  .meta({ id: 'result' });

/**
 * What the built-in properties (harness/properties/) record as a failed property's counterexample:
 * the shrunk case and everything needed to read it and to replay it.
 */
export const propertyCounterexample = z
  .strictObject({
    /** The shrunk case: mutations of the baseline (harness/properties/mutation.ts), minted again by replay. */
    mutations: z
      .array(mutation)
      .describe('The shrunk case as mutations of the baseline (harness/properties/mutation.ts), minted again by replay.'),
    /** The case in words. */
    case: z.string(),
    severity,
    shrinks: count,
    /** Scopes the endpoint needs: the baseline's scope there. */
    scopes: z.array(z.string()),
    /** The policy the oracle judged by; null where none was declared (README "Declared and observed policy"). */
    policy: z.strictObject({
      leeway: z.number().nullable().describe('The declared leeway; null when none was declared (judged against the 300 s ceiling).'),
      maxLifetime: z.number().nullable().describe('The declared maximum lifetime; null when none was declared.'),
      algorithms: z.array(z.string()),
      typ: z.string(),
    }),
    /** The answer classes the oracle allowed, and the rules the case breaks. */
    expected: z.strictObject({
      classes: z.array(answerClass),
      reasons: z.array(z.string()),
    }),
    observed: observedAnswer.nullable(),
    /** Decoded header and claims as sent. */
    header: json,
    claims: json,
    /** The token sent; omitted with --redact-tokens. */
    token: z.string().optional().describe('Omitted with --redact-tokens.'),
  })
  .meta({ id: 'propertyCounterexample' });

/**
 * One distinct failure of a property. Two failures are distinct when they differ in severity, in the
 * answer observed, or in the oracle rules that decide the case (harness/properties/failure-class.ts).
 */
export const propertyFailure = z
  .strictObject({
    severity,
    /** The answer observed: an answer class of the profile (OK, IT, IS, IR, NC), else `4xx`, `5xx`…, or `no answer`. */
    answer: z
      .string()
      .min(1)
      .describe(
        'The answer observed: an answer class of the profile (OK, IT, IS, IR, NC), else a status family such as 5xx, or "no answer".',
      ),
    /** The oracle rules that decide the case (harness/properties/oracle.ts, e.g. C2 audience), sorted; none for a valid token. */
    rules: z
      .array(z.string())
      .describe('The oracle rules that decide the case (harness/properties/oracle.ts), sorted; empty for a valid token.'),
    /** fast-check replay path from the property's seed to this shrunk case. */
    path: z
      .string()
      .regex(/^\d+(:\d+)*$/, 'expected a fast-check path such as 17:3:0')
      .describe("fast-check replay path from the property's seed to this shrunk case."),
    failures: z.array(z.string()),
    /** A curl command that sends the case. */
    reproduce: z.string().nullable(),
    counterexample: propertyCounterexample,
  })
  .meta({ id: 'propertyFailure' });

const propertyCommon = {
  property: z.string().min(1),
  endpoint: z.string(),
  seed: z.number().int(),
  /** Cases sent. */
  runs: count,
  /** The failure sentences of every distinct failure, worst first (for an error: why it could not be judged). */
  failures: z.array(z.string()).describe('The failure sentences of every distinct failure, worst first.'),
  /** Set on a failing property the expected-failures file lists. */
  expectedFailure: expectedFailureMark.optional(),
};

/** No case failed within the budget. */
const propertyPassed = z.strictObject({
  ...propertyCommon,
  verdict: z.literal('pass'),
  path: z.null(),
  counterexample: z.null().default(null),
  distinctFailures: z.array(propertyFailure).max(0).default([]),
  reproduce: z.null(),
});

/** Cases failed: the worst failure is `counterexample`, `path` and `reproduce`; every distinct one is listed. */
const propertyFailed = z.strictObject({
  ...propertyCommon,
  verdict: z.literal('fail'),
  /** fast-check replay path of the worst failure's shrunk counterexample. */
  path: z.string().describe('fast-check replay path of the shrunk counterexample.'),
  /** The shrunk counterexample of the worst failure. */
  counterexample: propertyCounterexample,
  /**
   * The distinct failures found within the case budget, worst first, each shrunk and replayable; the first
   * is `counterexample`, `path` and `reproduce`. Absent in reports written before they were recorded: read
   * through `reportSchema`, such a report gets the one failure its counterexample describes.
   */
  distinctFailures: z
    .array(propertyFailure)
    .min(1)
    .optional()
    .describe(
      'The distinct failures found within the case budget, worst first; the first is counterexample, path and reproduce. Absent in reports written before it was recorded.',
    ),
  reproduce: z.string().nullable(),
});

/** The property could not be judged (interrupted, the endpoint stopped answering, a harness error): `failures` says why. */
const propertyErrored = z.strictObject({
  ...propertyCommon,
  verdict: z.literal('error'),
  /** Where fast-check was when the harness failed, if it knows. */
  path: z.string().nullable(),
  counterexample: z.null().default(null),
  distinctFailures: z.array(propertyFailure).max(0).default([]),
  reproduce: z.null(),
});

const RULE = /^([A-Z]\d*): /;

type PropertyFailed = z.output<typeof propertyFailed> & {
  distinctFailures: PropertyFailure[];
};

/** A report written before `distinctFailures`: its one counterexample as the one distinct failure. */
function normaliseProperty(
  p: z.output<typeof propertyResultInput>,
): z.output<typeof propertyPassed> | PropertyFailed | z.output<typeof propertyErrored> {
  if (p.verdict !== 'fail') return p;
  if (p.distinctFailures) return { ...p, distinctFailures: p.distinctFailures };
  const c = p.counterexample;
  const rules = c.expected.reasons.map((r) => RULE.exec(r)?.[1]).filter((r): r is string => !!r);
  const only: PropertyFailure = {
    severity: c.severity,
    answer: c.observed ? `${Math.floor(c.observed.status / 100)}xx` : 'no answer',
    rules: [...new Set(rules)].sort(),
    path: p.path,
    failures: p.failures,
    reproduce: p.reproduce,
    counterexample: c,
  };
  return { ...p, distinctFailures: [only] };
}

const propertyResultInput = z.discriminatedUnion('verdict', [propertyPassed, propertyFailed, propertyErrored]).meta({ id: 'property' });

/** A property's result: passed, failed (with its counterexample and distinct failures) or errored, told apart by `verdict`. */
export const propertyResult = propertyResultInput.transform(normaliseProperty);

export const summary = z
  .strictObject({
    total: count,
    passed: count,
    failed: count,
    skipped: count,
    errored: count,
    /** Failures the expected-failures file lists; not in `failed` nor `bySeverity`. Absent in older reports. */
    expected: count.optional().describe('Failures the expected-failures file lists; not in failed nor bySeverity.'),
    bySeverity: z.strictObject({ critical: count, major: count, minor: count }),
  })
  .meta({ id: 'summary' });

/** What fails the run: --fail-on, the expected-failures file and its stale entries (harness/adopt/gate.ts). */
export const gate = z
  .strictObject({
    failOn: severity,
    expectedFailures: z
      .strictObject({
        file: z.string(),
        entries: count,
        matched: count,
        /** Entries whose checks all pass now: each fails the run until removed. */
        stale: z.array(z.strictObject({ at: z.string(), scenario: z.string(), endpoint: z.string().nullable(), reason: z.string() })),
      })
      .nullable(),
    /** Unexpected failures below failOn: reported, not failing the run. */
    belowThreshold: count.describe('Unexpected failures below failOn: reported, not failing the run.'),
    /** The run's verdict for CI: false = exit 1. */
    passed: z.boolean().describe('The run verdict for CI: false = exit 1.'),
  })
  .describe('What fails the run: --fail-on, the expected-failures file and its stale entries.')
  .meta({ id: 'gate' });

/** Why a run stopped before judging everything (the report then says `partial: true`). */
export const runStop = z
  .strictObject({
    cause: z.enum(['interrupted', 'target-lost', 'baseline-refused', 'harness-error']),
    /** One line naming the cause and the fix. */
    message: z.string().describe('One line naming the cause and the fix.'),
  })
  .meta({ id: 'runStop' });

export const reportSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    tool: z.strictObject({
      name: z.literal('token-gauntlet'),
      version: z.string(),
    }),
    startedAt: date,
    finishedAt: date,
    /** True when the run stopped early (`stop` says why): results hold what finished. */
    partial: z.boolean().describe('True when the run stopped early (stop says why): results hold what finished.'),
    stop: runStop.nullable().describe('Why the run stopped before judging everything; null when it did not.'),
    /** The target as the run saw it: its URL, or "in-process app". */
    target: z.string().describe('The target as the run saw it: its URL, or "in-process app".'),
    /** How the target was given: an API already listening (url), an in-process app, or a server the run started. Absent in older reports. */
    targetKind: z
      .enum(TARGET_KINDS)
      .optional()
      .describe(
        'How the target was given: url (an API already listening; replay may send to it again), app (in-process) or start (a server the run started and stopped). Absent in older reports.',
      ),
    profile: z.string(),
    idp: z.strictObject({ issuer: z.string(), jwks_uri: z.string() }),
    baseline: z.strictObject({
      alg: z.string(),
      typ: z.string(),
      audience: z.string(),
      accepted: z.boolean(),
    }),
    endpoints: z.array(z.string()),
    seed: z.number().int().nullable(),
    /** What the API declares (config `policy`, --leeway, --max-lifetime, --revocation); null where undeclared. */
    declaredPolicy: declaredPolicySchema.meta({ id: 'declaredPolicy' }).optional(),
    /** What the API was measured to enforce (harness/policy/measure.ts); absent when nothing was measured. */
    observedPolicy: observedPolicySchema.meta({ id: 'observedPolicy' }).optional(),
    gate: gate.optional(),
    /** What `gauntlet replay` needs to send to the same place again: the IdP port and keys file the target trusts, the endpoints with their scopes. */
    replayWith: z
      .strictObject({
        target: z.enum(TARGET_KINDS),
        idpPort: port.nullable(),
        keysFile: z.string().nullable(),
        endpoints: z.array(z.string()).describe('"METHOD /path scope…"'),
      })
      .optional()
      .describe('What gauntlet replay needs to send to the same place again.'),
    /** Which slice of the scenarios this run was (--shard i/n); `gauntlet merge` combines the shards. */
    shard: z
      .strictObject({ index: z.number().int().min(1), total: z.number().int().min(1) })
      .optional()
      .describe('Which slice of the scenarios this run was (--shard i/n).'),
    summary,
    results: z.array(resultRow),
    properties: z.array(propertyResult),
  })
  .meta({
    $id: 'urn:token-gauntlet:report:v1',
    title: 'token-gauntlet report.json, schemaVersion 1',
    description:
      'The Report of harness/report/schema.ts (this file is generated from it: npm run schema): the one shape every writer, `gauntlet report` and `gauntlet replay` read. Field names follow CONTRACT.md; an incompatible change bumps schemaVersion and adds report.v2.json.',
  });

export type ExpectedAnswer = z.output<typeof expectedAnswer>;
export type ObservedAnswer = z.output<typeof observedAnswer>;
export type ResultRow = z.output<typeof resultRow>;
export type RunStop = z.output<typeof runStop>;
export type PropertyCounterexample = z.output<typeof propertyCounterexample>;
export type PropertyFailure = z.output<typeof propertyFailure>;
export type PropertyResult = z.output<typeof propertyResult>;
export type Summary = z.output<typeof summary>;
export type Gate = z.output<typeof gate>;
export type ExpectedFailureMark = z.output<typeof expectedFailureMark>;
export type Report = z.output<typeof reportSchema>;
/** A report as a reader accepts it (older reports included), before it is read into `Report`. */
export type ReportInput = z.input<typeof reportSchema>;

/** The published JSON Schema of report.json (draft 2020-12), as `npm run schema` writes it. */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(reportSchema, {
    io: 'input',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
}

// The writers' own vocabulary fits the schema (checked by tsc).
type Fits<A, B> = [A] extends [B] ? true : false;
const findingFits: Fits<Finding, z.input<typeof finding>> = true;
void findingFits;

/**
 * A property case as report.json records it (`counterexample.mutations`): the zod reading of the
 * mutation language of harness/properties/mutation.ts, so replay mints again only what it can read.
 * The two cannot drift: `Same` below fails to compile when one changes without the other.
 */
import { z } from 'zod';
import {
  ALG_VARIANTS,
  AUDIENCE_SHAPES,
  DATE_CLAIMS,
  DATE_SHAPES,
  KID_VARIANTS,
  LINE_BREAKS,
  SCOPE_FORMS,
  STRING_CLAIMS,
  STRING_SHAPES,
  TYP_VARIANTS,
  type Mutation,
} from '../properties/mutation.ts';

const mutationSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('time'),
    claim: z.enum(DATE_CLAIMS),
    from: z.enum(['now', 'leeway', 'max-lifetime']),
    offset: z.number().int(),
  }),
  z.discriminatedUnion('claim', [
    z.strictObject({ kind: z.literal('claim'), claim: z.enum(DATE_CLAIMS), shape: z.enum(DATE_SHAPES) }),
    z.strictObject({ kind: z.literal('claim'), claim: z.enum(STRING_CLAIMS), shape: z.enum(STRING_SHAPES) }),
  ]),
  z.discriminatedUnion('member', [
    z.strictObject({
      kind: z.literal('header'),
      member: z.literal('alg'),
      variant: z.union([z.enum(ALG_VARIANTS), z.templateLiteral(['key:', z.string()])]),
    }),
    z.strictObject({ kind: z.literal('header'), member: z.literal('kid'), variant: z.enum(KID_VARIANTS) }),
    z.strictObject({ kind: z.literal('header'), member: z.literal('typ'), variant: z.enum(TYP_VARIANTS) }),
  ]),
  z.strictObject({ kind: z.literal('audience'), shape: z.enum(AUDIENCE_SHAPES) }),
  z.strictObject({ kind: z.literal('scope'), parts: z.array(z.strictObject({ scope: z.string(), form: z.enum(SCOPE_FORMS) })) }),
  z.strictObject({
    kind: z.literal('transport'),
    scheme: z.string(),
    gap: z.string(),
    lead: z.string(),
    trail: z.string(),
    lineBreak: z.strictObject({ seq: z.enum(LINE_BREAKS), at: z.number() }).nullable(),
  }),
]);

/** One mutation of the baseline; its type is the properties' own `Mutation`. */
export const mutation: z.ZodType<Mutation> = mutationSchema.meta({
  id: 'mutation',
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same: Same<z.infer<typeof mutationSchema>, Mutation> = true;
void same;

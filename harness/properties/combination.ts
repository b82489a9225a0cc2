/**
 * Arbitrary: one to three mutations from every family, each on a different slot (three cases in four
 * combine two or three). It shrinks like any case, to the mutations a failure needs: a combined
 * counterexample names the smallest set of changes that still fails.
 */
import fc from 'fast-check';
import { audienceShape } from './audience.ts';
import { claimShape } from './claim-type.ts';
import { headerVariant } from './header.ts';
import type { Mutation } from './mutation.ts';
import { scopeString } from './scope.ts';
import { someOf } from './some-of.ts';
import type { CaseSpace } from './space.ts';
import { timeShift } from './time.ts';
import { transportVariant } from './transport.ts';

export function combination(space: CaseSpace): fc.Arbitrary<Mutation[]> {
  const slots: Record<string, fc.Arbitrary<Mutation>> = {
    exp: fc.oneof(timeShift('exp'), claimShape('exp')),
    nbf: fc.oneof(timeShift('nbf'), claimShape('nbf')),
    iat: fc.oneof(timeShift('iat'), claimShape('iat')),
    iss: claimShape('iss'),
    aud: fc.oneof(audienceShape(), claimShape('aud')),
    sub: claimShape('sub'),
    client_id: claimShape('client_id'),
    jti: claimShape('jti'),
    scope: fc.oneof(scopeString(space), claimShape('scope')),
    alg: headerVariant(space, 'alg'),
    kid: headerVariant(space, 'kid'),
    typ: headerVariant(space, 'typ'),
  };
  if (space.scheme) slots.transport = transportVariant(space);
  return someOf(slots, { min: 1, max: 3, absentOdds: 5 });
}

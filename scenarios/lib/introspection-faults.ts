/**
 * Introspection answers the IdP falsifies for one token (by its jti; every other token introspects as
 * usual meanwhile), set just before the variant is sent.
 *
 * Garbage (RFC 7662 §2.2): 200 with what is no answer. JWT forgeries (RFC 9701): the API asks for the
 * answer as a JWT and gets one saying a revoked token is active, but unsigned, signed by a stranger,
 * addressed to another resource server or an hour old. An API that asks for JSON gets the truth
 * (active=false) and refuses the token anyway.
 */
import type { IntrospectionGarbage, IntrospectionJwtForgery } from '../../mocks/idp/state.ts';
import type { ScenarioContext, Variant } from '../define.ts';

async function faulted(
  ctx: ScenarioContext,
  label: string,
  fault: { introspectGarbage?: IntrospectionGarbage; introspectJwt?: IntrospectionJwtForgery },
  revoked: boolean,
): Promise<Variant> {
  const token = await ctx.forge();
  const jti = String(token.claims.jti);
  return {
    label,
    credential: { kind: 'token', token },
    before: async (c) => {
      if (revoked) c.idp.state.revokedJtis.add(jti);
      c.idp.state.faultToken(jti, fault);
    },
  };
}

/** The baseline (revoked first when `revoked`), its introspection answered with `garbage`. */
export function garbledAnswer(ctx: ScenarioContext, label: string, garbage: IntrospectionGarbage, revoked = false): Promise<Variant> {
  return faulted(ctx, label, { introspectGarbage: garbage }, revoked);
}

/** A revoked baseline whose JWT introspection answer says active, forged as `forgery` says. */
export function forgedAnswer(ctx: ScenarioContext, label: string, forgery: IntrospectionJwtForgery): Promise<Variant> {
  return faulted(ctx, label, { introspectJwt: forgery }, true);
}

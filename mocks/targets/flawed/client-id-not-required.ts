import { referenceSteps, requireClaims, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

const absent = (claims: Record<string, unknown> | undefined): boolean => claims?.client_id === undefined;

/** The caller's client id header is compared with the token's client_id only when the token has one. */
const checkClientId: Step = (ctx) => (absent(ctx.claims) ? undefined : referenceSteps.checkClientId(ctx));

/** Without a client_id there is no client to look up: the subject and tenant are still checked. */
const checkDirectory: Step = (ctx) => {
  const directory = ctx.options.directory;
  if (!absent(ctx.claims) || !directory) return referenceSteps.checkDirectory(ctx);
  return referenceSteps.checkDirectory({ ...ctx, options: { ...ctx.options, directory: { ...directory, clients: undefined } } });
};

export default defineFlawedTarget({
  name: 'client-id-not-required',
  flaw: "Treats client_id as optional: a token without it is not refused, and every client check (the caller's client id header, the registered clients) is skipped for want of a client to check; one flaw, three steps of the reference that relax it.",
  basedOn:
    "express-oauth2-jwt-bearer 1.10.0's default validator `client_id: (clientId) => (clientId === undefined && !strict) || typeof clientId === 'string'` (required only with `strict: true`); fast-jwt and jsonwebtoken know no client_id; the pattern `if (claims.client_id && claims.client_id !== header)`; RFC 9068 §2.2.",
  catches: ['client-id-missing'],
  // Accepting it is a conformance breach, not a forged token let in (the scenario's ifAccepted).
  severity: 'major',
  introspects: true,
  options: { steps: { checkRequiredClaims: requireClaims('sub', 'jti'), checkClientId, checkDirectory } },
});

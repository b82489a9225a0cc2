import { compactVerify, importJWK } from 'jose';
import { certificateValidity } from '../reference/certificate.ts';
import { invalidToken } from '../reference/rejection.ts';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';
import { fetchPublishedKeys } from './step-view.ts';

/** No kid: try every published key of the token's algorithm (with a valid certificate) until one verifies. */
const resolveKey: Step = async (ctx) => {
  const kid = ctx.header?.kid;
  if (typeof kid === 'string' && kid !== '') return referenceSteps.resolveKey(ctx);
  const alg = String(ctx.header?.alg);
  for (const jwk of await fetchPublishedKeys(ctx.options.jwksUri, ctx.options.idpTimeoutMs)) {
    if (jwk.alg !== alg) continue;
    const validity = jwk.x5c?.[0] === undefined ? undefined : certificateValidity(jwk.x5c[0]);
    if (validity === null || (validity && (ctx.now < validity.notBefore || ctx.now > validity.notAfter))) continue;
    const key = (await importJWK(jwk, alg)) as CryptoKey;
    const fits = await compactVerify(ctx.token ?? '', key, { algorithms: [alg] }).then(
      () => true,
      () => false,
    );
    if (fits) {
      ctx.key = key;
      return;
    }
  }
  return invalidToken('InvalidSignature');
};

export default defineFlawedTarget({
  name: 'missing-kid-any-key',
  flaw: 'A token without kid is tried against every published key until one verifies, instead of being refused while the JWKS holds several keys.',
  basedOn: "Microsoft.IdentityModel's TryAllIssuerSigningKeys (on by default), nimbus-jose-jwt and TomEE (TOMEE-4029) trying all JWKS keys when kid is absent; the login audit trail refuses it as MissingKeyId.",
  catches: ['missing-kid', 'kid-injection'],
  severity: 'critical',
  options: { steps: { resolveKey } },
});

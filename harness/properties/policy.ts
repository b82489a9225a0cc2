/** The policy the oracle judges an endpoint by, from the configuration and the IdP the target trusts. */
import type { MockIdp } from '../../mocks/idp/idp.ts';
import type { ResolvedConfig } from '../config.ts';
import type { Endpoint } from '../core/endpoint.ts';
import type { Policy } from './oracle.ts';
import { baselineAlg, caseSpace } from './space.ts';

export function policyFor(config: ResolvedConfig, idp: Pick<MockIdp, 'issuer' | 'minter'>, endpoint: Endpoint): Policy {
  return {
    issuer: idp.issuer,
    audience: config.audience,
    leeway: config.policy.leeway ?? null,
    maxLifetime: config.policy.maxLifetime ?? null,
    lifetime: idp.minter.shape.lifetime,
    // Undeclared, only the baseline's algorithm is known to be accepted; the others are then never sent.
    algorithms: config.policy.algorithms ?? [baselineAlg(config)],
    typ: config.baseline.typ,
    scopes: [...endpoint.scopes],
    scheme: caseSpace(config, endpoint).scheme,
    subject: idp.minter.shape.subject,
    clientId: idp.minter.shape.clientId,
    clientIdSent: config.clientIdHeader !== undefined,
  };
}

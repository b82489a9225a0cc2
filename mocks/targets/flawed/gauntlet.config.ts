/**
 * Try the gauntlet on an API with a known flaw: one flawed target, chosen by GAUNTLET_FLAW (default
 * no-exp-check), configured as the matrix configures it.
 *
 *   GAUNTLET_FLAW=query-token-accepted npx gauntlet run --config mocks/targets/flawed/gauntlet.config.ts
 *
 * The run exits 1 and its reports name the scenarios that caught the flaw.
 */
import { defineConfig } from '../../../harness/define-config.ts';
import { HarnessError } from '../../../harness/core/errors.ts';
import { CLIENT_ID_HEADER, FIXTURES, REFERENCE_POLICY } from '../reference/gauntlet.config.ts';
import { acceptEverything, flawedTargets } from './index.ts';
import { AUDITED, declaredStateless, ENDPOINTS, serve, skippedFor } from './run-flawed.ts';

const name = process.env['GAUNTLET_FLAW'] || 'no-exp-check';
const target = [...flawedTargets, acceptEverything].find((t) => t.name === name);
if (!target) {
  throw new HarnessError(
    'ERR_CONFIG_INVALID',
    `GAUNTLET_FLAW: no flawed target "${name}"; use one of ${[...flawedTargets, acceptEverything].map((t) => t.name).join(', ')}`,
  );
}

export default defineConfig({
  target: { start: (env) => serve(target, env) },
  audience: 'https://api.example.test',
  endpoints: ENDPOINTS,
  clientIdHeader: CLIENT_ID_HEADER,
  fixtures: FIXTURES,
  idp: { issuers: 2 },
  profile: AUDITED,
  // The reference's own policy; a target that validates locally is declared stateless.
  policy: {
    leeway: REFERENCE_POLICY.leeway,
    maxLifetime: REFERENCE_POLICY.maxLifetime,
    ...(declaredStateless(target) ? { revocation: 'none' } : {}),
  },
  skip: declaredStateless(target) ? [] : skippedFor(target),
});

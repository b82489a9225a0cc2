/** `gauntlet mint <scenario-id>`: print one forged token (stdout, token only) for trying by hand with curl. */
import { MockIdp } from '../../mocks/idp/idp.ts';
import type { SigningAlg } from '../../mocks/idp/keys.ts';
import { resolveConfig } from '../config.ts';
import { parseEndpoint } from '../endpoint.ts';
import { HarnessError } from '../core/errors.ts';
import { scenariosFor } from '../load-scenarios.ts';
import { scenarioContext } from '../scenario-context.ts';
import type { Out } from './out.ts';

export interface MintFlags {
  issuer?: string;
  audience?: string;
  keys?: string;
  algs?: SigningAlg[];
  typ?: string;
  endpoint?: string;
  scenarios?: string[];
}

/** Not a scenario: `gauntlet mint valid` prints the baseline itself, a token the API must accept. */
export const VALID_TOKEN_ID = 'valid';

export async function mintCommand(id: string, flags: MintFlags, out: Out): Promise<number> {
  const [scenario] = id === VALID_TOKEN_ID ? [] : await scenariosFor(flags.scenarios ?? [], process.cwd(), [id]);
  const idp = await MockIdp.create({
    // The issuer `gauntlet idp --port 9400` has, so a minted token matches a running IdP with the same --keys.
    issuer: flags.issuer ?? 'http://127.0.0.1:9400',
    algs: flags.algs,
    keysFile: flags.keys,
    shape: { ...(flags.audience ? { audience: flags.audience } : {}), ...(flags.typ ? { typ: flags.typ } : {}) },
  });
  const endpoint = parseEndpoint(flags.endpoint ?? 'GET /');
  if (!scenario) {
    out.log((await idp.minter.baseline(endpoint.scopes)).token);
    return 0;
  }
  const config = await resolveConfig({}, { target: 'http://127.0.0.1', endpoints: [flags.endpoint ?? 'GET /'], ...(flags.audience ? { audience: flags.audience } : {}) });
  const ctx = scenarioContext(config, idp, endpoint);
  let specs;
  let state: unknown;
  try {
    // Some scenarios change the IdP first (a rotated-in key, a retired one): their token is what the run would send.
    state = await scenario.setup?.(ctx);
    specs = [await scenario.probes(ctx, state)].flat();
  } catch (err) {
    throw new HarnessError(
      'ERR_SCENARIO_INVALID',
      `scenario ${id} cannot be minted on its own (${(err as Error).message}): it needs a running gauntlet; use "gauntlet run --only ${id}" and its report's curl line`,
      { cause: err },
    );
  } finally {
    await scenario.cleanup?.(ctx, state).catch(() => {});
  }
  const first = specs.find((s) => s.credential.kind !== 'none');
  if (!first) throw new HarnessError('ERR_SCENARIO_INVALID', `scenario ${id} sends no token, so there is nothing to mint; pick another id from "gauntlet list"`);
  const cred = first.credential;
  out.log(cred.kind === 'token' ? (typeof cred.token === 'string' ? cred.token : cred.token.token) : cred.kind === 'authorization' ? cred.value : '');
  if (id === 'revoked') out.error('note: this token is revoked only in this process; a running IdP must be told: POST /_gauntlet/revoke {"jti": …} with header x-gauntlet-control set to its control_secret');
  if (scenario.setup) out.error(`note: ${id} changed this process's IdP to make the token (keys or faults); a running IdP with the same --keys does not know of it`);
  return 0;
}

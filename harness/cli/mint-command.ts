/** `gauntlet mint <scenario-id>`: print one forged token (stdout, token only) for trying by hand with curl. */
import { scenarioEnv } from '../core/env.ts';
import { formatReason } from '../core/token-format.ts';
import { MockIdp } from '../../mocks/idp/idp.ts';
import type { SigningAlg } from '../../mocks/idp/keys.ts';
import { loadConfigFile, resolveConfig } from '../config.ts';
import { issuerFromKeys } from '../adopt/keys-issuer.ts';
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
  config?: string;
}

/** Not a scenario: `gauntlet mint valid` (or `baseline`) prints the baseline itself, a token the API must accept. */
export const VALID_TOKEN_ID = 'valid';
export const VALID_TOKEN_IDS = [VALID_TOKEN_ID, 'baseline'];

/** The issuer `gauntlet idp --port 9400` has, so a minted token matches a running IdP with the same --keys. */
export const DEFAULT_MINT_ISSUER = 'http://127.0.0.1:9400';

export async function mintCommand(id: string, flags: MintFlags, out: Out): Promise<number> {
  const [scenario] = VALID_TOKEN_IDS.includes(id) ? [] : await scenariosFor(flags.scenarios ?? [], process.cwd(), [id]);
  // A config (--config) gives what some scenarios need: fixtures, the client id header, the token's location.
  const file = flags.config ? (await loadConfigFile(flags.config)).config : {};
  const idp = await MockIdp.create({
    // The issuer of the keys file (a "gauntlet idp --keys" wrote it there), else the one "gauntlet idp --port 9400" has.
    issuer: flags.issuer ?? (flags.keys ? issuerFromKeys(flags.keys) : undefined) ?? DEFAULT_MINT_ISSUER,
    algs: flags.algs,
    keysFile: flags.keys,
    shape: { ...(flags.audience ? { audience: flags.audience } : {}), ...(flags.typ ? { typ: flags.typ } : {}) },
  });
  const endpoint = parseEndpoint(flags.endpoint ?? 'GET /');
  if (!scenario) {
    out.log((await idp.minter.baseline(endpoint.scopes)).token);
    return 0;
  }
  const { target: _t, start: _s, ...rest } = file as typeof file & { start?: unknown };
  const config = await resolveConfig(
    { ...rest, openapi: undefined, expectedFailures: undefined },
    {
      target: 'http://127.0.0.1',
      endpoints: [flags.endpoint ?? 'GET /'],
      ...(flags.audience ? { audience: flags.audience } : {}),
      idp: { ...(flags.algs ? { algs: flags.algs } : {}), ...(flags.keys ? { keys: flags.keys } : {}) },
      baseline: flags.typ ? { typ: flags.typ } : {},
    },
  );
  // A scenario that would be skipped here (no scope on the endpoint, a fixture unset, a key not loaded) is refused, saying why.
  const skipped = formatReason(scenario.formats, config.baseline.format) ?? scenario.skip?.(endpoint, scenarioEnv(config));
  if (skipped) {
    const fix = /scope/.test(skipped)
      ? 'pass --endpoint with the scope it needs, e.g. --endpoint "GET /admin admin"'
      : /--algs|idp\.algs/.test(skipped)
        ? 'pass --algs with such a key'
        : 'pass --config with a config that sets it';
    throw new HarnessError('ERR_SCENARIO_INVALID', `cannot mint ${id} for ${endpoint.method} ${endpoint.path}: ${skipped}; ${fix}`);
  }
  const ctx = scenarioContext(config, idp, endpoint);
  let specs;
  let state: unknown;
  try {
    // Some scenarios change the IdP first (a rotated-in key, a retired one): their token is what the run would send.
    state = await scenario.setup?.(ctx);
    specs = [await scenario.probes(ctx, state)].flat();
  } catch (err) {
    const why = (err as Error).message;
    // A scenario naming what it needs ("set fixtures.unknownClient in the config …") gets it from --config.
    if (/^set \S+ in the config/.test(why))
      throw new HarnessError('ERR_SCENARIO_INVALID', `cannot mint ${id}: ${why}; pass that config with --config`, { cause: err });
    throw new HarnessError(
      'ERR_SCENARIO_INVALID',
      `scenario ${id} cannot be minted on its own (${why}): it needs a running gauntlet; use "gauntlet run --only ${id}" and its report's curl line`,
      { cause: err },
    );
  } finally {
    await scenario.cleanup?.(ctx, state).catch(() => {});
  }
  const first = specs.find((s) => s.credential.kind !== 'none');
  // A token sent elsewhere than the Authorization header (the query string, a form) is the token all the same.
  const elsewhere = specs
    .map((s) => Object.values({ ...s.query, ...s.form }).find((v) => /^[\w-]+\.[\w-]*\.[\w-]*$/.test(v)))
    .find(Boolean);
  if (!first && elsewhere) {
    out.log(elsewhere);
    out.error(`note: ${id} sends this token outside the Authorization header (${specs[0]?.label ?? 'query string'}), as the scenario does`);
    return 0;
  }
  if (!first) {
    throw new HarnessError(
      'ERR_SCENARIO_INVALID',
      `scenario ${id} sends no token by design (it checks a request without credentials), so there is nothing to mint; send the request with no Authorization header`,
    );
  }
  const cred = first.credential;
  out.log(
    cred.kind === 'token'
      ? typeof cred.token === 'string'
        ? cred.token
        : cred.token.token
      : cred.kind === 'authorization'
        ? cred.value
        : '',
  );
  if (id === 'revoked')
    out.error(
      'note: this token is revoked only in this process; a running IdP must be told: POST /_gauntlet/revoke {"jti": …} with header x-gauntlet-control set to its control_secret',
    );
  if (scenario.setup)
    out.error(
      `note: ${id} changed this process's IdP to make the token (keys or faults); a running IdP with the same --keys does not know of it`,
    );
  return 0;
}

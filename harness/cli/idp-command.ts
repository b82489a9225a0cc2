/** `gauntlet idp`: the mock IdP as a standalone server; one JSON ready line; clean stop on SIGINT/SIGTERM. */
import type { SigningAlg } from '../../mocks/idp/keys.ts';
import { startIdp } from '../../mocks/idp/http-server.ts';
import type { Out } from './out.ts';
import { recordIssuer } from '../adopt/keys-issuer.ts';

export interface IdpFlags {
  port?: number;
  host?: string;
  issuer?: string;
  keys?: string;
  algs?: SigningAlg[];
  tls?: boolean;
  audience?: string;
}

export async function idpCommand(flags: IdpFlags, out: Out, stop?: Promise<void>): Promise<number> {
  const running = await startIdp({
    port: flags.port ?? 0,
    host: flags.host,
    issuer: flags.issuer,
    keysFile: flags.keys,
    algs: flags.algs,
    tls: flags.tls,
    shape: flags.audience ? { audience: flags.audience } : undefined,
  });
  const { idp } = running;
  // So that "gauntlet mint --keys FILE" mints for this issuer without being told.
  if (flags.keys) recordIssuer(flags.keys, idp.issuer);
  if (running.warning) out.error(`gauntlet: ${running.warning}`);
  // Listening for SIGINT/SIGTERM before the ready line: a supervisor that stops the IdP as soon as it reads
  // the line must get a clean close (exit 0), not node's default death by signal.
  const stopped =
    stop ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
  out.log(
    JSON.stringify({
      issuer: idp.issuer,
      jwks_uri: idp.jwksUri,
      token_endpoint: idp.tokenEndpoint,
      introspection_endpoint: idp.introspectionEndpoint,
      discovery: `${idp.issuer}/.well-known/openid-configuration`,
      audience: idp.minter.shape.audience,
      client_id: idp.client.clientId,
      // A test IdP's own client, for the target's introspection calls; persisted with --keys.
      client_secret: idp.client.clientSecret,
      // This run's key to the control API (/_gauntlet/*), sent as the x-gauntlet-control header; never persisted.
      control_secret: idp.controlSecret,
      ...(running.caPath ? { ca_file: running.caPath } : {}),
    }),
  );
  await stopped;
  await running.close();
  return 0;
}

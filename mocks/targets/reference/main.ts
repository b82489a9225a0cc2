/**
 * Run the reference API on its own: `node --import tsx mocks/targets/reference/main.ts`.
 * Prints one JSON line `{"url": ...}` once listening; stops cleanly on SIGINT/SIGTERM.
 */
import { startReferenceApi } from './app.ts';
import type { ReferenceOptions } from './options.ts';

function fromEnv(env: NodeJS.ProcessEnv): ReferenceOptions & { port: number; host?: string } {
  const missing = ['GAUNTLET_ISSUER', 'GAUNTLET_AUDIENCE'].filter((name) => !env[name]);
  if (missing.length) throw new Error(`set ${missing.join(' and ')} (the issuer and audience the API must trust)`);
  const port = Number(env.PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0-65535, got ${env.PORT}`);
  const introspection = env.GAUNTLET_INTROSPECTION;
  if (introspection && !(env.GAUNTLET_CLIENT_ID && env.GAUNTLET_CLIENT_SECRET)) {
    throw new Error('GAUNTLET_INTROSPECTION needs GAUNTLET_CLIENT_ID and GAUNTLET_CLIENT_SECRET');
  }
  return {
    issuer: env.GAUNTLET_ISSUER!,
    audience: env.GAUNTLET_AUDIENCE!,
    jwksUri: env.GAUNTLET_JWKS_URI || undefined,
    introspection: introspection
      ? { endpoint: introspection, clientId: env.GAUNTLET_CLIENT_ID!, clientSecret: env.GAUNTLET_CLIENT_SECRET! }
      : undefined,
    auditLog: env.GAUNTLET_AUDIT_LOG || undefined,
    port,
    host: env.HOST || undefined,
  };
}

try {
  const api = await startReferenceApi(fromEnv(process.env));
  process.stdout.write(`${JSON.stringify({ url: api.url })}\n`);
  const stop = (): void => {
    api.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  process.stderr.write(`reference API: ${(err as Error).message}\n`);
  process.exit(2);
}

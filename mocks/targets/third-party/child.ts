/**
 * Third-party validators run OUT of process, on a real port, with their framework's stock settings
 * (default header limits, default error handler): the harness starts `node --import tsx <entry>` with
 * the IdP environment in GAUNTLET_* variables; the entry starts its server the way the framework's
 * README does and calls `announce(url)`, which prints one JSON line the parent waits for.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TargetEnv } from '../../../harness/core/target-env.ts';
import type { Listening } from '../loopback.ts';

const READY_MS = 20_000;

/** In the child: the IdP environment the parent passed. */
export function childEnv(): TargetEnv {
  const need = (name: string): string => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is not set: start this file through startChild()`);
    return v;
  };
  return {
    issuer: need('GAUNTLET_ISSUER'),
    jwksUri: need('GAUNTLET_JWKS_URI'),
    discoveryUrl: need('GAUNTLET_DISCOVERY_URL'),
    tokenEndpoint: need('GAUNTLET_TOKEN_ENDPOINT'),
    audience: need('GAUNTLET_AUDIENCE'),
    introspection: {
      endpoint: need('GAUNTLET_INTROSPECTION_ENDPOINT'),
      clientId: need('GAUNTLET_INTROSPECTION_CLIENT_ID'),
      clientSecret: need('GAUNTLET_INTROSPECTION_CLIENT_SECRET'),
    },
  };
}

/** In the child: tell the parent where the server listens (a port the framework's own listen bound). */
export function announce(url: string): void {
  process.stdout.write(`${JSON.stringify({ url })}\n`);
}

/**
 * In the parent: start `entry` (a path or file URL) in its own Node process and wait for its URL.
 * `vars`: more environment variables, for an entry with a documented alternative setup.
 */
export function startChild(entry: string | URL, env: TargetEnv, vars: Record<string, string> = {}): Promise<Listening> {
  const file = typeof entry === 'string' && !entry.startsWith('file:') ? entry : fileURLToPath(entry);
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      GAUNTLET_ISSUER: env.issuer,
      GAUNTLET_JWKS_URI: env.jwksUri,
      GAUNTLET_DISCOVERY_URL: env.discoveryUrl,
      GAUNTLET_TOKEN_ENDPOINT: env.tokenEndpoint,
      GAUNTLET_AUDIENCE: env.audience,
      GAUNTLET_INTROSPECTION_ENDPOINT: env.introspection.endpoint,
      GAUNTLET_INTROSPECTION_CLIENT_ID: env.introspection.clientId,
      GAUNTLET_INTROSPECTION_CLIENT_SECRET: env.introspection.clientSecret,
      ...vars,
    },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr = (stderr + c).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise<Listening>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${file} did not announce its URL within ${READY_MS} ms; stderr: ${stderr}`));
    }, READY_MS);
    const early = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`${file} exited (${code}) before announcing its URL; stderr: ${stderr}`));
    };
    child.once('exit', early);
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      buffered += c;
      const nl = buffered.indexOf('\n');
      if (nl === -1) return;
      clearTimeout(timer);
      child.off('exit', early);
      const { url } = JSON.parse(buffered.slice(0, nl)) as { url: string };
      resolve({
        url,
        close: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

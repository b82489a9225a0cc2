/**
 * `gauntlet init [--framework express|fastify|koa|hono|url] [--target URL] [--force]`: write a commented
 * gauntlet.config.ts for the framework package.json names (flags override; it never asks, so it runs
 * the same in CI), add `.gauntlet/` and the report folder to .gitignore, print the next command.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessError } from '../core/errors.ts';
import type { Out } from './out.ts';

export const FRAMEWORKS = ['express', 'fastify', 'koa', 'hono', 'url'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export interface InitFlags {
  framework?: Framework;
  target?: string;
  force?: boolean;
}

/** The first framework package.json depends on, in this order; none: a URL. */
export function detectFramework(dir: string): Framework {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return 'url';
  let pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  try {
    pkg = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `${file} is not JSON (${(err as Error).message.split('\n')[0]}); fix it, or pass --framework`,
    );
  }
  const deps = { ...pkg.devDependencies, ...pkg.dependencies };
  return (['express', 'fastify', 'koa', 'hono'] as const).find((f) => f in deps) ?? 'url';
}

const COMMON = `  // The audience your API expects in aud; the mock IdP puts it in every token.
  audience: 'https://api.example.test',
  // "METHOD /path scope…": the endpoints to probe and the scopes each needs (or: openapi: './openapi.yaml').
  endpoints: ['GET /orders', 'GET /admin admin'],
  // What your API declares it enforces, held exactly (README "Declared and observed policy").
  // policy: { leeway: 60, maxLifetime: 3600 },
  // Known failures, accepted for now (README "Gradual adoption").
  // expectedFailures: 'known-failures.yml',
  out: 'reports/gauntlet',`;

const APP_NOTE = `  // env holds the mock IdP's issuer, jwksUri and audience: build your app to trust them, as in production
  // it trusts your real IdP. The harness runs it in process (no port) and sends every probe to it.`;

function template(framework: Framework, target: string | undefined): string {
  const head = `// token-gauntlet: does this API reject every bad access token, and say so correctly?
// Run: npx --no-install gauntlet run   (README "Point it at your API")
import { defineConfig } from 'token-gauntlet';
`;
  const app = (imp: string, call: string): string =>
    `${head}${imp}

export default defineConfig({
${APP_NOTE}
  target: { app: (env) => ${call} },
${COMMON}
});
`;
  switch (framework) {
    case 'express':
      return app(
        `// Your Express app factory: (options) => express() with your routes and bearer middleware.\nimport { createApp } from './src/app.ts';`,
        'createApp({ issuer: env.issuer, jwksUri: env.jwksUri, audience: env.audience })',
      );
    case 'fastify':
      return app(
        `// Your Fastify instance factory (the harness awaits ready() and listens on a free port).\nimport { buildServer } from './src/server.ts';`,
        'buildServer({ issuer: env.issuer, jwksUri: env.jwksUri, audience: env.audience })',
      );
    case 'koa':
      return app(
        `// Your Koa app factory: new Koa() with your router and JWT middleware.\nimport { createApp } from './src/app.ts';`,
        'createApp({ issuer: env.issuer, jwksUri: env.jwksUri, audience: env.audience })',
      );
    case 'hono':
      return app(
        `// Your Hono app, served through @hono/node-server's getRequestListener (a Node handler).\nimport { getRequestListener } from '@hono/node-server';\nimport { createApp } from './src/app.ts';`,
        'getRequestListener(createApp({ issuer: env.issuer, jwksUri: env.jwksUri, audience: env.audience }).fetch)',
      );
    case 'url':
      return `${head}
export default defineConfig({
  // Your API, already running and trusting the mock IdP: start it with
  //   npx --no-install gauntlet idp --port 9400 --keys .gauntlet/keys.json
  // and point its JWKS at http://127.0.0.1:9400/jwks (issuer http://127.0.0.1:9400).
  target: '${target ?? 'http://127.0.0.1:3000'}',
  idp: { port: 9400, keys: '.gauntlet/keys.json' },
${COMMON}
});
`;
  }
}

export async function initCommand(flags: InitFlags, out: Out, dir = process.cwd()): Promise<number> {
  if (flags.target !== undefined && !/^https?:\/\/[^/]/.test(flags.target)) {
    throw new HarnessError(
      'ERR_FLAG_INVALID',
      `--target "${flags.target}" has no http:// or https:// scheme; write it like --target http://127.0.0.1:3000`,
    );
  }
  const framework = flags.framework ?? (flags.target ? 'url' : detectFramework(dir));
  const file = join(dir, 'gauntlet.config.ts');
  if (existsSync(file) && !flags.force)
    throw new HarnessError('ERR_CONFIG_INVALID', `${file} exists; edit it, or pass --force to write a new one over it`);
  writeFileSync(file, template(framework, flags.target));
  const ignore = join(dir, '.gitignore');
  const had = existsSync(ignore) ? readFileSync(ignore, 'utf8') : '';
  const lines = new Set(had.split(/\r?\n/).map((l) => l.trim()));
  const add = ['.gauntlet/', 'reports/gauntlet/'].filter((l) => !lines.has(l) && !lines.has(l.replace(/\/$/, '')));
  if (add.length)
    writeFileSync(ignore, `${had}${had && !had.endsWith('\n') ? '\n' : ''}# token-gauntlet: IdP keys, reports\n${add.join('\n')}\n`);
  out.log(
    `wrote gauntlet.config.ts for ${framework === 'url' ? 'an API at a URL' : framework}${add.length ? `; added ${add.join(', ')} to .gitignore` : ''}`,
  );
  out.log(
    framework === 'url'
      ? 'next: start "npx --no-install gauntlet idp --port 9400 --keys .gauntlet/keys.json", point your API at it, then run "npx --no-install gauntlet run"'
      : `next: make target.app in gauntlet.config.ts build your ${framework} app, then run "npx --no-install gauntlet run"`,
  );
  return 0;
}

/**
 * The eight third-party validators, by name, and how the whole catalogue is run against each: six
 * child entries (child.ts, out of process, on their framework's own listen) and two in the test's
 * process. The pinned tests (pinned-suite.ts) and repeat.ts run them the same way from here.
 */
import { resolveConfig } from '../../../harness/config.ts';
import type { Report } from '../../../harness/report.ts';
import { run } from '../../../harness/run.ts';
import { catalogue } from '../../../scenarios/catalogue.ts';
import type { Scenario } from '../../../scenarios/define.ts';
import { serveOnLoopback } from '../loopback.ts';
import { expressOauth2JwtBearerApp } from './express-oauth2-jwt-bearer.ts';
import { fastifyJwtApp } from './fastify-jwt.ts';
import { runAgainstChild, THIRD_PARTY_ENDPOINTS } from './run-child.ts';

export interface Validator {
  /** Its test file's name, `<name>.test.ts`. */
  name: string;
  /** The leeway declared: the validator's default clock tolerance. */
  leeway: number;
  /** The child entry, for a validator run out of process. */
  entry?: URL;
  run(scenarios?: readonly Scenario[]): Promise<Report>;
}

function child(name: string, leeway: number): Validator {
  const entry = new URL(`./${name}.main.ts`, import.meta.url);
  return { name, leeway, entry, run: (scenarios = catalogue) => runAgainstChild(entry, { policy: { leeway } }, scenarios) };
}

/** With their default clock tolerance: 0 s for jsonwebtoken, Hono's verify and jose. */
export const CHILDREN: readonly Validator[] = [
  child('express-jsonwebtoken', 0),
  child('express-jwt', 0),
  child('passport-jwt', 0),
  child('koa-jwt', 0),
  child('hono-jwk', 0),
  child('jose-remote-jwks', 0),
];

const oauth2JwtBearer: Validator = {
  name: 'express-oauth2-jwt-bearer',
  // The library's default clockTolerance.
  leeway: 5,
  async run(scenarios = catalogue) {
    // Express's default error handler logs every refused token's stack; the report holds what matters.
    const log = console.error;
    console.error = () => {};
    try {
      const config = await resolveConfig(
        {},
        {
          // The library captures https.get when it loads, before msw could patch it: serve the IdP on a port instead.
          target: { start: (env) => serveOnLoopback(expressOauth2JwtBearerApp(env)) },
          endpoints: THIRD_PARTY_ENDPOINTS,
          policy: { leeway: this.leeway },
          runs: 0,
        },
      );
      return await run(config, scenarios);
    } finally {
      console.error = log;
    }
  },
};

const fastifyJwt: Validator = {
  name: 'fastify-jwt',
  // fast-jwt's default clockTolerance.
  leeway: 0,
  async run(scenarios = catalogue) {
    // get-jwks fetches with global fetch, which msw serves in process.
    const config = await resolveConfig(
      {},
      { target: { app: (env) => fastifyJwtApp(env) }, endpoints: THIRD_PARTY_ENDPOINTS, policy: { leeway: this.leeway }, runs: 0 },
    );
    return run(config, scenarios);
  },
};

export const IN_PROCESS: readonly Validator[] = [oauth2JwtBearer, fastifyJwt];

export const VALIDATORS: readonly Validator[] = [...CHILDREN, ...IN_PROCESS];

export function validator(name: string): Validator {
  const found = VALIDATORS.find((v) => v.name === name);
  if (!found) throw new Error(`no third-party validator ${name}: one of ${VALIDATORS.map((v) => v.name).join(', ')}`);
  return found;
}

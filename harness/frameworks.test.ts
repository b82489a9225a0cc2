/**
 * In-process targets in the three app shapes an in-process target takes (as supertest does): a Koa app (callback()), an Express app
 * (a request handler) and a Fastify app (server + ready()), each mounting the reference API. The same
 * scenarios must reach the same verdicts as the bare handler, and a flaw behind the framework must
 * still be caught: the framework is only transport.
 */
import express from 'express';
import Fastify from 'fastify';
import Koa from 'koa';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createReferenceApi } from '../mocks/targets/reference/app.ts';
import { skip } from '../mocks/targets/reference/steps.ts';
import type { ReferenceOptions } from '../mocks/targets/reference/options.ts';
import { catalogue } from '../scenarios/catalogue.ts';
import { resolveConfig, type TargetSpec } from './config.ts';
import type { TargetEnv } from './core/target-env.ts';
import type { Report } from './report.ts';
import { run } from './run.ts';
import type { InProcessApp } from './target/index.ts';

const IDS = ['no-credentials', 'expired', 'alg-none', 'scope-missing', 'wrong-audience', 'scheme-case'];

type Mount = (handler: RequestListener) => InProcessApp;

const MOUNTS: Record<string, Mount> = {
  'a bare handler': (handler) => handler,
  Koa: (handler) => {
    const app = new Koa();
    app.use((ctx) => {
      ctx.respond = false; // the reference API writes the answer itself
      handler(ctx.req, ctx.res);
    });
    return app;
  },
  Express: (handler) => express().use((req: IncomingMessage, res: ServerResponse) => handler(req, res)),
  Fastify: (handler) => {
    const app = Fastify();
    app.all('/*', (req, reply) => {
      reply.hijack();
      handler(req.raw, reply.raw);
    });
    return app;
  },
};

async function runMounted(mount: Mount, extra: Partial<ReferenceOptions> = {}): Promise<Report> {
  const target: TargetSpec = {
    app: (env: TargetEnv) => mount(createReferenceApi({ issuer: env.issuer, jwksUri: env.jwksUri, audience: env.audience, ...extra })),
  };
  const config = await resolveConfig(
    {},
    { target, audience: 'https://api.gauntlet.test', endpoints: ['GET /orders', 'GET /admin admin'], idp: { algs: ['ES256'] }, runs: 0 },
  );
  return run(
    config,
    catalogue.filter((s) => IDS.includes(s.id)),
  );
}

const verdicts = (r: Report): string[] =>
  r.results.map((row) => `${row.scenario} ${row.endpoint} ${row.verdict}${row.severity ? ` ${row.severity}` : ''}`);

describe('in-process apps in every shape', () => {
  it.each(Object.keys(MOUNTS))('%s: the reference passes every scenario', async (name) => {
    const report = await runMounted(MOUNTS[name]!);
    expect(
      report.results
        .filter((r) => r.verdict === 'fail' || r.verdict === 'error')
        .map((r) => `${r.scenario} ${r.endpoint}: ${r.failures.join('; ')}${r.error ?? ''}`),
    ).toEqual([]);
    expect(report.results.filter((r) => r.verdict === 'pass').length).toBeGreaterThanOrEqual(10);
  });

  it.each(Object.keys(MOUNTS))('%s: a missing exp check is caught as critical, and nothing else fails', async (name) => {
    const report = await runMounted(MOUNTS[name]!, { steps: { checkExpiry: skip } });
    expect(verdicts(report).filter((v) => !v.includes(' pass') && !v.includes(' skip'))).toEqual([
      'expired GET /orders fail critical',
      'expired GET /admin fail critical',
    ]);
  });
});

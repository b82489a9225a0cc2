/**
 * Opening the target a config names: a URL, an in-process app (`target.app(env)`, listened on
 * loopback), or a server the harness starts (`target.start(env)`), each held to the run's limits.
 * Shared by the run and replay.
 */
import { readFile } from 'node:fs/promises';
import { createSecureContext, rootCertificates } from 'node:tls';
import type { MtlsClient } from '../mocks/idp/mtls.ts';
import { mtlsTarget } from './binding/mtls.ts';
import type { ResolvedConfig } from './config.ts';
import { HarnessError } from './core/errors.ts';
import type { TargetEnv } from './core/target-env.ts';
import { loadFailure } from './import-module.ts';
import { appTarget, isInProcessApp, urlTarget, type Target, type TargetLimits } from './target/index.ts';

/** Your target's own code (`app`, `start`) failing is your mistake to fix, in one line, not a harness crash. */
async function userCode<T>(what: string, call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new HarnessError('ERR_TARGET_START', `target.${what}(env) threw: ${loadFailure(err)}; fix target.${what} in your config`, {
      cause: err,
    });
  }
}

/** The CA a config names for the target's HTTPS certificate, beside the system's. */
async function targetCa(config: ResolvedConfig): Promise<string[] | undefined> {
  if (!config.targetCa) return undefined;
  try {
    return [...rootCertificates, await readFile(config.targetCa, 'utf8')];
  } catch (err) {
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `targetCa: cannot read ${config.targetCa} (${(err as NodeJS.ErrnoException).code}); give a PEM file of the target's CA`,
      {
        cause: err,
      },
    );
  }
}

/** The target a config names; on an mTLS run (`mtls`: the harness's client certificates) each probe presents the certificate it asks for. */
export async function openTarget(config: ResolvedConfig, env: TargetEnv, signal?: AbortSignal, mtls?: MtlsClient): Promise<Target> {
  const ca = await targetCa(config);
  const limits = { maxBody: config.maxBody, signal, ...(ca ? { tls: { secureContext: createSecureContext({ ca }) } } : {}) };
  return mtlsTarget(await openPlain(config, env, limits), mtls, limits, ca);
}

async function openPlain(config: ResolvedConfig, env: TargetEnv, limits: TargetLimits): Promise<Target> {
  const t = config.target;
  if (t.kind === 'url') return urlTarget(t.url, limits);
  if (t.kind === 'app') {
    const app = await userCode('app', () => t.app(env));
    if (!isInProcessApp(app)) {
      throw new HarnessError(
        'ERR_TARGET_START',
        `target.app(env) returned ${describeValue(app)}, not an app; return a Node request handler, an Express, Koa or Fastify app, or an http.Server`,
      );
    }
    return appTarget(app, limits);
  }
  const started = await userCode('start', () => t.start(env));
  if (!started || typeof (started as { url?: unknown }).url !== 'string') {
    throw new HarnessError(
      'ERR_TARGET_START',
      `target.start(env) returned ${describeValue(started)}; return { url, close } of the server it started`,
    );
  }
  const target = urlTarget(started.url, limits);
  return { ...target, close: async () => void (await started.close?.()) };
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'object') return `an object with keys ${Object.keys(v).slice(0, 5).join(', ') || '(none)'}`;
  return `${typeof v} ${String(v).slice(0, 40)}`;
}

export function isInProcess(config: ResolvedConfig): boolean {
  return config.target.kind === 'app';
}

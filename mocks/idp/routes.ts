/**
 * The IdP's paths and the methods each takes: what the router answers 404, 405 (with Allow) or
 * OPTIONS from, and which paths are the control API that needs the run's secret.
 */
import { CONTROL_CHANGES, CONTROL_READS } from './endpoints/control.ts';

export type Endpoint = 'discovery' | 'jwks' | 'token' | 'introspect' | 'revoke' | 'authorize' | 'attacker' | 'control';

export interface Route {
  endpoint: Endpoint;
  /** Methods the path answers, OPTIONS included. */
  allow: readonly string[];
  /** The control call's name (path under /_gauntlet/). */
  call?: string;
}

const READ = ['GET', 'HEAD', 'OPTIONS'] as const;
const POST = ['POST', 'OPTIONS'] as const;

const FIXED: Record<string, Route> = {
  '/.well-known/openid-configuration': { endpoint: 'discovery', allow: READ },
  '/.well-known/oauth-authorization-server': { endpoint: 'discovery', allow: READ },
  '/jwks': { endpoint: 'jwks', allow: READ },
  '/token': { endpoint: 'token', allow: POST },
  '/introspect': { endpoint: 'introspect', allow: POST },
  '/revoke': { endpoint: 'revoke', allow: POST },
  '/authorize': { endpoint: 'authorize', allow: ['GET', 'HEAD', 'POST', 'OPTIONS'] },
};

export function routeOf(path: string): Route | undefined {
  if (Object.hasOwn(FIXED, path)) return FIXED[path];
  if (path.startsWith('/_gauntlet/attacker/')) return { endpoint: 'attacker', allow: READ };
  if (!path.startsWith('/_gauntlet/')) return undefined;
  const call = path.slice('/_gauntlet/'.length);
  const reads = (CONTROL_READS as readonly string[]).includes(call);
  const changes = (CONTROL_CHANGES as readonly string[]).includes(call);
  if (!reads && !changes) return undefined;
  return { endpoint: 'control', call, allow: [...(reads ? ['GET', 'HEAD'] : []), ...(changes ? ['POST'] : []), 'OPTIONS'] };
}

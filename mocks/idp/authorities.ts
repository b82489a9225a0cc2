/**
 * The names the IdP answers to: its issuer's host, and when it listens on a port the loopback names
 * with that port (127.0.0.1, localhost, [::1]), or the bind address --host gave. A request whose Host
 * is anything else came through a name that merely resolves here (DNS rebinding) and is refused; a
 * browser request from any other origin is refused too (guard.ts).
 */
import { hostname, networkInterfaces } from 'node:os';

export const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export function isWildcard(host: string): boolean {
  return ['0.0.0.0', '::', '[::]', ''].includes(host);
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** `name:port` as URL.host spells it (lower case, no default port), or undefined when it is not a host. */
export function authority(scheme: 'http' | 'https', name: string, port?: number): string | undefined {
  try {
    const url = new URL(`${scheme}://${bracketed(name)}${port === undefined ? '' : `:${port}`}`);
    return url.host;
  } catch {
    return undefined;
  }
}

export interface Served {
  scheme: 'http' | 'https';
  /** The bind address (--host). */
  host: string;
  port: number;
  /** The issuer, when it differs from the bind address. */
  issuer?: string;
}

/** Every authority (URL.host) a request to this IdP may name. */
export function servedAuthorities(s: Served): string[] {
  const names = new Set<string>(LOOPBACK_NAMES);
  if (isWildcard(s.host)) {
    // Listening on every interface: this machine's own addresses and name, nothing else.
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(a.address);
    names.add(hostname());
  } else {
    names.add(s.host);
  }
  const out = new Set<string>();
  for (const n of names) {
    const a = authority(s.scheme, n, s.port);
    if (a) out.add(a);
  }
  if (s.issuer) out.add(new URL(s.issuer).host);
  return [...out];
}

/** The one-line warning for a bind address other machines can reach, or undefined for loopback. */
export function exposureWarning(host: string, port: number): string | undefined {
  if (isLoopback(host)) return undefined;
  return (
    `warning: --host ${host} makes the mock IdP reachable from other machines on port ${port}, and its keys sign ` +
    `tokens your API trusts; bind 127.0.0.1 (the default) unless your API runs on another machine`
  );
}

/**
 * A Probe: the concrete HTTP request for one scenario variant on one endpoint, with the token placed
 * where the API reads tokens (Authorization header by default; a named header, cookie, query or form).
 * @see RFC 6750 §2
 */
import { randomUUID } from 'node:crypto';
import type { ForgedToken } from '../mocks/idp/mint.ts';
import type { Binding, ProbeSpec } from './core/probe-spec.ts';
import type { AnswerClass } from './core/answer.ts';
import type { Endpoint } from './core/endpoint.ts';
import type { TokenLocation } from './core/token-location.ts';

/** What node:http refuses in a header (its own check): anything but tab, visible ASCII and obs-text. */
const UNSENDABLE = /[^\t\x20-\x7e\x80-\xff]/;

/** Where a DPoP-bound token goes: `Authorization: DPoP …` (RFC 9449 §7.1). */
export const DPOP_LOCATION: TokenLocation = { in: 'header', name: 'authorization', scheme: 'DPoP' };

export interface Probe {
  scenario: string;
  label?: string;
  endpoint: Endpoint;
  method: string;
  /** Path with query string. */
  path: string;
  headers: Array<[string, string]>;
  body?: string;
  /** The forged token, decoded, for reports; absent when no token was sent. */
  token?: ForgedToken;
  /** The exact credential string sent, if any (what a report may redact). */
  credential?: string;
  /** A header holds bytes node:http refuses to send (a line break): the target writes it on a raw socket. */
  raw?: boolean;
  /** A binding made fresh when the probe is sent (harness/binding/): a DPoP proof for this URL and token. */
  binding?: Binding;
  expect: readonly AnswerClass[];
  requestId: string;
}

export interface PlaceOptions {
  location: TokenLocation;
  /** Header that carries the request id the harness correlates audit-log lines with. */
  requestIdHeader: string;
  /** Headers every probe carries (e.g. a client id credential). */
  extraHeaders?: Record<string, string>;
  /** `dpop`: every credential gets a fresh DPoP proof unless the probe says otherwise; `mtls`: every request presents the own client certificate. */
  tokenType?: 'bearer' | 'dpop' | 'mtls';
}

export function buildProbe(
  scenario: string,
  spec: ProbeSpec,
  endpoint: Endpoint,
  expect: readonly AnswerClass[],
  opts: PlaceOptions,
): Probe {
  const headers: Array<[string, string]> = [];
  const query = new URLSearchParams(spec.query);
  const form = new URLSearchParams(spec.form);
  const cookies: string[] = [];
  let token: ForgedToken | undefined;
  let credential: string | undefined;
  const cred = spec.credential;
  if (cred.kind === 'authorization') {
    credential = cred.value;
    // A scheme-and-credential value belongs in whichever header the API reads with a scheme.
    const loc = opts.location;
    headers.push([loc.in === 'header' && loc.scheme ? loc.name : 'authorization', cred.value]);
  } else if (cred.kind === 'token') {
    token = typeof cred.token === 'string' ? undefined : cred.token;
    const raw = typeof cred.token === 'string' ? cred.token : cred.token.token;
    credential = raw;
    const loc = opts.location;
    if (loc.in === 'header') headers.push([loc.name, loc.scheme ? `${loc.scheme} ${raw}` : raw]);
    else if (loc.in === 'cookie') cookies.push(`${loc.name}=${raw}`);
    else if (loc.in === 'query') query.set(loc.name, raw);
    else form.set(loc.name, raw);
  }
  if (cookies.length) headers.push(['cookie', cookies.join('; ')]);
  const own = spec.path === undefined ? endpoint.headers : undefined;
  for (const [k, v] of Object.entries({ ...own, ...opts.extraHeaders, ...spec.headers })) headers.push([k.toLowerCase(), v]);
  const requestId = randomUUID();
  headers.push([opts.requestIdHeader, requestId]);
  let body: string | undefined = spec.path === undefined ? endpoint.body : undefined;
  if ([...form.keys()].length) {
    body = form.toString();
    headers.push(['content-type', 'application/x-www-form-urlencoded']);
  }
  const qs = query.toString();
  const base = spec.path ?? endpoint.path;
  const path = qs ? `${base}${base.includes('?') ? '&' : '?'}${qs}` : base;
  const binding =
    spec.binding ??
    (opts.tokenType === 'dpop' && credential !== undefined
      ? { kind: 'dpop' as const }
      : opts.tokenType === 'mtls'
        ? { kind: 'mtls' as const, certificate: 'own' as const }
        : undefined);
  return {
    scenario,
    label: spec.label,
    endpoint,
    method: spec.path === undefined ? endpoint.method : 'GET',
    ...(binding && binding.kind !== 'none' ? { binding } : {}),
    path,
    headers,
    body,
    token,
    credential,
    expect,
    requestId,
    ...(headers.some(([n, v]) => UNSENDABLE.test(n) || UNSENDABLE.test(v)) ? { raw: true } : {}),
  };
}

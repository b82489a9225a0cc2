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

/** The last token found sendable: a run sends the same token in many probes, and a JWT is long to scan. */
let sendable: string | undefined;
function sendableToken(token: string): boolean {
  if (token === sendable) return true;
  if (UNSENDABLE.test(token)) return false;
  sendable = token;
  return true;
}

export function buildProbe(
  scenario: string,
  spec: ProbeSpec,
  endpoint: Endpoint,
  expect: readonly AnswerClass[],
  opts: PlaceOptions,
): Probe {
  const headers: Array<[string, string]> = [];
  // Query and form parameters are built only for a probe that has some (most have neither).
  const query = spec.query || opts.location.in === 'query' ? new URLSearchParams(spec.query) : undefined;
  const form = spec.form || opts.location.in === 'form' ? new URLSearchParams(spec.form) : undefined;
  let cookie: string | undefined;
  let token: ForgedToken | undefined;
  let credential: string | undefined;
  /** The header that carries the token after a scheme (`Bearer …`): its token is checked on its own, the same token goes in many probes. */
  let tokenHeader = -1;
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
    if (loc.in === 'header') {
      tokenHeader = headers.length;
      headers.push([loc.name, loc.scheme ? `${loc.scheme} ${raw}` : raw]);
    } else if (loc.in === 'cookie') cookie = `${loc.name}=${raw}`;
    else if (loc.in === 'query') query!.set(loc.name, raw);
    else form!.set(loc.name, raw);
  }
  if (cookie !== undefined) headers.push(['cookie', cookie]);
  const own = spec.path === undefined ? endpoint.headers : undefined;
  if (own || opts.extraHeaders || spec.headers) {
    for (const [k, v] of Object.entries({ ...own, ...opts.extraHeaders, ...spec.headers })) headers.push([k.toLowerCase(), v]);
  }
  const requestId = randomUUID();
  headers.push([opts.requestIdHeader, requestId]);
  let body: string | undefined = spec.path === undefined ? endpoint.body : undefined;
  if (form && form.size) {
    body = form.toString();
    headers.push(['content-type', 'application/x-www-form-urlencoded']);
  }
  const qs = query ? query.toString() : '';
  const base = spec.path ?? endpoint.path;
  const path = qs ? `${base}${base.includes('?') ? '&' : '?'}${qs}` : base;
  let unsendable = false;
  for (let i = 0; i < headers.length && !unsendable; i++) {
    const [n, v] = headers[i]!;
    if (v === requestId) unsendable = UNSENDABLE.test(n);
    else if (i !== tokenHeader) unsendable = UNSENDABLE.test(n) || UNSENDABLE.test(v);
    else {
      const loc = opts.location as { scheme?: string };
      unsendable = UNSENDABLE.test(n) || (loc.scheme !== undefined && UNSENDABLE.test(loc.scheme)) || !sendableToken(credential!);
    }
  }
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
    ...(unsendable ? { raw: true } : {}),
  };
}

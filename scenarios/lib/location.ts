/**
 * Where the API reads tokens, in the terms the presence scenarios need: whether the location carries
 * an auth scheme (so a scheme can be wrong), and whether it is an RFC 6750 method (so two can clash).
 * @see RFC 6750 §2
 */
import type { TokenLocation } from '../define.ts';

export function describeLocation(loc: TokenLocation): string {
  const where = { header: 'header', cookie: 'cookie', query: 'query parameter', form: 'form field' }[loc.in];
  return `the ${where} ${loc.name}${loc.scheme ? ` (scheme ${loc.scheme})` : ''}`;
}

/** `Authorization: Bearer …`, the RFC 6750 §2.1 default. */
export function isDefaultLocation(loc: TokenLocation): boolean {
  return loc.in === 'header' && loc.name.toLowerCase() === 'authorization' && loc.scheme?.toLowerCase() === 'bearer';
}

/** The auth scheme the location's header carries, if any (cookies, queries and forms have none). */
export function schemeOf(loc: TokenLocation): string | undefined {
  return loc.in === 'header' && loc.scheme ? loc.scheme : undefined;
}

/** A reason to skip a scheme scenario, or undefined when the location has a scheme to get wrong. */
export function noScheme(loc: TokenLocation): string | undefined {
  return schemeOf(loc) ? undefined : `the API reads tokens from ${describeLocation(loc)}, which carries no auth scheme`;
}

/** One of the three RFC 6750 methods: Authorization header, form field or query parameter access_token. */
export function isRfc6750Method(loc: TokenLocation): boolean {
  return isDefaultLocation(loc) || ((loc.in === 'query' || loc.in === 'form') && loc.name === 'access_token');
}

/** Methods whose requests carry a body a form-encoded token can ride in. */
export function takesBody(method: string): boolean {
  return !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(method.toUpperCase());
}

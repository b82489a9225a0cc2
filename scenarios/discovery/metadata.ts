/**
 * RFC 9728 protected resource metadata: where it lives for a resource identifier, and whether a
 * document says what the API does. Shared by the discovery scenarios.
 * @see RFC 9728 §2, §3.1, §3.3, §5.1
 */
import type { Scenario } from '../define.ts';

type Endpoint = Parameters<NonNullable<Scenario['skip']>>[0];
type ResolvedConfig = Parameters<NonNullable<Scenario['skip']>>[1];
type Finding = Awaited<ReturnType<NonNullable<Scenario['inspect']>>>[number];

/** The API's resource identifier when it declares one (or runs under the mcp profile, where it is the audience). */
export function resourceOf(config: ResolvedConfig): string | undefined {
  return config.resource;
}

export function noResource(_endpoint: Endpoint, config: ResolvedConfig): string | undefined {
  return resourceOf(config)
    ? undefined
    : 'not applicable: no resource identifier declared (`resource` in the config, or the mcp profile), so no RFC 9728 metadata is expected';
}

/** `/.well-known/oauth-protected-resource` with the identifier's path appended (RFC 9728 §3.1). */
export function wellKnownPath(resource: string): string {
  const path = new URL(resource).pathname.replace(/\/$/, '');
  return `/.well-known/oauth-protected-resource${path}`;
}

/** The metadata URL clients derive from the identifier: its origin plus the well-known path. */
export function wellKnownUrl(resource: string): string {
  return new URL(wellKnownPath(resource), resource).href;
}

export interface MetadataFacts {
  resource: string;
  issuer: string;
  /** Every scope some endpoint needs. */
  scopes: readonly string[];
  /** RFC 9728 bearer method of where the API reads tokens: header, body or query. */
  bearerMethod?: 'header' | 'body' | 'query';
  dpop: boolean;
}

const finding = (severity: Finding['severity'], message: string): Finding => ({ check: 'metadata', severity, message });

/** What is wrong with a metadata document, worst first in RFC order. Empty: it says what the API does. */
export function checkMetadata(body: string, contentType: string | undefined, facts: MetadataFacts): Finding[] {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return [finding('major', `the protected resource metadata is not JSON (RFC 9728 §3.2): "${body.slice(0, 60)}"`)];
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return [finding('major', 'the protected resource metadata is not a JSON object (RFC 9728 §3.2)')];
  const m = doc as Record<string, unknown>;
  const out: Finding[] = [];
  if (!/^application\/json\b/i.test(contentType ?? ''))
    out.push(finding('minor', `the metadata is served as ${contentType ?? 'no content type'}, not application/json (RFC 9728 §3.2)`));
  if (m.resource !== facts.resource) {
    out.push(
      finding(
        'major',
        `resource is ${JSON.stringify(m.resource)}, not the API's identifier "${facts.resource}": clients must then refuse the metadata (RFC 9728 §3.3)`,
      ),
    );
  }
  const servers = m.authorization_servers;
  if (!Array.isArray(servers) || !servers.includes(facts.issuer)) {
    out.push(
      finding(
        'major',
        `authorization_servers ${JSON.stringify(servers)} does not name the issuer "${facts.issuer}" whose tokens the API accepts (RFC 9728 §2)`,
      ),
    );
  }
  const scopes = m.scopes_supported;
  if (scopes !== undefined && (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string'))) {
    out.push(finding('minor', 'scopes_supported is not a list of strings (RFC 9728 §2)'));
  } else if (facts.scopes.length) {
    const missing = facts.scopes.filter((s) => !(scopes as string[] | undefined)?.includes(s));
    if (missing.length)
      out.push(
        finding(
          'minor',
          `scopes_supported ${scopes === undefined ? 'is absent' : JSON.stringify(scopes)} but the API needs ${missing.join(', ')} (RFC 9728 §2 RECOMMENDED)`,
        ),
      );
  }
  const methods = m.bearer_methods_supported;
  if (methods !== undefined && facts.bearerMethod && (!Array.isArray(methods) || !methods.includes(facts.bearerMethod))) {
    out.push(
      finding(
        'minor',
        `bearer_methods_supported ${JSON.stringify(methods)} leaves out "${facts.bearerMethod}", the way this API reads tokens (RFC 9728 §2)`,
      ),
    );
  }
  const dpopRequired = m.dpop_bound_access_tokens_required === true;
  if (facts.dpop && !dpopRequired)
    out.push(finding('minor', 'the API takes only DPoP-bound tokens but dpop_bound_access_tokens_required is not true (RFC 9728 §2)'));
  if (!facts.dpop && dpopRequired)
    out.push(finding('minor', 'dpop_bound_access_tokens_required is true but the API accepts Bearer tokens (RFC 9728 §2)'));
  return out;
}

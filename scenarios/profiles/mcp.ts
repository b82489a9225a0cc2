/**
 * MCP authorization for an MCP server as an OAuth resource server (MCP specification 2025-06-18,
 * "Authorization"): RFC 6750 answers, every 401 challenge naming the RFC 9728 metadata
 * (`resource_metadata`), 403 `insufficient_scope` with `scope`. Under this profile the audience is the
 * server's canonical URI and its resource identifier, so the discovery scenarios apply: the metadata,
 * the challenge, and tokens issued for other resources (RFC 8707; no token passthrough).
 * @see RFC 9728 §5.1, RFC 8707 §2, RFC 6750 §3.1
 */
import type { Profile } from './profile.ts';

export const mcp: Profile = {
  name: 'mcp',
  description:
    'MCP authorization for a resource server: RFC 6750 answers, resource_metadata in every 401 challenge (RFC 9728 §5.1), 403 insufficient_scope with scope; the audience is the server URI (RFC 8707) and its RFC 9728 metadata is checked.',
  classes: {
    NC: { status: [401], challenge: { scheme: 'Bearer', error: null, resourceMetadata: true } },
    IT: { status: [401], challenge: { scheme: 'Bearer', error: 'invalid_token', resourceMetadata: true } },
    IR: { status: [400], challenge: { scheme: 'Bearer', error: 'invalid_request' } },
    IS: { status: [403], challenge: { scheme: 'Bearer', error: 'insufficient_scope', scope: true } },
    OK: { accept: true, status: [] },
    REJECT: { status: [] },
  },
};

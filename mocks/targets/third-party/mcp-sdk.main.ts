/**
 * An MCP server on the official MCP TypeScript SDK 1.32.2, started out of process by child.ts, with
 * its server-side authorization set up as the SDK's OAuth example server (src/examples/server/
 * simpleStreamableHttp.ts with --oauth --oauth-strict) does: `mcpAuthMetadataRouter` publishes the
 * RFC 9728 metadata for the server URL, and `requireBearerAuth({ verifier, requiredScopes,
 * resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(serverUrl), expectedResource: serverUrl })`
 * guards `POST /mcp`, a stateless Streamable HTTP transport (the SDK's stateless example). The
 * example's verifier asks its demo authorization server's introspection endpoint; ours verifies the
 * JWT with jose against the IdP's JWKS (issuer checked) and reports, as the example's does, the `aud`
 * entry on the server's origin as the token's resource, which `expectedResource` then compares.
 * Unverifiable tokens are InvalidTokenError, as the SDK's errors module names them.
 *
 * The server URL (canonical MCP URI, RFC 8707) is GAUNTLET_AUDIENCE, e.g. https://mcp.gauntlet.test/mcp:
 * the public name of a server behind a proxy. MCP_PLAIN_ERROR=1 throws a plain Error from the
 * verifier instead, as the SDK's example verifier does.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { getOAuthProtectedResourceMetadataUrl, mcpAuthMetadataRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { OAuthMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { Request, RequestHandler, Response } from 'express';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { announce, childEnv } from './child.ts';

/**
 * The SDK's bearerAuth module declares `auth: AuthInfo` on every Express Request of a program, which
 * clashes with express-oauth2-jwt-bearer's own `req.auth` in this project's one tsc program: it is
 * loaded by a specifier tsc does not follow, and typed here as its .d.ts declares it.
 */
const BEARER_AUTH: string = '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
const { requireBearerAuth } = (await import(BEARER_AUTH)) as {
  requireBearerAuth(options: {
    verifier: { verifyAccessToken(token: string): Promise<unknown> };
    requiredScopes?: string[];
    resourceMetadataUrl?: string;
    expectedResource?: URL;
  }): RequestHandler;
};

const env = childEnv();
const mcpServerUrl = new URL(env.audience);
const plainError = process.env['MCP_PLAIN_ERROR'] === '1';
const jwks = createRemoteJWKSet(new URL(env.jwksUri));
const oauthMetadata = (await (await fetch(env.discoveryUrl)).json()) as OAuthMetadata;

const tokenVerifier = {
  verifyAccessToken: async (token: string) => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { issuer: env.issuer }));
    } catch (err) {
      if (plainError) throw new Error(`Invalid or expired token: ${(err as Error).message}`, { cause: err });
      throw new InvalidTokenError((err as Error).message);
    }
    const audience = [payload.aud ?? []].flat().find((aud) => URL.canParse(aud) && new URL(aud).origin === mcpServerUrl.origin);
    return {
      token,
      clientId: String(payload.client_id ?? ''),
      scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
      expiresAt: payload.exp,
      resource: audience ? new URL(audience) : undefined,
    };
  },
};

function getServer(): McpServer {
  const server = new McpServer({ name: 'gauntlet-mcp', version: '1.0.0' });
  server.registerTool('echo', { description: 'Echo a message' }, async () => ({ content: [{ type: 'text', text: 'ok' }] }));
  return server;
}

const app = createMcpExpressApp();
app.use(
  mcpAuthMetadataRouter({
    oauthMetadata,
    resourceServerUrl: mcpServerUrl,
    scopesSupported: ['mcp:tools'],
    resourceName: 'Gauntlet MCP server',
  }),
);
const authMiddleware = requireBearerAuth({
  verifier: tokenVerifier,
  requiredScopes: ['mcp:tools'],
  resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(mcpServerUrl),
  expectedResource: mcpServerUrl,
});

app.post('/mcp', authMiddleware, async (req: Request, res: Response) => {
  const server = getServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  // req.auth is the SDK's AuthInfo at run time; the cast only quiets the other validator's typing of it.
  await transport.handleRequest(req as unknown as Parameters<typeof transport.handleRequest>[0], res, req.body);
});

const listener = app.listen(0, '127.0.0.1', (error?: Error) => {
  if (error) throw error;
  const { port } = listener.address() as { port: number };
  announce(`http://127.0.0.1:${port}`);
});

/**
 * The MCP server of mcp-sdk.main.ts as the gauntlet runs it: one Streamable HTTP endpoint, a JSON-RPC
 * `initialize` POSTed with the headers the transport requires, needing the scope `mcp:tools`, judged
 * by the mcp profile with the server's canonical URI as audience and resource identifier.
 */
import type { UserConfig } from '../../../harness/config.ts';

export const MCP_SERVER_URI = 'https://mcp.gauntlet.test/mcp';

export const MCP_INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'token-gauntlet', version: '1' } },
};

export const MCP_CONFIG: UserConfig = {
  endpoints: [
    {
      method: 'POST',
      path: '/mcp',
      scopes: ['mcp:tools'],
      body: MCP_INITIALIZE,
      headers: { accept: 'application/json, text/event-stream' },
    },
  ],
  audience: MCP_SERVER_URI,
  profile: 'mcp',
};

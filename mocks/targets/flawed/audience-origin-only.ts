import type { Step } from '../reference/steps.ts';
import { invalidToken } from '../reference/rejection.ts';
import { defineFlawedTarget } from './define.ts';

/** An audience on the API's origin counts as the API's: any path, any other API on the host. */
const sameOrigin: Step = (ctx) => {
  const origin = new URL(ctx.options.audience).origin;
  const ours = (aud: unknown): boolean => typeof aud === 'string' && URL.canParse(aud) && new URL(aud).origin === origin;
  const aud = ctx.claims?.aud;
  if (!(Array.isArray(aud) ? aud.some(ours) : ours(aud))) return invalidToken('InvalidAudience');
};

export default defineFlawedTarget({
  name: 'audience-origin-only',
  flaw: 'Compares only the origin of the token audience with its own, so a token issued for another API on the same host is accepted: token passthrough between resources.',
  basedOn: "The MCP TypeScript SDK's OAuth example verifier reports the `aud` entry on the server's origin as the token's resource (`new URL(aud).origin === mcpServerUrl.origin`); RFC 8707 §2, MCP security best practices (token passthrough).",
  catches: ['audience-resource', 'aud-shape'],
  severity: 'critical',
  introspects: true,
  resource: true,
  options: { steps: { checkAudience: sameOrigin } },
});

/**
 * The gateway's side of the reference pipeline: the token comes raw in its own header (handed to the
 * pipeline as a Bearer credential, so the reference's extraction and format checks apply unchanged),
 * and every refusal is a 401 whose JSON `message` names the faulty credential's header. No
 * WWW-Authenticate challenge: the gateway of the gateway messages sends none. An IdP it cannot reach is still a
 * 503, failing closed: that is not a credential fault.
 */
import type { IncomingMessage } from 'node:http';
import type { Front } from '../reference/app.ts';
import type { AuditCode, Rejection } from '../reference/rejection.ts';
import type { Answer } from '../reference/respond.ts';
import { fillTemplate } from './messages.ts';
import type { GatewayFacts } from './options.ts';

/** Refusals that are about the client id header rather than the token. */
const CLIENT_FAULTS: ReadonlySet<AuditCode> = new Set<AuditCode>(['InvalidIntegration', 'IntegrationBlocked', 'ClientIdMismatch']);

const UNAVAILABLE = 'The credentials cannot be checked right now. Try again later.';

export function gatewayFront(facts: GatewayFacts): Front {
  return {
    authorization(req: IncomingMessage) {
      const value = req.headers[facts.tokenHeader];
      if (value === undefined) return undefined;
      return `Bearer ${Array.isArray(value) ? value.join(', ') : value}`;
    },
    reject(rejection: Rejection): Answer {
      if (rejection.kind === 'unavailable') {
        return { status: 503, headers: { 'retry-after': '5' }, body: { message: UNAVAILABLE }, code: rejection.code };
      }
      const message = CLIENT_FAULTS.has(rejection.code)
        ? fillTemplate(facts.messages.clientId, facts.clientIdHeader)
        : fillTemplate(facts.messages.accessToken, facts.tokenHeader);
      return { status: 401, headers: {}, body: { message }, code: rejection.code };
    },
  };
}

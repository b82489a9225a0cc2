/**
 * The one validation step the gateway changes: the client id header is required. Without it the
 * caller's client is unknown (the gateway messages lists "not provided" among the client id faults), so it is
 * refused as an unregistered client; with it, the reference's own check compares it with the token.
 */
import { invalidToken } from '../reference/rejection.ts';
import { referenceSteps, type Step } from '../reference/steps.ts';

export const requireClientId: Step = (ctx) =>
  ctx.request.clientId === undefined ? invalidToken('InvalidIntegration') : referenceSteps.checkClientId(ctx);

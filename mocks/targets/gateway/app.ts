/**
 * The gateway target as a Node request handler, and a helper that serves it on 127.0.0.1: the
 * reference API's routing and validation steps behind the gateway's front (front.ts, steps.ts).
 */
import { serveOnLoopback } from '../loopback.ts';
import { createReferenceApi, type RequestHandler } from '../reference/app.ts';
import { gatewayFront } from './front.ts';
import { gatewayFacts, type GatewayOptions } from './options.ts';
import { requireClientId } from './steps.ts';

export function createGatewayApi(options: GatewayOptions): RequestHandler {
  const facts = gatewayFacts(options);
  const { tokenHeader: _t, clientIdHeader: _c, messages: _m, steps, ...reference } = options;
  return createReferenceApi(
    { ...reference, clientIdHeader: facts.clientIdHeader, steps: { checkClientId: requireClientId, ...steps } },
    gatewayFront(facts),
  );
}

export interface RunningGatewayApi {
  url: string;
  close(): Promise<void>;
}

/** Serve the gateway on 127.0.0.1, port 0 (any free port) unless told otherwise. */
export async function startGatewayApi(options: GatewayOptions & { port?: number; host?: string }): Promise<RunningGatewayApi> {
  const { port, host, ...rest } = options;
  return serveOnLoopback(createGatewayApi(rest), { port, host });
}

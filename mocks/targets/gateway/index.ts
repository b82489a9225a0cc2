/** The gateway target: an API gateway in the style of the gateway messages, validating like the reference API. */
export { createGatewayApi, startGatewayApi, type RunningGatewayApi } from './app.ts';
export { fillTemplate, SEED_001_MESSAGES, type GatewayMessages } from './messages.ts';
export { gatewayFacts, type GatewayFacts, type GatewayOptions } from './options.ts';

/** Where every probe of a run places its token, and the headers it always carries. */
import { DEFAULT_SHAPE } from '../mocks/idp/mint.ts';
import type { ResolvedConfig } from './config.ts';
import type { PlaceOptions } from './probe.ts';

export function placeOptions(config: ResolvedConfig): PlaceOptions {
  // The second credential (a gateway's client_id header) names the baseline client unless a scenario overrides it.
  const clientId = config.clientIdHeader ? { [config.clientIdHeader]: config.baseline.clientId ?? DEFAULT_SHAPE.clientId } : {};
  return {
    location: config.token,
    requestIdHeader: config.requestIdHeader,
    extraHeaders: { ...clientId, ...config.headers },
    tokenType: config.tokenType,
  };
}

/**
 * The benchmark's comparison run: `npm start`'s configuration with the reference API at its own default
 * patience (it waits 2 s for the IdP instead of npm start's 400 ms). The extra time over `npm start`
 * divided by the extra patience (1.6 s) is how many stall windows a run waits out one after another.
 */
import { defineConfig } from '../harness/define-config.ts';
import npmStart, { referenceFor } from '../mocks/targets/reference/gauntlet.config.ts';
import { startReferenceApi } from '../mocks/targets/reference/app.ts';

export default defineConfig({ ...npmStart, target: { start: (env) => startReferenceApi(referenceFor(env)) } });

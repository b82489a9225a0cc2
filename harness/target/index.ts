/**
 * Targets: where probes go. A URL (url.ts: node:http, so the harness controls every header byte, over
 * keep-alive connections; raw.ts: a socket written byte for byte where node:http will not send), or an
 * in-process app (app.ts), listened on 127.0.0.1 port 0 and sent to through the same URL client, so both
 * modes give the same verdicts by construction. Forged tokens go only to this target.
 */
export * from './types.ts';
export { parseRawResponse, sendRaw } from './raw.ts';
export { urlTarget } from './url.ts';
export { appTarget, isInProcessApp, type InProcessApp } from './app.ts';

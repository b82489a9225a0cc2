/**
 * What every target is, and what a request to one can end in besides an answer: a timeout, a
 * connection that ended without an HTTP answer (NoHttpAnswer), an interruption, or a target that could
 * not be reached at all. Shared by the URL client (url.ts), the raw-socket client (raw.ts) and the
 * in-process app (app.ts), which listens on loopback and sends through the URL client.
 */
import type { SecureContext } from 'node:tls';
import { HarnessError } from '../core/errors.ts';
import type { RawResponse } from '../core/observation.ts';
import type { Probe } from '../probe.ts';

export interface Target {
  /** For messages and reports: the URL, or "in-process app". */
  describe: string;
  /** Base URL used in curl reproductions. */
  baseUrl: string;
  send(probe: Probe, timeoutMs: number): Promise<RawResponse>;
  close(): Promise<void>;
}

/** Bytes of an answer's body read by default: the rest is left unread and the connection closed. */
export { DEFAULT_MAX_BODY } from '../defaults.ts';

/** What every request to a target is held to, besides its timeout. */
export interface TargetLimits {
  /** Bytes of an answer's body read at most; an answer with more is recorded as truncated (`RawResponse.truncated`). */
  maxBody?: number;
  /** Aborts a request in flight (Ctrl-C): it then rejects with ERR_INTERRUPTED. */
  signal?: AbortSignal;
  /** TLS of an https target: a CA to trust beside the system's, a client certificate and its key (RFC 8705 mTLS). */
  tls?: TargetTls;
}

/**
 * What an https connection to the target is made with, beyond node's defaults: one secure context
 * (`tls.createSecureContext`), made once, since parsing a CA list and a key per connection is not free.
 */
export interface TargetTls {
  secureContext: SecureContext;
}

/** The run was interrupted while a request was in flight: the request is abandoned, nothing is judged. */
export function interrupted(): HarnessError {
  return new HarnessError('ERR_INTERRUPTED', 'interrupted: the request in flight was abandoned');
}

/** Call `abort` when `signal` aborts; returns the function that stops listening. */
export function onAbort(signal: AbortSignal | undefined, abort: () => void): () => void {
  if (!signal) return () => {};
  signal.addEventListener('abort', abort, { once: true });
  return () => signal.removeEventListener('abort', abort);
}

/** The target did not answer in time: a finding for the scenario, not a harness error. */
export class TargetTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/** How a connection that was made ended without an HTTP answer. */
export type NoAnswerKind = 'reset' | 'closed' | 'incomplete' | 'not-http';

/**
 * The target took the connection but gave no (complete) HTTP answer: it reset or closed it, or sent
 * something that is not HTTP. An observation of the target's behaviour, judged like any answer (a
 * refusal for a request it must reject), never a harness error and never "unreachable".
 */
export class NoHttpAnswer extends Error {
  constructor(
    readonly kind: NoAnswerKind,
    detail: string,
  ) {
    super(detail);
  }
}

/** Failures to connect at all: the only errors that make a target "unreachable". */
const UNREACHABLE = ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL'];

const TLS_FAILURE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|^ERR_TLS_|^ERR_SSL_|^EPROTO$/;

/** What a connection that was made ending in `err` means: unreachable only if it never connected. */
export function connectionEnded(baseUrl: string, err: NodeJS.ErrnoException, connected: boolean): Error {
  if (!connected && UNREACHABLE.includes(err.code ?? '')) return unreachable(baseUrl, err);
  // node:http calls a close before a complete answer "socket hang up" (code ECONNRESET); a real reset is "read ECONNRESET".
  if (err.message === 'socket hang up') return new NoHttpAnswer('closed', 'the target closed the connection without an HTTP answer');
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE')
    return new NoHttpAnswer('reset', `the target reset the connection (${err.code}) without an HTTP answer`);
  if (err.code === 'HPE_INVALID_CONSTANT' || err.code?.startsWith('HPE_'))
    return new NoHttpAnswer('not-http', `the target answered something that is not HTTP (${err.code})`);
  if (err.message === 'aborted') return new NoHttpAnswer('incomplete', 'the target closed the connection in the middle of its HTTP answer');
  // TLS that fails (a certificate not trusted or expired, no protocol in common): nothing can be sent until it is fixed.
  if (TLS_FAILURE.test(err.code ?? '')) {
    return new HarnessError(
      'ERR_TARGET_UNREACHABLE',
      `cannot talk TLS to the target at ${baseUrl} (${err.code}); give it a certificate the harness trusts (targetCa in the config, or NODE_EXTRA_CA_CERTS) or fix --target`,
      { cause: err },
    );
  }
  // Anything else that ends a connection once made is the target's doing, observed like a reset.
  if (connected) return new NoHttpAnswer('reset', `the connection ended without an HTTP answer (${err.code ?? err.message})`);
  return unreachable(baseUrl, err);
}

function unreachable(baseUrl: string, err: NodeJS.ErrnoException): HarnessError {
  return new HarnessError(
    'ERR_TARGET_UNREACHABLE',
    `cannot reach the target at ${baseUrl} (${err.code}); start your API there or fix --target`,
    {
      cause: err,
    },
  );
}

import type { AnswerClass } from './answer.ts';
import type { Credential } from './credential.ts';
import type { IfAccepted } from './if-accepted.ts';
import type { DpopProofPlan } from '../../mocks/idp/dpop.ts';

/**
 * What ties the credential to the client beyond the token itself, made fresh for each request sent.
 * On an API configured for DPoP every credential gets a valid proof unless a probe says otherwise;
 * on one configured for mTLS every request goes over a TLS connection with the harness's client certificate.
 */
export type Binding =
  /** `invalid`: the proof itself is bad, so a correct API answers 401 `DPoP error="invalid_dpop_proof"` (RFC 9449 §7.1). */
  | { kind: 'dpop'; proof?: DpopProofPlan; invalid?: boolean }
  /**
   * The client certificate the TLS connection presents (RFC 8705 §3): `own` (the default on an mTLS run,
   * the one tokens are bound to), `other` (another client's, from the same CA) or `none`.
   */
  | { kind: 'mtls'; certificate?: 'own' | 'other' | 'none' }
  /** No binding, even where the run's token type would add one. */
  | { kind: 'none' };

/** What a scenario asks to send; the harness turns it into a concrete Probe for the endpoint. */
export interface ProbeSpec {
  /** Variant name when a scenario sends several (e.g. `alg "None"`). */
  label?: string;
  credential: Credential;
  /** Extra request headers, and query/body members (e.g. a second copy of the token). */
  headers?: Record<string, string>;
  query?: Record<string, string>;
  form?: Record<string, string>;
  /** How the credential is bound to the client (a DPoP proof); default: as the run's token type says. */
  binding?: Binding;
  /** Another path of the API than the endpoint's (its RFC 9728 metadata), sent as a GET without the endpoint's body. */
  path?: string;
  /** Override the answer class for this variant only. */
  expect?: AnswerClass | readonly AnswerClass[];
  /** Override the scenario's `ifAccepted` for this variant only. */
  ifAccepted?: IfAccepted;
  /**
   * The plain case the other variants are compared with (a random unknown kid beside injected ones):
   * sent first, judged like the others, and its observation handed to `inspect` for the rest, so a
   * finding can say "fails exactly like the plain case" instead of guessing a cause.
   */
  control?: boolean;
}

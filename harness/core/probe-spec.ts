import type { AnswerClass } from './answer.ts';
import type { Credential } from './credential.ts';
import type { IfAccepted } from './if-accepted.ts';

/** What a scenario asks to send; the harness turns it into a concrete Probe for the endpoint. */
export interface ProbeSpec {
  /** Variant name when a scenario sends several (e.g. `alg "None"`). */
  label?: string;
  credential: Credential;
  /** Extra request headers, and query/body members (e.g. a second copy of the token). */
  headers?: Record<string, string>;
  query?: Record<string, string>;
  form?: Record<string, string>;
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

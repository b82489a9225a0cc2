/** What "expected" means for one answer class under a profile: status, challenge, message, audit code. */
import type { StatusRule } from './status.ts';

export interface ChallengeRule {
  scheme: string;
  /** The `error` param: a code, null for "must be absent" (RFC 6750 §3), or undefined for "not checked". */
  error?: string | null;
  /** The challenge must carry `scope` (insufficient_scope). */
  scope?: boolean;
  /** The challenge must carry `algs`, the DPoP proof algorithms accepted (RFC 9449 §7.1). */
  algs?: boolean;
  /** The challenge must carry `resource_metadata`, the URL of the protected resource metadata (RFC 9728 §5.1). */
  resourceMetadata?: boolean;
  /** The challenge must carry `acr_values`, the authentication context classes that would do (RFC 9470 §3). */
  acrValues?: boolean;
  /** The challenge must carry `max_age`, the longest time since authentication that would do (RFC 9470 §3). */
  maxAge?: boolean;
}

export interface MessageRule {
  /** `%s` placeholders match any text, e.g. `Access Token in the request, identified by HEADER %s, is invalid.` */
  template?: string;
  /** A regular expression source, matched against the text. */
  pattern?: string;
  /** Where the message is read: the whole body, the challenge's error_description, or a JSON body path. */
  in?: 'body' | 'error_description' | `json:${string}`;
}

export interface Expectation {
  /** The answer must be 2xx (a positive control). */
  accept?: boolean;
  /** Allowed statuses when rejecting; empty means any non-2xx. */
  status: StatusRule[];
  /** Check the challenge; undefined = do not check it. */
  challenge?: ChallengeRule;
  message?: MessageRule;
  /** Allowed audit codes; undefined = not checked. */
  auditCode?: string[];
}

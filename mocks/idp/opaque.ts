/**
 * Opaque access tokens: random strings that mean nothing to the API, only to this IdP, which records
 * what each one stands for (the claims a JWT would have carried) and answers for it at introspection.
 * Bounded: the oldest handles are forgotten first (then introspected as unknown, active=false).
 * @see RFC 7662 §1, §2.2
 */
import { randomBytes } from 'node:crypto';

/** How many opaque tokens are remembered at most. */
export const MAX_OPAQUE_TOKENS = 50_000;

export class OpaqueTokens {
  private readonly byToken = new Map<string, { header: Record<string, unknown>; claims: Record<string, unknown> }>();

  /** A new random token (256 bits, base64url: an RFC 6750 b64token) standing for `claims` (and the header a JWT would have had: its typ). */
  issue(claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
    const token = OpaqueTokens.random();
    this.byToken.set(token, { header: { ...header }, claims: { ...claims } });
    if (this.byToken.size > MAX_OPAQUE_TOKENS) this.byToken.delete(this.byToken.keys().next().value!);
    return token;
  }

  /** A token shaped like the issued ones that this IdP never issued. */
  static random(): string {
    return randomBytes(32).toString('base64url');
  }

  /** What `token` stands for (copies), or undefined when this IdP did not issue it. */
  own(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } | undefined {
    const found = this.byToken.get(token);
    return found && { header: { ...found.header }, claims: { ...found.claims } };
  }

  get size(): number {
    return this.byToken.size;
  }
}

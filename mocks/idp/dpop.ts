/**
 * DPoP (RFC 9449): the client key the harness holds, the proofs it signs with it (a fresh one per
 * request), and proofs changed in exactly one property for the binding scenarios. A valid proof comes
 * from panva's `dpop` package; a forged one is built by hand, since a well-behaved library refuses to
 * write `alg: none`, a private `jwk` or a missing `jti`.
 * @see RFC 9449 §4.2, §4.3
 */
import { createHash, randomUUID } from 'node:crypto';
import { generateKeyPair as generateDpopKeyPair, generateProof, type KeyPair } from 'dpop';
import { calculateJwkThumbprint, EmbeddedJWK, exportJWK, jwtVerify, type JWK } from 'jose';
import { b64url, hmacKey, signInput } from './jws.ts';

/** How a proof differs from a valid one. Every member is optional; `{}` is a valid, fresh proof. */
export interface DpopProofPlan {
  /** Send no DPoP header. */
  omit?: boolean;
  /** The whole header value, verbatim (not a JWT). */
  raw?: string;
  /** Header members over the valid ones; `undefined` deletes a member. */
  header?: Record<string, unknown>;
  /** Claims over the valid ones; `undefined` deletes a claim. */
  claims?: Record<string, unknown>;
  /** `other`: a key that is not the token's cnf.jkt (its own jwk in the header, validly signed). */
  signWith?: 'client' | 'other' | 'none' | 'hmac' | 'tampered';
  /** Put the private key (`d`) in the header's jwk. */
  privateJwk?: boolean;
  /** The htu to claim, from the request's absolute URL. */
  htu?: (url: URL) => string;
  /** Seconds added to iat. */
  iatOffset?: number;
  /** How many DPoP headers to send, each a fresh valid-looking proof (default 1). */
  count?: number;
  /** Shared between two probes: the first one's proof is kept here, the second sends it again. */
  replay?: { proof?: string };
}

export interface ProofRequest {
  method: string;
  /** The absolute URL the request is sent to. */
  url: URL;
  /** The access token the proof is for (`ath`); none for the token endpoint. */
  accessToken?: string;
  nonce?: string;
}

/** The htu of a request: its URL without query and fragment. @see RFC 9449 §4.2 */
export function htuOf(url: URL): string {
  const u = new URL(url.href);
  u.search = '';
  u.hash = '';
  return u.href;
}

export function athOf(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest('base64url');
}

function apply(base: Record<string, unknown>, over: Record<string, unknown> | undefined): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(over ?? {})) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

export class DpopClient {
  private constructor(
    /** The key the harness proves possession of; tokens are bound to its thumbprint. */
    readonly key: KeyPair,
    readonly publicJwk: JWK,
    readonly privateJwk: JWK,
    readonly jkt: string,
    /** A second key, for a proof signed by a key the token is not bound to. */
    readonly other: { key: KeyPair; publicJwk: JWK },
  ) {}

  static async create(): Promise<DpopClient> {
    const key = await generateDpopKeyPair('ES256', { extractable: true });
    const other = await generateDpopKeyPair('ES256', { extractable: true });
    const publicJwk = await exportJWK(key.publicKey);
    const privateJwk = await exportJWK(key.privateKey);
    return new DpopClient(key, publicJwk, privateJwk, await calculateJwkThumbprint(publicJwk), {
      key: other,
      publicJwk: await exportJWK(other.publicKey),
    });
  }

  /** The `cnf` claim of a token bound to this client's key. @see RFC 9449 §6.1 */
  get cnf(): { jkt: string } {
    return { jkt: this.jkt };
  }

  /** The DPoP header values to send for `request` under `plan` (none, one, or several). */
  async proofs(request: ProofRequest, plan: DpopProofPlan = {}): Promise<string[]> {
    if (plan.omit) return [];
    if (plan.raw !== undefined) return [plan.raw];
    if (plan.replay?.proof) return [plan.replay.proof];
    const count = plan.count ?? 1;
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(await this.proof(request, plan));
    if (plan.replay) plan.replay.proof = out[0];
    return out;
  }

  private async proof(request: ProofRequest, plan: DpopProofPlan): Promise<string> {
    const plain = !plan.header && !plan.claims && !plan.signWith && !plan.privateJwk && !plan.htu && !plan.iatOffset;
    const htu = plan.htu ? plan.htu(request.url) : htuOf(request.url);
    if (plain) return generateProof(this.key, htu, request.method, request.nonce, request.accessToken);
    const other = plan.signWith === 'other';
    const jwk = other ? this.other.publicJwk : plan.privateJwk ? this.privateJwk : this.publicJwk;
    const alg = plan.signWith === 'none' ? 'none' : plan.signWith === 'hmac' ? 'HS256' : 'ES256';
    const header = apply({ typ: 'dpop+jwt', alg, jwk }, plan.header);
    const claims = apply(
      {
        jti: randomUUID(),
        htm: request.method,
        htu,
        iat: Math.floor(Date.now() / 1000) + (plan.iatOffset ?? 0),
        ...(request.accessToken !== undefined ? { ath: athOf(request.accessToken) } : {}),
        ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
      },
      plan.claims,
    );
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    if (plan.signWith === 'none') return `${input}.`;
    if (plan.signWith === 'hmac') return `${input}.${await signInput('HS256', await hmacKey(new TextEncoder().encode(this.jkt)), input)}`;
    const signature = await signInput('ES256', other ? this.other.key.privateKey : this.key.privateKey, input);
    if (plan.signWith !== 'tampered') return `${input}.${signature}`;
    // The same bytes with one signature byte flipped.
    const bytes = Buffer.from(signature, 'base64url');
    bytes[0] = bytes[0]! ^ 0xff;
    return `${input}.${bytes.toString('base64url')}`;
  }
}

/**
 * The IdP's side: a DPoP proof sent to the token endpoint, checked enough to bind the token to its key
 * (one header, typ, an asymmetric alg, its signature, htm, htu). Returns the key's thumbprint or why not.
 * @see RFC 9449 §4.3, §5
 */
export async function proofThumbprint(request: Request): Promise<{ jkt: string } | { error: string } | undefined> {
  const value = request.headers.get('dpop');
  if (value === null) return undefined;
  if (value.includes(',')) return { error: 'more than one DPoP header' };
  try {
    const { payload, protectedHeader } = await jwtVerify(value, EmbeddedJWK, {
      typ: 'dpop+jwt',
      algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'],
      maxTokenAge: 300,
    });
    if (payload.htm !== request.method || typeof payload.htu !== 'string' || htuOf(new URL(payload.htu)) !== htuOf(new URL(request.url))) {
      return { error: 'htm or htu does not match this request' };
    }
    return { jkt: await calculateJwkThumbprint(protectedHeader.jwk!) };
  } catch (err) {
    return { error: `the DPoP proof is invalid: ${(err as Error).message}` };
  }
}

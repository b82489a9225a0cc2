/**
 * Bindings made at the moment of sending: a probe that asks for a DPoP proof gets a fresh one for the
 * exact URL and token it is sent with. When the API asks for a nonce (401 `use_dpop_nonce` with a
 * `DPoP-Nonce` header) the probe is sent once more with it, as a DPoP client must; the nonce is kept
 * for the next proofs to that API, and a `DPoP-Nonce` on any answer replaces it.
 * @see RFC 9449 §4.2, §8, §9
 */
import type { DpopClient } from '../../mocks/idp/dpop.ts';
import type { RawResponse } from '../core/observation.ts';
import type { Probe } from '../probe.ts';
import type { Target } from '../target/index.ts';

/** The access token a credential carries, for `ath`: the raw token, or what follows the scheme. */
export function accessTokenOf(probe: Probe): string | undefined {
  if (probe.token) return probe.token.token;
  const c = probe.credential;
  if (c === undefined) return undefined;
  const m = /^\S+[ \t]+(.*)$/s.exec(c);
  return (m ? m[1]! : c).trim();
}

function header(res: RawResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The answer asks for a (new) nonce: 401 with a DPoP-Nonce header and error use_dpop_nonce. */
export function asksForNonce(res: RawResponse): string | undefined {
  const nonce = header(res, 'dpop-nonce');
  const www = [res.headers['www-authenticate'] ?? []].flat().join(', ');
  return res.status === 401 && nonce && /use_dpop_nonce/.test(www) ? nonce : undefined;
}

export function bindingTarget(target: Target, dpop: DpopClient | undefined): Target {
  let nonce: string | undefined;
  const sendBound = async (probe: Probe, timeoutMs: number, retried: boolean): Promise<RawResponse> => {
    const binding = probe.binding;
    if (!binding || binding.kind !== 'dpop' || !dpop) return target.send(probe, timeoutMs);
    const url = new URL(target.baseUrl.replace(/\/$/, '') + probe.path);
    const plan = binding.proof ?? {};
    const replayedBefore = plan.replay?.proof !== undefined;
    const proofs = await dpop.proofs({ method: probe.method, url, accessToken: accessTokenOf(probe), nonce }, plan);
    const base = probe.headers.filter(([n]) => n !== 'dpop');
    const sent: Probe = { ...probe, headers: [...base, ...proofs.map((p): [string, string] => ['dpop', p])] };
    const res = await target.send(sent, timeoutMs);
    probe.headers = sent.headers;
    const next = header(res, 'dpop-nonce');
    const asked = asksForNonce(res);
    if (next) nonce = next;
    if (asked && !retried) {
      // A proof kept for a replay was refused for want of a nonce: make it again, with the nonce.
      if (plan.replay && !replayedBefore) plan.replay.proof = undefined;
      return sendBound(probe, timeoutMs, true);
    }
    return res;
  };
  return { ...target, send: (probe, timeoutMs) => sendBound(probe, timeoutMs, false) };
}

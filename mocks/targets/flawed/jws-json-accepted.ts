import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

interface JwsJson {
  payload?: string;
  protected?: string;
  signature?: string;
  signatures?: Array<{ protected?: string; signature?: string }>;
}

/** A credential that looks like JSON is read as the JWS JSON serialization and turned into the compact form. */
const extractCredential: Step = (ctx) => {
  const auth = ctx.request.authorization ?? '';
  const value = auth.replace(/^bearer\s+/i, '');
  if (!/^bearer\s/i.test(auth) || !value.startsWith('{')) return referenceSteps.extractCredential(ctx);
  let jws: JwsJson;
  try {
    jws = JSON.parse(value) as JwsJson;
  } catch {
    return referenceSteps.extractCredential(ctx);
  }
  const signed = jws.signatures?.[0] ?? jws;
  ctx.token = `${signed.protected ?? ''}.${jws.payload ?? ''}.${signed.signature ?? ''}`;
};

export default defineFlawedTarget({
  name: 'jws-json-accepted',
  flaw: 'Takes a bearer credential that is JSON for the JWS JSON serialization (flattened or general) and verifies it, so tokens travel in a form no JWT uses and that RFC 6750 does not allow in the header.',
  basedOn:
    'python-jwt < 3.3.4 (CVE-2022-39227: JSON and compact forms mixed) and libraries whose verify() accepts either serialization; RFC 7519 §1, RFC 6750 §2.1.',
  catches: ['json-serialization'],
  severity: 'major',
  options: { steps: { extractCredential } },
});

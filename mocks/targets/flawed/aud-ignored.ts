import { skip } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'aud-ignored',
  flaw: 'Never checks aud, so a token the IdP issued for another API, or for none, is accepted here.',
  basedOn:
    "jsonwebtoken and PyJWT check aud only when an audience option is passed (PyJWT's `verify_aud: False` is a common workaround); RFC 9068 §4, OWASP WSTG-SESS-10 audience confusion.",
  catches: ['wrong-audience', 'aud-missing', 'aud-shape'],
  severity: 'critical',
  introspects: true,
  options: { steps: { checkAudience: skip } },
});

import { skip } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'typ-ignored',
  flaw: "Never checks typ, so any JWT the IdP signs (a refresh token, a token without typ) is taken for an access token; an ID token has no client_id and still fails this API's required-claims check, so id-token-as-access sees the flaw only as the wrong audit code (TokenRejected, not InvalidTokenType).",
  basedOn:
    'RFC 8725 §3.11 (explicit typing) and RFC 9068 §4; most validators accept any typ unless configured (jose `typ`, Spring `JwtTypeValidator` opt-in until 6.5).',
  catches: ['typ-missing', 'refresh-as-access', 'id-token-as-access', 'typ-shape'],
  severity: 'critical',
  bySeverity: { 'id-token-as-access': 'minor' },
  introspects: true,
  options: { steps: { checkType: skip } },
});

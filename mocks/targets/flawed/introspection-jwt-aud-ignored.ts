import { introspectOpaque } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'introspection-jwt-aud-ignored',
  flaw: "Takes opaque tokens. Verifies a JWT introspection answer's signature but not its aud, so an answer the IdP gave another resource server is taken as its own.",
  basedOn: 'jwtVerify() without the audience option: RFC 9701 §5, §8.2.',
  catches: ['introspection-jwt-audience'],
  severity: 'critical',
  opaque: 'jwt',
  options: { steps: { parseToken: introspectOpaque({ jwt: { audience: true } }) } },
});

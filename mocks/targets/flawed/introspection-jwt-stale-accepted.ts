import { introspectOpaque } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'introspection-jwt-stale-accepted',
  flaw: "Takes opaque tokens. Verifies a JWT introspection answer's signature and audience but not the age of its iat, so an hour-old answer replayed for a since-revoked token is believed.",
  basedOn: 'jwtVerify() without maxTokenAge: RFC 9701 §5, §8.3.',
  catches: ['introspection-jwt-stale'],
  severity: 'critical',
  opaque: 'jwt',
  options: { steps: { parseToken: introspectOpaque({ jwt: { freshness: true } }) } },
});

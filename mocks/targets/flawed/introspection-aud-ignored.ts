import { skip } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'introspection-aud-ignored',
  flaw: "Takes opaque tokens and serves any the IdP calls active, never reading the answer's `aud`: a token issued for another API of the same IdP works here.",
  basedOn:
    'RFC 7662 §4 (the resource server must check the token is meant for it); introspection middleware that checks `active` and scope only.',
  catches: ['wrong-audience'],
  severity: 'critical',
  opaque: 'json',
  options: { steps: { checkAudience: skip } },
});

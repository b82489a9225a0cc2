import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'reject-everything',
  flaw: 'Configured with the wrong audience, so it refuses every token, valid ones included; the run must stop at the baseline.',
  basedOn:
    'The classic Auth0/Entra setup error: the API expects its URL as audience while the IdP issues tokens for its identifier (RFC 7519 §4.1.3).',
  catches: [],
  severity: 'critical',
  rejectsBaseline: true,
  options: { audience: 'https://api.gauntlet.test/v1/' },
});

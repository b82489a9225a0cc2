import { defineScenario } from '../define.ts';

export default defineScenario({
  id: 'aud-missing',
  title: 'No aud claim',
  category: 'identity',
  refs: ['RFC 9068 §2.2', 'RFC 8725 §3.9'],
  expect: 'IT',
  resolution: 'Require aud in every access token (RFC 9068 §2.2) and reject tokens without it with 401 invalid_token: a token without an audience is not meant for your API.',
  async probes(ctx) {
    return { credential: { kind: 'token', token: await ctx.forge({ claims: { aud: undefined } }) } };
  },
});

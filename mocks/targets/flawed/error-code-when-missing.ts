import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'error-code-when-missing',
  flaw: 'Puts error="invalid_token" in the challenge when no credentials were sent at all, where RFC 6750 §3 wants a bare challenge.',
  basedOn:
    'RFC 6750 §3 ("SHOULD NOT include an error code" when the request lacks authentication); gateways that answer every 401 with one fixed invalid_token challenge.',
  catches: ['no-credentials', 'wrong-scheme'],
  severity: 'minor',
  introspects: true,
  answer: (answer) =>
    answer.code === 'MissingToken'
      ? {
          ...answer,
          headers: {
            ...answer.headers,
            'www-authenticate': 'Bearer realm="api", error="invalid_token", error_description="the access token is invalid"',
          },
        }
      : answer,
});

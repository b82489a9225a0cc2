import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'challenge-without-resource-metadata',
  flaw: 'Publishes RFC 9728 metadata but never names it in the WWW-Authenticate challenge, so a client without a token cannot discover it.',
  basedOn:
    'MCP TypeScript SDK requireBearerAuth without its `resourceMetadataUrl` option (the option is not required), and RFC 6750 challenge writers that know no resource_metadata; RFC 9728 §5.1, MCP authorization §2.3.1.',
  catches: ['resource-metadata-challenge'],
  severity: 'minor',
  introspects: true,
  resource: true,
  answer: (answer) => {
    const www = answer.headers['www-authenticate'];
    return www ? { ...answer, headers: { ...answer.headers, 'www-authenticate': www.replace(/, resource_metadata="[^"]*"/, '') } } : answer;
  },
});

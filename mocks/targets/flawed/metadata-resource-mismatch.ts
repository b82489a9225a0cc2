import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'metadata-resource-mismatch',
  flaw: 'Publishes RFC 9728 metadata whose `resource` is the URL the server listens on, not the identifier its tokens are issued for, so clients must refuse the document.',
  basedOn:
    "Metadata built from the request's Host (or a framework's baseUrl) behind a proxy or on an internal port; RFC 9728 §3.3 requires `resource` to equal the identifier the metadata URL was derived from.",
  catches: ['resource-metadata'],
  severity: 'major',
  introspects: true,
  resource: true,
  answer: (answer, facts) =>
    facts.path.startsWith('/.well-known/oauth-protected-resource') && answer.status === 200
      ? { ...answer, body: { ...answer.body, resource: 'http://127.0.0.1:8080/' } }
      : answer,
});

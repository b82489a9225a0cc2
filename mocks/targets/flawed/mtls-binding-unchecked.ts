import { skip } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'mtls-binding-unchecked',
  flaw: 'Served over mutual TLS and validates the JWT fully, but never reads cnf.x5t#S256 or the connection certificate, so a certificate-bound token works with any certificate, none, or no binding at all.',
  basedOn:
    'Off-the-shelf JWT middleware (express-oauth2-jwt-bearer, @fastify/jwt, passport-jwt) verifies signature and claims and leaves cnf to the API, which never adds the check; RFC 8705 §3.',
  catches: ['mtls-no-certificate', 'mtls-other-certificate', 'mtls-token-other-certificate', 'mtls-unbound-token'],
  severity: 'critical',
  bySeverity: { 'mtls-unbound-token': 'major' },
  introspects: true,
  mtls: true,
  options: { steps: { checkCertificateBinding: skip } },
});

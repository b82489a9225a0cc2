import { introspectOpaque } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'introspection-jwt-unverified',
  flaw: 'Takes opaque tokens. Reads the token_introspection of a JWT introspection answer (RFC 9701) without verifying its signature, so an unsigned or stranger-signed answer says what it likes.',
  basedOn: 'decodeJwt() where jwtVerify() was meant: RFC 9701 §8.1, RFC 8725 §3.1.',
  catches: ['introspection-jwt-signature'],
  severity: 'critical',
  opaque: 'jwt',
  options: { steps: { parseToken: introspectOpaque({ jwt: { signature: true } }) } },
});

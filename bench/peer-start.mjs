// The peer mock IdP started the way its README shows, one RS256 key, printing one JSON line when
// listening (as `gauntlet idp` does): the cold-start comparison's other side.
import { OAuth2Server } from 'oauth2-mock-server';

const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
await server.start(0, '127.0.0.1');
console.log(JSON.stringify({ issuer: server.issuer.url, jwks_uri: `${server.issuer.url}/jwks` }));
const stop = () => void server.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

/**
 * undici's HTTP/1.1 `Client`, loaded from its own file (`undici/lib/dispatcher/client.js`) rather than
 * from undici's index, which exports the same class. Why not the index: it also builds fetch, WebSocket
 * and a Cache Storage, which the request path never uses, and tsup bundles dependencies into dist/
 * (tsup.config.ts), so a static import of the index would put the whole of undici in the tarball and in
 * every `gauntlet run` start; when keep-alive.ts was written, a second evaluation of the index in one
 * process (a .ts config loaded by tsx in a module cache of its own) also threw "Illegal constructor" from
 * the Cache Storage (not reproduced with tsx 4 and undici 7.30.2, but nothing here depends on that now).
 *
 * The file path is not a public export of undici (its package.json has no `exports` map, so node
 * resolves it), which is why undici is pinned to one exact version in package.json: on an upgrade,
 * this is the one place to check (and the check below fails at load, naming it).
 */
import { createRequire } from 'node:module';
import type { Client as UndiciClient } from 'undici';

const loaded = createRequire(import.meta.url)('undici/lib/dispatcher/client.js') as typeof UndiciClient;
if (typeof loaded !== 'function' || typeof loaded.prototype.dispatch !== 'function') {
  throw new Error('undici/lib/dispatcher/client.js no longer exports the Client class: check the undici version pinned in package.json');
}

export const Client: typeof UndiciClient = loaded;

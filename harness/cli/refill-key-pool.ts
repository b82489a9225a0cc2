/**
 * The key pool's refill process (mocks/idp/key-pool.ts): started detached by a command that took keys,
 * it makes their replacements after that command has exited. Arguments: the pool folder and a JSON
 * list of { name, count, spec } (RefillRequest). It writes keys one at a time (key-pool.ts's
 * refillPool: temporary file, mode 0600, then renamed; folders 0700), deletes the `.refill-<pid>` file
 * its parent left for it, and exits; anything that goes wrong ends it silently with nothing written.
 * A tsup entry (dist/refill-key-pool.js); a checkout runs this file through tsx.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { refillPool, type RefillRequest } from '../../mocks/idp/key-pool.ts';
import { poolKindFor } from './pool-kinds.ts';

const [dir, list] = process.argv.slice(2);
if (dir) {
  try {
    const requests = JSON.parse(list ?? '[]') as RefillRequest[];
    const batch = requests.flatMap(({ name, count, spec }) => {
      const kind = typeof name === 'string' ? poolKindFor(name, spec) : undefined;
      return kind && Number.isSafeInteger(count) && count > 0 ? [{ kind, count }] : [];
    });
    await refillPool(dir, batch);
  } catch {
    // nothing written: the next start makes its keys itself
  } finally {
    rmSync(join(dir, `.refill-${process.pid}`), { force: true });
  }
}

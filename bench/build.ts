/** Build the compiled CLI (tsup, as `npm run build` does) for the parts that run it as a package installs it. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function buildCli(): void {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const built = spawnSync(process.execPath, ['node_modules/tsup/dist/cli-default.js', '--silent'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the build (tsup) failed');
}

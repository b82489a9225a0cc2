/** Start a bench/server-child.ts process and talk to it over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Memory, Served, ServerKind } from './server-child.ts';

export interface ServerProcess extends Served {
  kind: ServerKind;
  memory(): Promise<Memory>;
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));

export async function startServer(kind: ServerKind): Promise<ServerProcess> {
  const child: ChildProcess = fork(CHILD, [kind], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [served] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`bench server ${kind} exited (${code}) before listening`);
    }),
  ])) as [Served];
  const ask = async (): Promise<Memory> => {
    child.send('rss');
    const [m] = (await once(child, 'message')) as [Memory];
    return m;
  };
  return {
    kind,
    ...served,
    memory: ask,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** What the figures were measured on: they only mean something next to this. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  nproc: string;
  cpu: string;
  node: string;
  memoryGiB: number;
  date: string;
}

export function machine(): Machine {
  let nproc: string;
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    nproc = String(cpus().length);
  }
  return {
    nproc,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  };
}

/** The 1, 5 and 15 minute load averages, as `uptime` prints them. */
export function load(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** Write the requested formats of a report into a directory; returns the paths written. */
import { join } from 'node:path';
import type { Format } from '../harness/config.ts';
import type { Report } from '../harness/report.ts';
import { renderJson } from './json.ts';
import { writeAtomic } from './write.ts';

export const FILE_NAMES: Record<Format, string> = {
  json: 'report.json',
  junit: 'junit.xml',
  markdown: 'summary.md',
  html: 'report.html',
};

type Renderer = (report: Report) => string;

/** Writers not yet available fall back to json only; each format is one file in reports/. */
export const renderers: Partial<Record<Format, Renderer>> = { json: renderJson };

export function writeReports(report: Report, dir: string, formats: readonly Format[]): string[] {
  const written: string[] = [];
  // report.json always: it is what replay and re-rendering read.
  for (const format of new Set<Format>(['json', ...formats])) {
    const render = renderers[format];
    if (!render) continue;
    const file = join(dir, FILE_NAMES[format]);
    writeAtomic(file, render(report));
    written.push(file);
  }
  return written;
}

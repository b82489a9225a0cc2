/** Write the requested formats of a report into a directory; returns the paths written. */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Format } from '../harness/config.ts';
import { HarnessError } from '../harness/core/errors.ts';
import type { Report } from '../harness/report.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { writeAtomic } from './write.ts';

export const FILE_NAMES: Record<Format, string> = {
  json: 'report.json',
  junit: 'junit.xml',
  markdown: 'summary.md',
  html: 'report.html',
};

type Renderer = (report: Report) => string;

/** Each format is one file in reports/. */
export const renderers: Partial<Record<Format, Renderer>> = {
  json: renderJson,
  junit: renderJunit,
  markdown: renderMarkdown,
  html: renderHtml,
};

export interface WriteOptions {
  /**
   * A file to append the markdown summary to (GitHub Actions' step summary). Defaults to
   * $GITHUB_STEP_SUMMARY; `false` turns it off.
   */
  stepSummary?: string | false;
}

/** Render exactly these formats into `dir`, each file written atomically; returns the paths written. */
export function renderReports(report: Report, dir: string, formats: Iterable<Format>): string[] {
  const written: string[] = [];
  for (const format of new Set<Format>(formats)) {
    const render = renderers[format];
    if (!render) continue;
    const file = join(dir, FILE_NAMES[format]);
    writeAtomic(file, render(report));
    written.push(file);
  }
  return written;
}

/** Append the markdown summary to a CI step summary file (appending is what GitHub documents). */
export function appendStepSummary(report: Report, file: string): void {
  try {
    appendFileSync(file, `${renderMarkdown(report)}\n`);
  } catch (err) {
    throw new HarnessError(
      'ERR_REPORT_WRITE',
      `cannot append the summary to ${file} ($GITHUB_STEP_SUMMARY): ${(err as Error).message}; unset GITHUB_STEP_SUMMARY or make the file writable`,
      { cause: err },
    );
  }
}

export function writeReports(report: Report, dir: string, formats: readonly Format[], options: WriteOptions = {}): string[] {
  // report.json always: it is what replay and re-rendering read.
  const written = renderReports(report, dir, ['json', ...formats]);
  const summary = options.stepSummary ?? process.env.GITHUB_STEP_SUMMARY;
  if (summary) appendStepSummary(report, summary);
  return written;
}

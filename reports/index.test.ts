import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtureReport } from './fixtures.ts';
import { FILE_NAMES, renderers, writeReports } from './index.ts';
import { renderMarkdown } from './markdown.ts';
import { isReport } from './validate.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'gauntlet-reports-'));

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('writeReports', () => {
  it('has a renderer for every format', () => {
    expect(Object.keys(renderers).sort()).toEqual(Object.keys(FILE_NAMES).sort());
  });

  it('writes report.json plus each requested format, and leaves no temporary file behind', () => {
    const dir = tmp();
    const written = writeReports(fixtureReport(), dir, ['junit', 'markdown', 'html'], { stepSummary: false });
    expect(written).toEqual(['report.json', 'junit.xml', 'summary.md', 'report.html'].map((f) => join(dir, f)));
    expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'summary.md']);
    expect(isReport(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')))).toBe(true);
  });

  it('appends the markdown summary to $GITHUB_STEP_SUMMARY when it is set', () => {
    const dir = tmp();
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    vi.stubEnv('GITHUB_STEP_SUMMARY', summary);
    const report = fixtureReport();
    writeReports(report, join(dir, 'out'), ['json']);
    expect(readFileSync(summary, 'utf8')).toBe(`# earlier step\n${renderMarkdown(report)}\n`);
  });

  it('leaves no step summary when $GITHUB_STEP_SUMMARY is unset or the option turns it off', () => {
    const dir = tmp();
    vi.stubEnv('GITHUB_STEP_SUMMARY', undefined);
    writeReports(fixtureReport(), dir, ['json']);
    const summary = join(dir, 'step-summary.md');
    vi.stubEnv('GITHUB_STEP_SUMMARY', summary);
    writeReports(fixtureReport(), dir, ['json'], { stepSummary: false });
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('fails in one line naming the variable when the step summary cannot be written', () => {
    const dir = tmp();
    vi.stubEnv('GITHUB_STEP_SUMMARY', join(dir, 'missing-dir', 'summary.md'));
    expect(() => writeReports(fixtureReport(), dir, ['json'])).toThrow(
      /^cannot append the summary to .*\(\$GITHUB_STEP_SUMMARY\): .*; unset GITHUB_STEP_SUMMARY or make the file writable$/,
    );
  });
});

import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../harness/cli.ts';
import { reportCommand } from '../harness/cli/report-command.ts';
import { captureOut } from '../harness/cli/out.ts';
import { fixtureReport } from './fixtures.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';

const capture = captureOut;

function reportFile(content = renderJson(fixtureReport())): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-report-cmd-'));
  const file = join(dir, 'report.json');
  writeFileSync(file, content);
  return { dir, file };
}

describe('gauntlet report', () => {
  it('renders junit, markdown and html next to the report.json by default, leaving the JSON as it was', async () => {
    const { dir, file } = reportFile();
    const before = readFileSync(file, 'utf8');
    const out = capture();
    expect(await main(['report', file], out)).toBe(0);
    expect(out.errors).toEqual([]);
    expect(out.lines).toEqual(['junit.xml', 'summary.md', 'report.html'].map((f) => `report: ${join(dir, f)}`));
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toBe(renderJunit(fixtureReport()));
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe(renderMarkdown(fixtureReport()));
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('renders only the --format list into --out', async () => {
    const { file } = reportFile();
    const outDir = join(mkdtempSync(join(tmpdir(), 'gauntlet-report-out-')), 'nested');
    const out = capture();
    expect(await main(['report', file, '--format', 'markdown,json', '--out', outDir], out)).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual(['report.json', 'summary.md']);
  });

  it('refuses an unknown format in one line, exit 2', async () => {
    const { file } = reportFile();
    const out = capture();
    expect(await main(['report', file, '--format', 'pdf'], out)).toBe(2);
    expect(out.errors).toEqual([
      "gauntlet: option '--format <list>' argument 'pdf' is invalid. unknown format pdf; use a comma list of json, junit, markdown, html; see \"gauntlet report --help\"",
    ]);
  });

  it('refuses a missing file in one line naming the cause and the fix, exit 2', async () => {
    const out = capture();
    const missing = join(tmpdir(), 'gauntlet-no-such-dir', 'report.json');
    expect(await main(['report', missing], out)).toBe(2);
    expect(out.errors).toEqual([
      `gauntlet: cannot read ${missing}: no such file; pass the report.json that "gauntlet run" wrote (default reports/out/report.json)`,
    ]);
    await expect(reportCommand(missing, {}, capture())).rejects.toMatchObject({ code: 'ERR_REPORT_INVALID' });
  });

  it('refuses a file that is not JSON', async () => {
    const { file } = reportFile('<html>not a report</html>');
    const out = capture();
    expect(await main(['report', file], out)).toBe(2);
    expect(out.errors[0]).toMatch(
      /^gauntlet: .*report\.json is not valid JSON \(.+\); pass the report\.json that "gauntlet run" wrote, unedited$/,
    );
    await expect(reportCommand(file, {}, capture())).rejects.toMatchObject({ code: 'ERR_REPORT_INVALID' });
  });

  it('refuses a report that does not match the schema, naming the field, before writing anything', async () => {
    const broken = JSON.parse(renderJson(fixtureReport()));
    broken.results[2].verdict = 'passed';
    const { dir, file } = reportFile(JSON.stringify(broken));
    const out = capture();
    expect(await main(['report', file], out)).toBe(2);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toContain('is not a token-gauntlet report (results[2].verdict: expected one of "pass"|"fail"|"skip"|"error")');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('refuses a report of another schemaVersion, saying which it reads', async () => {
    const { file } = reportFile(JSON.stringify({ ...fixtureReport(), schemaVersion: 2 }));
    const out = capture();
    expect(await main(['report', file], out)).toBe(2);
    expect(out.errors[0]).toMatch(
      /has schemaVersion 2, this gauntlet reads schemaVersion 1; read it with the gauntlet version that wrote it$/,
    );
  });

  it('copies the report.json when json is asked for another directory', async () => {
    const { file } = reportFile();
    const outDir = mkdtempSync(join(tmpdir(), 'gauntlet-report-copy-'));
    copyFileSync(file, join(outDir, 'original.json'));
    expect(await main(['report', file, '--format', 'json', '--out', outDir], capture())).toBe(0);
    expect(readFileSync(join(outDir, 'report.json'), 'utf8')).toBe(readFileSync(file, 'utf8'));
  });
});

/**
 * The composite action (action.yml at the root), run locally as far as it can be: its `run` steps are
 * executed with bash as the runner would (inputs and step outputs substituted, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, GITHUB_ACTIONS=true); the `uses` steps (setup-node, upload-artifact) need
 * GitHub's runner and are only checked for their inputs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
interface Step {
  name: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
  runs: { using: string; steps: Step[] };
  inputs: Record<string, { default: string }>;
  outputs: Record<string, { value: string }>;
};

function expand(text: string, inputs: Record<string, string>, outputs: Record<string, Record<string, string>>): string {
  return text.replace(/\$\{\{\s*(inputs\.([\w-]+)|steps\.([\w-]+)\.outputs\.([\w-]+))\s*\}\}/g, (_m, _e, input, step, out) =>
    input ? (inputs[input] ?? '') : (outputs[step]?.[out] ?? ''),
  );
}

function bash(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-e', '-c', script], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stdout += d));
    child.once('close', (code) => resolve({ code, stdout }));
  });
}

async function runAction(overrides: Record<string, string>, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-action-'));
  const inputs = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, String(v.default)])), ...overrides };
  const outputs: Record<string, Record<string, string>> = {};
  const summary = join(dir, 'step-summary.md');
  writeFileSync(summary, '');
  const log: string[] = [];
  let failed: number | null = null;
  for (const step of action.runs.steps) {
    if (!step.run) continue;
    if (failed !== null && step.if !== 'always()') continue;
    const file = join(dir, `output-${step.id ?? 'x'}`);
    writeFileSync(file, '');
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, inputs, outputs)]));
    const cwd = join(root, expand(step['working-directory'] ?? '.', inputs, outputs));
    const r = await bash(expand(step.run, inputs, outputs), cwd, {
      ...env,
      ...stepEnv,
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: file,
      GITHUB_STEP_SUMMARY: summary,
    });
    log.push(r.stdout);
    if (step.id)
      outputs[step.id] = Object.fromEntries(
        readFileSync(file, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split('=') as [string, string]),
      );
    if (r.code !== 0 && failed === null) failed = r.code;
  }
  return { inputs, outputs, log: log.join(''), summary: readFileSync(summary, 'utf8'), failed, dir };
}

describe('action.yml', () => {
  it('is a composite action: set-up, run, upload the reports, verdict', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.map((s) => s.uses?.split('@')[0] ?? s.id ?? s.name)).toEqual([
      'actions/setup-node',
      'run',
      'actions/upload-artifact',
      'Verdict',
    ]);
    const upload = action.runs.steps[2]!;
    expect(upload.if).toBe('always()');
    expect(upload.with?.path).toBe('${{ inputs.working-directory }}/${{ inputs.out }}');
    expect(action.outputs['exit-code']!.value).toBe('${{ steps.run.outputs.exit-code }}');
  });

  it('its run steps, executed locally: a failing API fails the job with annotations, the step summary and the reports where upload looks', async () => {
    const out = `reports/out/action-test-${process.pid}`;
    const r = await runAction(
      { config: 'mocks/targets/flawed/gauntlet.config.ts', args: '--only alg-none,expired --runs 0', out },
      { GAUNTLET_FLAW: 'alg-none-accepted' },
    );
    expect(r.outputs.run).toEqual({ 'exit-code': '1' });
    expect(r.failed).toBe(1);
    expect(r.log).toMatch(/^::error title=token-gauntlet%3A alg-none GET \/orders \[critical\]::/m);
    expect(r.log).toMatch(/^::error title=token-gauntlet::a check failed; see the step summary/m);
    expect(r.summary).toMatch(/^❌ token-gauntlet: 2 of 4 checks failed \(2 critical\)/);
    // Where the upload step looks.
    expect(existsSync(join(root, expand(action.runs.steps[2]!.with!.path!, r.inputs, r.outputs), 'report.json'))).toBe(true);

    const known = join(r.dir, 'known.yml');
    writeFileSync(known, '- scenario: alg-none\n  reason: legacy, SEC-12\n');
    const pass = await runAction(
      { config: 'mocks/targets/flawed/gauntlet.config.ts', args: `--only alg-none,expired --runs 0 --expected-failures ${known}`, out },
      { GAUNTLET_FLAW: 'alg-none-accepted' },
    );
    expect(pass.outputs.run).toEqual({ 'exit-code': '0' });
    expect(pass.failed).toBeNull();
    expect(pass.log).toContain('token-gauntlet: passed');
  }, 240_000);
});

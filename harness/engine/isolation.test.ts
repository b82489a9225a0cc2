/**
 * The engine owns scenario state: no scenario module keeps any, no scenario depends on the ones run
 * before it (the catalogue shuffled gives the verdicts of the catalogue in order, against the
 * reference and against flawed targets whose flaws are about keys, revocation and time), and a
 * scenario that changes IdP state every token sees without saying so is caught.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeySet } from '../../mocks/idp/keys.ts';
import { defineFlawedTarget, type FlawedTarget } from '../../mocks/targets/flawed/define.ts';
import { flawedTargets } from '../../mocks/targets/flawed/index.ts';
import { erroredRows, runFlawed } from '../../mocks/targets/flawed/run-flawed.ts';
import type { Report } from '../report.ts';
import { startOrder, type Unit } from './schedule.ts';
import { defineScenario, source, type Scenario } from '../../scenarios/define.ts';
import { runReference } from '../../test-support/run-reference.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SCENARIOS = join(ROOT, 'scenarios');

/**
 * Module-level caches of values that never change once made and are never published or judged (the
 * attacker's key pair per algorithm: generating RSA keys per run is slow). Each entry says why.
 */
const IMMUTABLE_CACHES: Record<string, string> = {
  'lib/attacker-key.ts': 'one attacker key pair per algorithm and process, never published: no verdict depends on when it was made',
};

async function scenarioFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await scenarioFiles(path)));
    else if (entry.name.endsWith('.ts') && !entry.name.includes('.test.')) out.push(path);
  }
  return out;
}

const MUTATORS = new Set([
  'set',
  'add',
  'delete',
  'clear',
  'push',
  'pop',
  'shift',
  'unshift',
  'splice',
  'sort',
  'reverse',
  'fill',
  'copyWithin',
]);
const CONTAINERS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array']);

/**
 * The top-level bindings of a module that hold state between runs: any `let` or `var`, any `const`
 * bound to a new Map, Set, WeakMap, WeakSet or Array, and any other top-level `const` the module
 * changes anywhere (assigns a member of, deletes from, or calls a mutating method on). Read-only data
 * (a list of variants, an index of scenarios), functions, imports and types pass.
 */
function moduleState(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const consts = new Map<string, number>();
  const lineOf = (node: ts.Node): number => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
    for (const decl of statement.declarationList.declarations) {
      const name = decl.name.getText(source);
      let init = decl.initializer;
      while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)))
        init = init.expression;
      if (!isConst) found.push(`${name} (line ${lineOf(decl)}): a top-level let/var`);
      else if (init && ts.isNewExpression(init) && CONTAINERS.has(init.expression.getText(source)))
        found.push(`${name} (line ${lineOf(decl)}): new ${init.expression.getText(source)}`);
      else if (ts.isIdentifier(decl.name)) consts.set(name, lineOf(decl));
    }
  }
  /** The top-level const a member access starts from (`made` in `made.get(x).y`), if any. */
  const root = (node: ts.Expression): string | undefined => {
    let n: ts.Expression = node;
    while (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isNonNullExpression(n) || ts.isCallExpression(n))
      n = n.expression;
    return ts.isIdentifier(n) && consts.has(n.text) ? n.text : undefined;
  };
  const mutated = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
    ) {
      const left = node.left;
      if ((ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) && root(left)) mutated.add(root(left)!);
    }
    if (ts.isDeleteExpression(node) && root(node.expression)) mutated.add(root(node.expression)!);
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && MUTATORS.has(node.expression.name.text)) {
      const owner = root(node.expression.expression);
      if (owner) mutated.add(owner);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const name of mutated) found.push(`${name} (line ${consts.get(name)}): a top-level const this module changes`);
  return found;
}

describe('no scenario module holds state of its own', () => {
  it('finds no top-level let/var or mutable const in any scenario module (scenarios/**)', async () => {
    const offenders: string[] = [];
    for (const file of await scenarioFiles(SCENARIOS)) {
      const rel = relative(SCENARIOS, file).split('\\').join('/');
      if (IMMUTABLE_CACHES[rel] || rel.startsWith('profiles/')) continue;
      for (const what of moduleState(file, await readFile(file, 'utf8'))) offenders.push(`${rel}: ${what}`);
    }
    expect(offenders).toEqual([]);
  });

  it('the check itself finds the module state it is there to find', () => {
    const text = [
      'const kept = new WeakMap<object, string>();',
      'let counter = 0;',
      'const seen: string[] = [];',
      'const byId = {} as Record<string, number>;',
      'const ALGS: readonly string[] = ["RS256"];',
      'const VARIANTS = [{ label: "a" }, { label: "b" }];',
      'export default { id: "x", probes() { seen.push("x"); byId["x"] = 1; return VARIANTS.map((v) => v.label); } };',
    ].join('\n');
    expect(moduleState('x.ts', text)).toEqual([
      'kept (line 1): new WeakMap',
      'counter (line 2): a top-level let/var',
      'seen (line 3): a top-level const this module changes',
      'byId (line 4): a top-level const this module changes',
    ]);
  });
});

/** A seeded Fisher-Yates shuffle (mulberry32): the same seed, the same order. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Each row as `scenario endpoint verdict severity`, in catalogue order whatever order they ran in. */
function verdicts(report: Report, order: readonly string[]): string[] {
  const rank = new Map(order.map((id, i) => [id, i]));
  return [...report.results]
    .sort((a, b) => rank.get(a.scenario)! - rank.get(b.scenario)! || a.endpoint.localeCompare(b.endpoint))
    .map((r) => `${r.scenario} ${r.endpoint} ${r.verdict}${r.severity ? ` ${r.severity}` : ''}`);
}

const SEED = 0x5eed;
const ALGS = ['ES256', 'RS256', 'PS256', 'EdDSA'] as const;
let dir: string;
let keysFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'isolation-'));
  keysFile = join(dir, 'keys.json');
  await KeySet.loadOrCreate(keysFile, ALGS, Math.floor(Date.now() / 1000));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const byName = (name: string): FlawedTarget => flawedTargets.find((t) => t.name === name)!;
const reference = defineFlawedTarget({
  name: 'reference',
  flaw: 'none',
  basedOn: 'mocks/targets/reference',
  catches: [],
  severity: 'minor',
  introspects: true,
});

// Targets whose verdicts hang on IdP state: keys (rotation, retirement, refetch), revocation and outages, leeway.
const TARGETS = [
  reference,
  byName('jwks-cached-forever'),
  byName('unknown-kid-first-key'),
  byName('introspection-fail-open'),
  byName('leeway-hours'),
];

// One target at a time: six whole runs at once on a small machine make the reference's 400 ms IdP timeout flaky.
describe('the catalogue shuffled gives the verdicts of the catalogue in order', () => {
  for (const target of TARGETS) {
    it(`against ${target.name}`, async () => {
      let order: string[] = [];
      const inOrder = await runFlawed(target, { keysFile, concurrency: 1, order: (s) => ((order = s.map((x) => x.id)), s) });
      const mixed = await runFlawed(target, { keysFile, concurrency: 1, order: (s) => shuffled(s, SEED) });
      expect([inOrder.stop, mixed.stop]).toEqual([null, null]);
      expect(mixed.results.map((r) => r.scenario)).not.toEqual(inOrder.results.map((r) => r.scenario));
      expect(erroredRows(inOrder)).toEqual([]);
      expect(verdicts(mixed, order)).toEqual(verdicts(inOrder, order));
    }, 120_000);
  }
});

describe('the engine restores the IdP after each scenario and catches one that changes it for everyone', () => {
  const leaky = (exclusive: boolean): Scenario =>
    defineScenario({
      id: 'leaky',
      title: 'sets the IdP leeway for every token and throws mid-way',
      category: 'time',
      refs: [source('test')],
      expect: 'IT',
      resolution: 'test',
      exclusive,
      async setup(ctx) {
        ctx.idp.state.leeway = 4242;
        ctx.idp.state.failures.set('discovery', 'fail');
        return ctx.idp.keys.spareKey(ctx.idp.minter.shape.alg)!.kid;
      },
      async probes(ctx, kid) {
        return [
          { label: 'expired', credential: { kind: 'token', token: await ctx.forge({ claims: { exp: 1 } }) } },
          {
            label: 'after retiring the spare key',
            credential: { kind: 'token', token: await ctx.forge({ claims: { exp: 1 } }) },
            before: async () => ctx.idp.keys.retire(kid),
          },
        ];
      },
    });

  it('an exclusive scenario may change it; afterwards leeway, failures and the JWKS are as before', async () => {
    let seen: string | undefined;
    const probe = defineScenario({
      id: 'probe-state',
      title: 'reads the IdP state',
      category: 'time',
      refs: [source('test')],
      expect: 'IT',
      resolution: 'test',
      async probes(ctx) {
        seen = JSON.stringify({
          leeway: ctx.idp.state.leeway,
          failures: [...ctx.idp.state.failures],
          spare: ctx.idp.keys.spareKey(ctx.idp.minter.shape.alg)?.published,
        });
        return { credential: { kind: 'token', token: await ctx.forge({ claims: { exp: 1 } }) } };
      },
    });
    const report = await runReference([], { scenarios: [leaky(true), probe] });
    expect(report.results.map((r) => `${r.scenario} ${r.verdict}`)).toEqual([
      'leaky pass',
      'leaky pass',
      'probe-state pass',
      'probe-state pass',
    ]);
    expect(seen).toBe(JSON.stringify({ leeway: 0, failures: [], spare: true }));
  });

  it('one not marked exclusive gets an error row naming what it changed', async () => {
    const report = await runReference([], { scenarios: [leaky(false)] });
    expect(report.results.map((r) => r.verdict)).toEqual(['error', 'error']);
    expect(report.results[0]!.error).toMatch(
      /changed IdP state every token sees \(failures, leeway, the publication of existing keys\) without being marked exclusive/,
    );
  });
});

describe('the order units start in', () => {
  const unit = (id: string, flags: Partial<Pick<Scenario, 'exclusive' | 'waits'>> = {}): Unit => ({
    scenario: defineScenario({
      id,
      title: id,
      category: 'presence',
      refs: [source('test')],
      expect: 'IT',
      resolution: '-',
      probes: async () => [],
      ...flags,
    }),
    endpoints: [],
  });

  it('is catalogue order, waiting units first between two exclusive ones, each exclusive one in its place', () => {
    const units = [
      unit('a'),
      unit('b', { waits: true }),
      unit('rotate', { exclusive: true }),
      unit('c'),
      unit('d'),
      unit('stall', { waits: true }),
      unit('e'),
      unit('outage', { exclusive: true }),
      unit('f', { waits: true }),
    ];
    expect(startOrder(units).map((i) => units[i]!.scenario.id)).toEqual(['b', 'a', 'rotate', 'stall', 'c', 'd', 'e', 'outage', 'f']);
  });

  it('is exactly catalogue order when nothing waits', () => {
    const units = [unit('a'), unit('x', { exclusive: true }), unit('b'), unit('c')];
    expect(startOrder(units)).toEqual([0, 1, 2, 3]);
  });
});

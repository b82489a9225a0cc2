/**
 * Import a user's module (config, profile, scenario). TypeScript goes through tsx's tsImport, which
 * loads it as ESM whatever the user's package.json says, so a .ts config works in a CommonJS repo too.
 * tsx is loaded only then: a .js/.mjs/.json config, or none, never loads it.
 */
import { pathToFileURL } from 'node:url';

export async function importModule(path: string): Promise<{ default?: unknown }> {
  const url = pathToFileURL(path).href;
  const mod = (/\.[mc]?tsx?$/.test(path) ? await (await import('tsx/esm/api')).tsImport(url, import.meta.url) : await import(url)) as {
    default?: unknown;
  };
  // A module compiled as CommonJS arrives as { default: module.exports }, i.e. { default: { default: … } }.
  const inner = mod.default as { default?: unknown; __esModule?: boolean } | undefined;
  if (inner && typeof inner === 'object' && 'default' in inner && (inner.__esModule || Object.keys(inner).length === 1)) {
    return { default: inner.default };
  }
  return mod;
}

/**
 * Why a module failed to load, in one line: a syntax error names its place (esbuild's
 * `file:line:col: ERROR: …` line, not its "Transform failed with 1 error:" heading), anything the
 * module threw while running gives its message's first line.
 */
export function loadFailure(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((l) => /\bERROR: /.test(l)) ?? lines[0] ?? 'unknown error';
}

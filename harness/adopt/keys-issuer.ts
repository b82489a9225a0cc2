/**
 * The issuer a keys file was last served under. `gauntlet idp --keys FILE` (and a run against a URL
 * target) writes it beside the keys, so `gauntlet mint --keys FILE` mints for that issuer without
 * being told. The key set itself (mocks/idp/keys.ts) ignores the extra field.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function issuerFromKeys(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { issuer?: unknown };
    return typeof data.issuer === 'string' && /^https?:\/\//.test(data.issuer) ? data.issuer : undefined;
  } catch {
    return undefined;
  }
}

/** Record `issuer` in the keys file (kept 0600); a file that is not JSON is left alone (loading it reports that). */
export function recordIssuer(file: string, issuer: string): void {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (data.issuer === issuer) return;
    writeFileSync(file, JSON.stringify({ ...data, issuer }, null, 2), { mode: 0o600 });
  } catch {
    // Not ours to fix here.
  }
}

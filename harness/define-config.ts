/**
 * `defineConfig` on its own: a config imports only this (and types), not the config loader with its
 * schemas, so that loading a gauntlet.config.ts through tsx stays cheap.
 */
import type { UserConfig } from './config.ts';

/** Type your gauntlet.config.ts: `export default defineConfig({ ... })`. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}

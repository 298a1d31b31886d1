import { BUILD_OPTION_ALIASES } from '../engine/options';
import type { OptionRename } from './rename-options';

/** nx-container's `["KEY=value"]` → `{ KEY: value }`; the engine reads both the same way (last one wins). */
function keyValueRecord(value: unknown): unknown {
  if (!Array.isArray(value) || !value.every((e) => typeof e === 'string' && e.includes('='))) return value;
  return Object.fromEntries((value as string[]).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}

/**
 * Build options docker-ms 0.1.0 accepted under nx-container's kebab-case names, to their canonical
 * camelCase names. The engine still accepts the old names; migrations normalise configs to the new ones.
 */
export const BUILD_OPTION_RENAMES: OptionRename[] = Object.entries(BUILD_OPTION_ALIASES).map(([from, to]) =>
  from === 'build-args' ? { from, to, convert: keyValueRecord } : { from, to },
);

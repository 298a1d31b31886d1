export type OptionRecord = Record<string, unknown>;

export interface OptionRename {
  from: string;
  to: string;
  /** Reshape the value when the new option takes a different form; identity when absent. */
  convert?: (value: unknown) => unknown;
}

/**
 * Rename option keys in place. When both names are present the new one wins (that is what the
 * executor reads first), so dropping the old key never changes behaviour. Returns whether anything changed.
 */
export function renameOptionKeys(options: OptionRecord | undefined | null, renames: OptionRename[]): boolean {
  if (!options || typeof options !== 'object' || Array.isArray(options)) return false;
  let changed = false;
  for (const { from, to, convert } of renames) {
    if (!Object.prototype.hasOwnProperty.call(options, from)) continue;
    if (!Object.prototype.hasOwnProperty.call(options, to)) options[to] = convert ? convert(options[from]) : options[from];
    delete options[from];
    changed = true;
  }
  return changed;
}

export interface TargetLike {
  executor?: string;
  options?: OptionRecord;
  configurations?: Record<string, OptionRecord | undefined>;
}

/** Rename in a target's `options` and every `configurations` entry. */
export function renameTargetOptions(target: TargetLike, renames: OptionRename[]): boolean {
  let changed = renameOptionKeys(target.options, renames);
  for (const config of Object.values(target.configurations ?? {})) changed = renameOptionKeys(config, renames) || changed;
  return changed;
}

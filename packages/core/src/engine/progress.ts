import type { ProgressMode } from './options';

export type ResolvedProgress = Exclude<ProgressMode, 'auto'>;

/** CI systems set CI (to true, 1 or their name); CI=false or 0 means not in CI. */
export const inCI = (env: NodeJS.ProcessEnv) => !!env.CI && env.CI !== 'false' && env.CI !== '0';

/**
 * How the engine's output reaches the user. `quiet` (the flag) wins; auto is the engine's own live display
 * when our output is a terminal outside CI, otherwise plain lines (which a log file or CI can read).
 */
export function resolveProgress(progress: ProgressMode, quiet: boolean, tty: boolean | undefined, env: NodeJS.ProcessEnv): ResolvedProgress {
  if (quiet) return 'quiet';
  if (progress !== 'auto') return progress;
  return tty && !inCI(env) ? 'tty' : 'plain';
}

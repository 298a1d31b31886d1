// `nx run-many -t docker-build` runs the build executor once per project, each in its own process, so no build sees
// the others: the one table for all of them comes from Nx's task hooks (Nx 20.4+). Its figures are read back from
// the metadata files the builds wrote (or Nx restored from its cache), the same figures each build's own table showed.
import type { PostTasksExecutionContext, PreTasksExecutionContext } from '@nx/devkit';
import { colorEnabled, styler, type BuildFigures, type Style } from '@docker-ms/core/build';
import { figuresOfOutputs, RUN_ENV, runTableLines, TABLE_ENV } from '../utils/run-table';

type TaskResults = PostTasksExecutionContext['taskResults'];

/** Statuses after which a task's outputs are this run's: it ran, or Nx restored them from its cache. */
const DONE = new Set(['success', 'local-cache', 'local-cache-kept-existing', 'remote-cache']);

/**
 * Whether Nx runs this hook inside its daemon: the daemon marks itself with global.NX_DAEMON and NX_DAEMON_PROCESS,
 * which the plugin workers it spawns inherit (nx/src/daemon/server/server).
 */
export const onDaemon = (env: NodeJS.ProcessEnv = process.env) => !!(globalThis as { NX_DAEMON?: unknown }).NX_DAEMON || env.NX_DAEMON_PROCESS === 'true';

/** The figures of every finished task whose outputs hold a docker-ms metadata file, in the order Nx reports them. */
export function runFigures(results: TaskResults, workspaceRoot: string): BuildFigures[] {
  const figures: BuildFigures[] = [];
  for (const { task, status } of Object.values(results)) {
    if (!DONE.has(status)) continue;
    const found = figuresOfOutputs(task.outputs, workspaceRoot);
    if (found) figures.push(found);
  }
  return figures;
}

export function summaryLines(results: TaskResults, workspaceRoot: string, style: Style): string[] {
  return runTableLines(runFigures(results, workspaceRoot), style);
}

/**
 * Tells every task of the run its id and who prints the table: postTasksExecution when it runs where the output is
 * shown, else the build that finishes last (the daemon's output goes to .nx/workspace-data/d/daemon.log). Nx hands
 * the variables a hook sets on to the run's tasks, from the daemon and plugin workers too.
 */
export async function preTasksExecution(_options: unknown, context: PreTasksExecutionContext): Promise<void> {
  process.env[RUN_ENV] = context.id;
  process.env[TABLE_ENV] = onDaemon() ? 'last-build' : 'hook';
}

export async function postTasksExecution(_options: unknown, context: PostTasksExecutionContext): Promise<void> {
  if (onDaemon()) return;
  const lines = summaryLines(context.taskResults, context.workspaceRoot, styler(colorEnabled(process.env, process.stdout.isTTY === true)));
  if (lines.length) process.stdout.write(lines.join('\n') + '\n');
}

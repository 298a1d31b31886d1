// `nx run-many -t docker-build` runs the build executor once per project, each in its own process, so no build sees
// the others: the one table for all of them comes from Nx's postTasksExecution hook (Nx 20.4+), called once after
// the run with every task's result. Its figures are read back from the metadata files the builds wrote (or Nx
// restored from its cache), the same figures each build's own table showed.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { PostTasksExecutionContext } from '@nx/devkit';
import { colorEnabled, figuresFromMetadata, sizeTable, styler, type BuildFigures, type Style } from '@docker-ms/core/build';

type TaskResults = PostTasksExecutionContext['taskResults'];

/** Statuses after which a task's outputs are this run's: it ran, or Nx restored them from its cache. */
const DONE = new Set(['success', 'local-cache', 'local-cache-kept-existing', 'remote-cache']);

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** The figures of every finished task whose outputs hold a docker-ms metadata file, in the order Nx reports them. */
export function runFigures(results: TaskResults, workspaceRoot: string): BuildFigures[] {
  const figures: BuildFigures[] = [];
  for (const { task, status } of Object.values(results)) {
    if (!DONE.has(status)) continue;
    for (const output of task.outputs ?? []) {
      if (!output.endsWith('.json')) continue;
      const found = figuresFromMetadata(readJson(isAbsolute(output) ? output : join(workspaceRoot, output)));
      if (found) {
        figures.push(found);
        break;
      }
    }
  }
  return figures;
}

/** The closing table, or nothing when fewer than two images were built (each build printed its own). */
export function summaryLines(results: TaskResults, workspaceRoot: string, style: Style): string[] {
  const figures = runFigures(results, workspaceRoot);
  if (figures.length < 2) return [];
  return ['', style.bold(`docker-ms: ${figures.length} images`), ...sizeTable(figures, style)];
}

/**
 * Nx calls this in its own process, or in the daemon when the daemon is on: the daemon's output goes to its log
 * (.nx/workspace-data/d/daemon.log), so the table reaches the terminal where Nx runs without a daemon (CI, Docker,
 * NX_DAEMON=false).
 */
export async function postTasksExecution(_options: unknown, context: PostTasksExecutionContext): Promise<void> {
  const lines = summaryLines(context.taskResults, context.workspaceRoot, styler(colorEnabled(process.env, process.stdout.isTTY === true)));
  if (lines.length) process.stdout.write(lines.join('\n') + '\n');
}

// With the Nx daemon on, Nx runs the plugin's postTasksExecution inside the daemon, where no one sees its output
// (../../plugins/build-summary.ts). Then the build of `nx run-many -t docker-build` that finishes last prints the
// run's table: each build leaves a mark in a folder named for the run, and the one that completes the set prints.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import type { BuildFigures, Style } from '@docker-ms/core/build';
import { figuresOfOutputs, RUN_ENV, runTableLines, TABLE_ENV } from '../../utils/run-table';

const RUNS = 'node_modules/.cache/docker-ms/runs';
const PRINTED = 'printed';
const DAY = 24 * 3600_000;

/** This run's tasks that use this executor (the same executor string as this task's target). */
function buildTasks(context: ExecutorContext) {
  const executor = context.target?.executor;
  return Object.values(context.taskGraph?.tasks ?? {}).filter(
    (task) => executor && context.projectsConfigurations?.projects[task.target.project]?.targets?.[task.target.target]?.executor === executor,
  );
}

/** Run folders left by runs that never finished (a build killed midway) go after a day. */
function removeStale(runs: string, now: number): void {
  for (const name of readdirSync(runs)) {
    try {
      if (now - statSync(join(runs, name)).mtimeMs > DAY) rmSync(join(runs, name), { recursive: true, force: true });
    } catch {
      // another build removed it first
    }
  }
}

/**
 * Marks this build done; when it is the last of the run's builds, the closing table (built images' figures, from
 * their metadata files), else nothing. Nothing either when postTasksExecution prints the table or fewer than two
 * builds ran.
 */
export function closeRun(context: ExecutorContext, succeeded: boolean, style: Style, env: NodeJS.ProcessEnv = process.env): string[] {
  if (env[TABLE_ENV] === 'hook') return [];
  const tasks = buildTasks(context);
  const self = tasks.find((t) => t.target.project === context.projectName && t.target.target === context.targetName);
  if (tasks.length < 2 || !self) return [];
  // without the plugin's hooks (a target written into project.json, the plugin not registered) Nx's process is the run
  const run = (env[RUN_ENV] ?? `nx-${process.ppid}`).replace(/[^\w.-]/g, '_');
  const runs = join(context.root, RUNS);
  const dir = join(runs, run);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, encodeURIComponent(self.id)), succeeded ? 'success' : 'failure');
    const marks = readdirSync(dir).filter((name) => name !== PRINTED);
    if (!tasks.every((t) => marks.includes(encodeURIComponent(t.id)))) return [];
    // two builds may complete the set at once: the one that makes this folder prints
    mkdirSync(join(dir, PRINTED));
    const figures: BuildFigures[] = [];
    for (const task of tasks) {
      if (readFileSync(join(dir, encodeURIComponent(task.id)), 'utf8') !== 'success') continue;
      const found = figuresOfOutputs(task.outputs, context.root);
      if (found) figures.push(found);
    }
    rmSync(dir, { recursive: true, force: true });
    removeStale(runs, Date.now());
    return runTableLines(figures, style);
  } catch {
    // the run's folder is gone or unwritable: another build printed, or there is no table to print
    return [];
  }
}

// The one table after `nx run-many -t docker-build`, shared by the plugin's task hooks and the build executor.
// Nx runs the hooks in its own process only without the daemon; with the daemon on they run inside it and their
// output goes to its log, so then the last build of the run to finish prints the table instead (see
// ../executors/build/close-run.ts). preTasksExecution tells the builds which of the two it is.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { figuresFromMetadata, sizeTable, type BuildFigures, type Style } from '@docker-ms/core/build';

/** Set by preTasksExecution for every task of a run: Nx's run id. */
export const RUN_ENV = 'DOCKER_MS_NX_RUN';
/** Set beside it: `hook` when postTasksExecution runs in the process that shows the output (no daemon). */
export const TABLE_ENV = 'DOCKER_MS_NX_TABLE';

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** A build's figures, read from the docker-ms metadata file among its task's outputs (what its own table showed). */
export function figuresOfOutputs(outputs: readonly string[] | undefined, workspaceRoot: string): BuildFigures | null {
  for (const output of outputs ?? []) {
    if (!output.endsWith('.json')) continue;
    const found = figuresFromMetadata(readJson(isAbsolute(output) ? output : join(workspaceRoot, output)));
    if (found) return found;
  }
  return null;
}

/** The closing table, or nothing when fewer than two images were built (each build printed its own). */
export function runTableLines(figures: BuildFigures[], style: Style): string[] {
  if (figures.length < 2) return [];
  return ['', style.bold(`docker-ms: ${figures.length} images`), ...sizeTable(figures, style)];
}

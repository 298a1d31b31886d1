import { existsSync, readFileSync } from 'node:fs';
import { assertWritableFile, contextSources, nodeFileReader, writeFileAtomic, type BuildPlan } from '@docker-ms/core/build';
import type { ExecutorContext } from '@nx/devkit';
import { refreshAllowlist } from '../../utils/allowlist';
import { prunedManifestsDir } from '../../utils/output-paths';
import { writePrunedManifests } from '../../utils/pruned-manifests';

/**
 * Before a build from the workspace root: bring the app's `<Dockerfile>.dockerignore` allowlist (when docker-ms
 * wrote it) up to date with the project graph, and write the pruned package.json + lockfile the Dockerfile copies.
 * Returns what it did, one line each.
 */
export function prepareContext(plan: BuildPlan, context: ExecutorContext): string[] {
  const project = context.projectName;
  const graph = context.projectGraph;
  if (!project || !graph?.nodes[project] || plan.options.dryRun) return [];
  const projectRoot = graph.nodes[project].data.root;
  const buildContext = plan.options.context.replace(/^\.\/?/, '').replace(/\/+$/, '');
  if (buildContext !== '') return []; // a project-root context already holds only the project
  const file = plan.options.file ?? '';
  const done: string[] = [];

  const ignoreFile = `${file}.dockerignore`;
  if (existsSync(ignoreFile)) {
    const text = readFileSync(ignoreFile, 'utf8');
    const next = refreshAllowlist(nodeFileReader(context.root), text, project, projectRoot, graph);
    if (next !== null && next !== text) {
      assertWritableFile(ignoreFile, ignoreFile, context.root);
      writeFileAtomic(ignoreFile, next);
      done.push(`updated the build context allowlist ${ignoreFile} from the project graph`);
    }
  }

  const dir = prunedManifestsDir(projectRoot);
  const sources = contextSources(plan.dockerfile).map((s) => s.replace(/^\.\//, ''));
  if (sources.includes(`${dir}/package.json`)) {
    const written = writePrunedManifests(context.root, project, graph, dir);
    done.push(`pruned manifests for ${project}: ${written.join(', ')}`);
  }
  return done;
}

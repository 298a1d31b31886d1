import fs from 'node:fs';
import path from 'node:path';
import { addDockerBuildScript, dockerBuildScript } from '../dockerfile/build-script';
import type { FileChange } from '../dockerfile/changes';
import { listWorkspacePackages, WorkspaceError } from '../workspace/packages';
import { ensureGeneratorConfig } from './generator-config';
import { ensureDockerBuildTask, findTurboJson } from './turbo-json';

/**
 * `docker-ms init` for a Turborepo workspace: the generators config loading the plop pack, the
 * turbo.json `docker-build` task, and a `docker-build` script in every package that has a Dockerfile.
 * Idempotent; never rewrites what a user wrote.
 */
export function initTurboWorkspace(root: string): FileChange[] {
  const turboJson = findTurboJson(root);
  if (!turboJson) {
    throw new WorkspaceError(`${root}: no turbo.json; run docker-ms init at the root of a Turborepo workspace (or pass its folder)`);
  }
  const changes = [ensureGeneratorConfig(root), ensureDockerBuildTask(root, turboJson)];
  for (const pkg of listWorkspacePackages(root)) {
    const dockerfile = path.join(root, pkg.root, 'Dockerfile');
    if (!pkg.hasManifest || !fs.existsSync(dockerfile)) continue;
    changes.push(addDockerBuildScript(root, pkg.root, dockerBuildScript(pkg.root, fs.readFileSync(dockerfile, 'utf8'))));
  }
  return changes;
}

// The workspace package a user names for a Turborepo generator; the packages themselves come from core.
import path from 'node:path';
import { DockerMsError, listWorkspacePackages as listPackages, nodeFileReader, type WorkspacePackage } from '@docker-ms/core';

export type { WorkspacePackage };

/** A workspace package that cannot be found or used, in one line. */
export class WorkspaceError extends DockerMsError {}

/** Every folder the workspace globs match (with or without a package.json), sorted by path. */
export function listWorkspacePackages(root: string): WorkspacePackage[] {
  return listPackages(nodeFileReader(root));
}

function describe(p: WorkspacePackage): string {
  return `${p.name ?? path.posix.basename(p.root)} (${p.root})`;
}

/**
 * The workspace package a user named: a package name, or its folder (relative to the workspace root,
 * to `cwd`, or absolute). Throws WorkspaceError listing the known packages.
 */
export function resolveWorkspace(root: string, arg: string, cwd: string = root): WorkspacePackage {
  const wanted = arg.trim();
  const packages = listWorkspacePackages(root);
  if (!wanted) throw new WorkspaceError(`workspace: give a package name or folder (known: ${packages.map(describe).join(', ') || 'none'})`);
  const byName = packages.find((p) => p.name === wanted);
  if (byName) return byName;
  const candidates = path.isAbsolute(wanted) ? [wanted] : [path.join(root, wanted), path.join(cwd, wanted)];
  for (const candidate of candidates) {
    const rel = path.relative(root, candidate).split(path.sep).join('/');
    const byDir = packages.find((p) => p.root === rel);
    if (byDir) return byDir;
  }
  // a folder without a package.json has no name yet: its folder name is the one its wrapper will get (build-script.ts)
  const byFolderName = packages.filter((p) => !p.name && path.posix.basename(p.root) === wanted);
  if (byFolderName.length === 1) return byFolderName[0];
  if (packages.length === 0) {
    throw new WorkspaceError(`workspace "${wanted}": ${root} has no workspace packages (no "workspaces" in package.json, no pnpm-workspace.yaml)`);
  }
  throw new WorkspaceError(
    `workspace "${wanted}": no workspace package has that name or folder; give one of ${packages.map(describe).join(', ')} (folders must match the "workspaces" globs)`,
  );
}

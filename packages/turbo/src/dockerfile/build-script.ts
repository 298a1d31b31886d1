import fs from 'node:fs';
import path from 'node:path';
import { sanitizeImageName, validateTag } from '@docker-ms/core';
import type { FileChange } from './changes';
import { writeWorkspaceFile } from '../workspace/write-file';

export const DOCKER_BUILD_SCRIPT = 'docker-build';

/** A Dockerfile that runs `turbo prune` builds from the workspace root, not from its own folder. */
export function buildsFromWorkspaceRoot(dockerfile: string): boolean {
  return /^\s*RUN\s+(?:--\S+\s+)*(?:\S*\s+)?turbo\s+prune\b/m.test(dockerfile) || /COPY\s+--from=\S+\s+\S*\/out\/json\//.test(dockerfile);
}

/**
 * The image name of one app: `<prefix>/<package name>` with the repo's name (root package.json) as the default
 * prefix, so two apps, or two repos' "web" apps, never share the default tag `<name>:latest`.
 */
export function imageName(prefix: string, packageName: string): string {
  const name = sanitizeImageName(packageName.replace(/^@/, '').replace(/\//g, '-'));
  // a registry prefix (host:port/team) is kept as given when it is a valid reference; anything else is sanitized
  const clean = prefix.replace(/\/+$/, '');
  return validateTag(`${clean}/${name}:latest`) === null ? `${clean}/${name}` : sanitizeImageName(`${clean}/${name}`);
}

/** `docker-ms build .` run from the package folder; the workspace root as context for a pruning Dockerfile. */
export function dockerBuildScript(dir: string, dockerfile: string, name?: string): string {
  const named = name ? ` --name ${name}` : '';
  if (!buildsFromWorkspaceRoot(dockerfile)) return `docker-ms build .${named}`;
  const up = path.posix.relative(dir, '') || '.';
  return `docker-ms build . --context ${up}${named}`;
}

function indentOf(text: string): string | number {
  const m = text.match(/^[{[]\r?\n([ \t]+)/);
  return m ? m[1] : 2;
}

/**
 * Adds `"docker-build": script` to <dir>/package.json, keeping its indentation and key order. An existing
 * docker-build script is the user's: never replaced. Without a package.json (a non-JS folder matched by
 * the workspace globs) a minimal wrapper is created, as Turborepo's multi-language guide does.
 */
export function addDockerBuildScript(root: string, dir: string, script: string): FileChange {
  const rel = `${dir}/package.json`;
  const file = path.join(root, dir, 'package.json');
  if (!fs.existsSync(file)) {
    const wrapper = { name: path.posix.basename(dir), private: true, scripts: { [DOCKER_BUILD_SCRIPT]: script } };
    writeWorkspaceFile(root, rel, JSON.stringify(wrapper, null, 2) + '\n');
    return { path: rel, status: 'created', note: `wrapper with script ${DOCKER_BUILD_SCRIPT}` };
  }
  const text = fs.readFileSync(file, 'utf8');
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(text);
  } catch (error) {
    return { path: rel, status: 'skipped', note: `not valid JSON (${(error as Error).message}); add "${DOCKER_BUILD_SCRIPT}": "${script}" by hand` };
  }
  const scripts = (pkg.scripts ?? {}) as Record<string, unknown>;
  const existing = scripts[DOCKER_BUILD_SCRIPT];
  if (existing === script) return { path: rel, status: 'unchanged' };
  if (existing !== undefined) return { path: rel, status: 'skipped', note: `keeps its own ${DOCKER_BUILD_SCRIPT} script "${String(existing)}"` };
  pkg.scripts = { ...scripts, [DOCKER_BUILD_SCRIPT]: script };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let out = JSON.stringify(pkg, null, indentOf(text));
  if (eol !== '\n') out = out.replace(/\n/g, eol);
  writeWorkspaceFile(root, rel, out + (text.endsWith('\n') ? eol : ''));
  return { path: rel, status: 'updated', note: `script ${DOCKER_BUILD_SCRIPT}: ${script}` };
}

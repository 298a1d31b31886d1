import fs from 'node:fs';
import path from 'node:path';
import { detectProject, generateDockerfile, LANGUAGES, type DockerfileOptionsInput, type Language } from '@docker-ms/core';
import { resolveWorkspace, WorkspaceError, type WorkspacePackage } from '../workspace/packages';
import { workspaceTurboVersion } from '../workspace/turbo-version';
import { addDockerBuildScript, dockerBuildScript, imageName } from './build-script';
import type { FileChange } from './changes';
import { assertWritable, writeWorkspaceFile } from '../workspace/write-file';

export interface AddDockerfileInput {
  /** Absolute workspace (repo) root. */
  root: string;
  /** Package name or folder of the app. */
  workspace: string;
  /** Where a relative folder is also looked up (the user's cwd). */
  cwd?: string;
  /** A language, or 'auto'/undefined to detect it. */
  language?: string;
  /** Replace an existing Dockerfile (and the app's own .dockerignore). */
  overwrite?: boolean;
  /** Image names are `<imagePrefix>/<package name>`; default: the name of the root package.json, else the root folder's. */
  imagePrefix?: string;
  /** More core options (port, variant, …); they win over detection. */
  options?: Record<string, unknown>;
}

export interface AddDockerfileResult {
  package: WorkspacePackage;
  language: Language | null;
  /** True when the Dockerfile builds from the workspace root through `turbo prune`. */
  pruned: boolean;
  changes: FileChange[];
}

function parseLanguage(value: string | undefined): Language | undefined {
  const v = value?.trim().toLowerCase();
  if (!v || v === 'auto') return undefined;
  if ((LANGUAGES as readonly string[]).includes(v)) return v as Language;
  throw new WorkspaceError(`language: must be one of auto, ${LANGUAGES.join(', ')} (got "${value}")`);
}

function writeFile(root: string, rel: string, text: string, replace: boolean, why: string): FileChange {
  const file = path.join(root, rel);
  if (fs.existsSync(file)) {
    const old = fs.readFileSync(file, 'utf8');
    if (old === text) return { path: rel, status: 'unchanged' };
    if (!replace) return { path: rel, status: 'skipped', note: why };
    writeWorkspaceFile(root, rel, text);
    return { path: rel, status: 'updated' };
  }
  writeWorkspaceFile(root, rel, text);
  return { path: rel, status: 'created' };
}

/** A shared root .dockerignore without node_modules would send every node_modules folder to the prune stage. */
function rootIgnoreNote(root: string): string {
  const text = fs.readFileSync(path.join(root, '.dockerignore'), 'utf8');
  return /(^|\n)\s*(\*\*\/)?node_modules\/?\s*(\n|$)/.test(text)
    ? 'exists; the workspace root is the build context of Turborepo JS apps, so it applies'
    : 'exists but does not ignore **/node_modules; add it, the workspace root is the build context';
}

function rootPackageName(root: string): string | undefined {
  try {
    const name = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).name;
    return typeof name === 'string' && name.trim() ? name : undefined;
  } catch {
    return undefined;
  }
}

function declaresPackageManager(root: string): boolean {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    return typeof pkg.packageManager === 'string' || typeof pkg.devEngines?.packageManager === 'object';
  } catch {
    return false;
  }
}

/**
 * Writes a Dockerfile (and .dockerignore) for one workspace package through the core, and its
 * `docker-build` script. JS apps build from the workspace root through `turbo prune <name> --docker`;
 * other languages (a folder with a small package.json wrapper) build from their own folder.
 * Never replaces an existing Dockerfile unless `overwrite`.
 */
export function addDockerfile(input: AddDockerfileInput): AddDockerfileResult {
  const root = path.resolve(input.root);
  const pkg = resolveWorkspace(root, input.workspace, input.cwd ?? root);
  const language = parseLanguage(input.language);
  const dockerfileRel = `${pkg.root}/Dockerfile`;
  const dockerfilePath = path.join(root, dockerfileRel);
  const prefix = input.imagePrefix?.trim() || rootPackageName(root) || path.basename(root);
  const image = imageName(prefix, pkg.name ?? path.posix.basename(pkg.root));
  const overwriteHint = `exists; to replace it: turbo gen docker-ms-dockerfile --args ${pkg.name ?? pkg.root} ${language ?? 'auto'} yes`;

  if (fs.existsSync(dockerfilePath) && !input.overwrite) {
    const existing = fs.readFileSync(dockerfilePath, 'utf8');
    const changes: FileChange[] = [{ path: dockerfileRel, status: 'skipped', note: overwriteHint }];
    changes.push(addDockerBuildScript(root, pkg.root, dockerBuildScript(pkg.root, existing, image)));
    return { package: pkg, language: null, pruned: false, changes };
  }

  const detected = detectProject(pkg.root, { workspaceRoot: root, ...(language ? { language } : {}) });
  const user: Record<string, unknown> = { ...(input.options ?? {}), ...(language ? { language } : {}) };
  if (user.pinDigests === true) {
    // resolving digests asks the engine (asynchronous); this writer is synchronous, so it says where pinning happens
    throw new WorkspaceError(`pinDigests: turbo gen does not resolve digests; after it, run npx docker-ms dockerfile ${pkg.root} --write --overwrite --pin-digests`);
  }
  const changes: FileChange[] = [];
  let pruned = false;
  let generated;
  if (detected.language === 'node') {
    if (!pkg.name) {
      throw new WorkspaceError(`${pkg.root}/package.json: needs a "name"; turbo prune selects the app by its package name`);
    }
    const turboVersion = workspaceTurboVersion(root);
    generated = generateDockerfile({
      workspaceRoot: root,
      projectRoot: pkg.root,
      detection: detected,
      options: {
        ...user,
        projectRoot: pkg.root,
        pruneWith: 'turbo',
        pruneScope: pkg.name,
        ...(turboVersion ? { turboVersion } : {}),
      } as unknown as Partial<DockerfileOptionsInput>,
    });
    pruned = true;
  } else {
    generated = generateDockerfile({ workspaceRoot: root, projectRoot: pkg.root, detection: detected, options: user as Partial<DockerfileOptionsInput> });
  }

  // every file this writes is checked before the first is written: a link anywhere means nothing is written
  const ignoreRel = pruned ? '.dockerignore' : `${pkg.root}/.dockerignore`;
  const replaceIgnore = !pruned && !!input.overwrite;
  for (const rel of [dockerfileRel, `${pkg.root}/package.json`, ...(replaceIgnore || !fs.existsSync(path.join(root, ignoreRel)) ? [ignoreRel] : [])]) {
    assertWritable(root, rel);
  }
  changes.push(writeFile(root, dockerfileRel, generated.dockerfile, true, overwriteHint));
  if (pruned) {
    const ignore = writeFile(root, '.dockerignore', generated.dockerignore, false, '');
    if (ignore.status === 'skipped') ignore.note = rootIgnoreNote(root);
    changes.push(ignore);
  } else {
    changes.push(writeFile(root, `${pkg.root}/.dockerignore`, generated.dockerignore, !!input.overwrite, 'exists; kept (overwrite replaces it)'));
  }
  changes.push(addDockerBuildScript(root, pkg.root, dockerBuildScript(pkg.root, generated.dockerfile, image)));
  if (pruned && !declaresPackageManager(root)) {
    changes.push({ path: 'package.json', status: 'skipped', note: 'has no "packageManager" field; turbo prune in the image needs one, e.g. "packageManager": "npm@10.9.2"' });
  }
  return { package: pkg, language: generated.options.language, pruned, changes };
}

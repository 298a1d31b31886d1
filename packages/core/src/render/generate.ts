import path from 'node:path';
import { DetectionError, detectProject, nodeFileReader } from '../detect';
import { parseOptions, PACKAGE_MANAGERS, type DockerfileOptions, type DockerfileOptionsInput } from '../options';
import type { Detection, FileReader, NodeFramework } from '../types';
import { addManagedHeader } from '../managed';
import { listWorkspacePackages } from '../context/workspace-packages';
import { dockerfileText, dockerignoreText } from './dockerfile';

export interface GenerateInput {
  /** Absolute path of the workspace (monorepo) root. */
  workspaceRoot: string;
  /** The project's folder, absolute or relative to workspaceRoot (where detection looks). */
  projectRoot: string;
  fs?: FileReader;
  /** User options; they win over everything detection suggests. */
  options?: Partial<DockerfileOptionsInput>;
  /** The project's detection when the caller already ran it (with the user's language, if any); else detected here. */
  detection?: Detection;
}

export interface GenerateResult {
  detection: Detection;
  options: DockerfileOptions;
  dockerfile: string;
  dockerignore: string;
}

/** Detection → detection-derived defaults → user options (user wins) → rendered Dockerfile and .dockerignore. */
export function generateDockerfile(input: GenerateInput): GenerateResult {
  const fs = input.fs ?? nodeFileReader(input.workspaceRoot);
  const user = withoutUndefined(input.options ?? {});
  const detection = input.detection ?? detectProject(input.projectRoot, {
    workspaceRoot: input.workspaceRoot,
    fs,
    ...(typeof user.language === 'string' ? { language: user.language as Detection['language'] } : {}),
  });
  const detected = fromDetection(detection, user, fs, projectDir(input));
  const merged = { ...detected, ...user, ...(detected.env ? { env: detected.env } : {}) };
  const options = parseOptions(merged);
  // The header lets migrations tell an untouched generated file from a hand-edited one.
  return { detection, options, dockerfile: addManagedHeader(dockerfileText(options)), dockerignore: dockerignoreText(options) };
}

/** Options detection can fill in; only those the user left out and that fit the user's other choices. */
function fromDetection(d: Detection, user: Record<string, unknown>, fs: FileReader, dir: string): Record<string, unknown> {
  const out: Record<string, unknown> = { language: d.language };
  const language = (user.language as Detection['language'] | undefined) ?? d.language;
  if (language !== d.language) return out;
  if ((PACKAGE_MANAGERS[language] as readonly string[]).includes(d.packageManager)) out.packageManager = d.packageManager;
  if (language === 'node' && (user.packageManager === undefined || user.packageManager === d.packageManager)) {
    if (d.packageManagerVersion) out.packageManagerVersion = d.packageManagerVersion;
    const release = d.yarnPath ? contextPath(d.yarnPath, dir, (user.projectRoot as string | undefined) ?? '.') : null;
    if (release) out.yarnPath = release;
    const plugins = d.yarnPlugins ? contextPath(d.yarnPlugins, dir, (user.projectRoot as string | undefined) ?? '.') : null;
    if (plugins) out.yarnPlugins = plugins;
    const tarballs = (d.localTarballs ?? []).map((t) => ({ t, inContext: contextPath(t, dir, (user.projectRoot as string | undefined) ?? '.') }));
    const outside = tarballs.find((x) => x.inContext === null);
    if (outside) throw new DetectionError(`${outside.t}: a file: dependency installs from this tarball, which is outside the build context, so the image's install cannot read it; build from the folder that holds it (--context) or move it inside the context`);
    if (tarballs.length) out.localTarballs = tarballs.map((x) => x.inContext);
    if (d.nativeAddons?.length) out.nativeBuildTools = true;
    // a workspace root built as the app: its install links every member, so each member's manifest goes in first
    if (dir === '' && user.workspaceManifests === undefined && user.manifestsPath === undefined) {
      const members = listWorkspacePackages(fs).filter((p) => p.hasManifest).map((p) => `${p.root}/package.json`);
      if (members.length) out.workspaceManifests = members;
    }
  }
  if (language === 'java' && d.springBootVersion) out.springBootVersion = d.springBootVersion;
  if (language === 'go' && d.goWork) Object.assign(out, goWorkOptions(d.goWork, dir, user.projectRoot as string | undefined));
  if (d.runtimeVersion) out.runtimeVersion = d.runtimeVersion;
  if (language === 'node' && d.framework?.kind === 'static' && (user.variant === undefined || user.variant === 'static')) {
    return { ...out, ...staticSite(d.framework, user, fs, dir, (user.packageManager ?? out.packageManager ?? 'npm') as string) };
  }
  // the image listens where the app does: EXPOSE the port, set the variables the app reads it (and its bind host) from
  const port = (user.port as number | string | undefined) ?? d.listen.port ?? undefined;
  if (port !== undefined && user.port === undefined) out.port = port;
  const env: Record<string, string> = {};
  if (d.listen.hostEnv) env[d.listen.hostEnv[0]] = d.listen.hostEnv[1];
  if (d.listen.portEnv && port !== undefined) env[d.listen.portEnv] = String(port);
  if (Object.keys(env).length) out.env = { ...env, ...(user.env as Record<string, string> | undefined) };
  if (d.startCommand && user.startCommand === undefined && user.entry === undefined) out.startCommand = d.startCommand;
  // node: with outputPath the entry is relative to it, so a project-relative detected entry would be wrong
  if (d.entry && !(language === 'node' && user.outputPath !== undefined)) out.entry = d.entry;
  // the detected framework decides build output and start (through turbo too), unless an entry or another output
  // folder was given (the user's, or a build tool's own layout such as an Nx executor's dist/)
  if (language === 'node' && d.framework?.kind === 'server' && user.entry === undefined && frameworkOwnsOutput(user, d.framework)) {
    out.framework = d.framework;
  }
  // with pruneWith the template builds through turbo (the app and its internal packages, in order)
  if (language === 'node' && user.buildCommand === undefined && user.pruneWith === undefined) {
    const pm = (user.packageManager as string | undefined) ?? (out.packageManager as string | undefined) ?? 'npm';
    if (hasBuildScript(fs, dir)) out.buildCommand = `${pm} run build`;
  }
  return out;
}

/**
 * Whether the framework's own layout applies: no outputPath given, or one that names the framework's output folder or
 * a folder around or inside it (`apps/web/.next` from an Nx target running `next build` there): the framework's config
 * then says what to copy and how to start. An outputPath elsewhere is another layout (an Nx executor's dist/, the
 * user's choice) and wins.
 */
function frameworkOwnsOutput(user: Record<string, unknown>, framework: NodeFramework): boolean {
  if (user.outputPath === undefined) return true;
  const clean = (p: string) => path.posix.normalize(p).replace(/\/+$/, '');
  const own = clean(path.posix.join((user.projectRoot as string | undefined) ?? '.', framework.outputDir));
  const given = clean(String(user.outputPath));
  return given === own || own.startsWith(`${given}/`) || given.startsWith(`${own}/`);
}

/**
 * An app built to files: the static variant serves framework.outputDir (made context-relative) from nginx on its own
 * port (8080 unless --port); the app's own listen findings (a dev server's port) do not apply to the image.
 */
function staticSite(framework: NodeFramework, user: Record<string, unknown>, fs: FileReader, dir: string, pm: string): Record<string, unknown> {
  const out: Record<string, unknown> = { variant: 'static' };
  if (framework.spaFallback !== undefined && user.spaFallback === undefined) out.spaFallback = framework.spaFallback;
  const projectRoot = (user.projectRoot as string | undefined) ?? '.';
  if (user.outputPath === undefined) out.outputPath = path.posix.normalize(path.posix.join(projectRoot, framework.outputDir)).replace(/\/+$/, '');
  if (user.buildCommand === undefined && user.pruneWith === undefined && framework.build) {
    out.buildCommand = scriptNames(fs, dir).includes(framework.build) ? `${pm} run ${framework.build}` : framework.build;
  }
  return out;
}

function scriptNames(fs: FileReader, dir: string): string[] {
  const text = fs.read(dir === '' ? 'package.json' : `${dir}/package.json`);
  try {
    const scripts = text ? (JSON.parse(text) as { scripts?: Record<string, unknown> }).scripts : undefined;
    return scripts ? Object.keys(scripts) : [];
  } catch {
    return [];
  }
}

/**
 * go.work workspace mode: the build context is the go.work folder (unless the user chose one), and the go.work and its
 * modules' go.mod files are named relative to it. Nothing when the user's context cannot see the go.work.
 */
function goWorkOptions(work: NonNullable<Detection['goWork']>, dir: string, userRoot: string | undefined): Record<string, unknown> {
  const workDir = work.path.includes('/') ? work.path.slice(0, work.path.lastIndexOf('/')) : '';
  const projectRoot = userRoot ?? (workDir === '' ? dir : dir.slice(workDir.length + 1));
  const manifests = [work.path, ...work.modules.map((m) => (m === '' ? 'go.mod' : `${m}/go.mod`))].map((p) => contextPath(p, dir, projectRoot || '.'));
  if (manifests.some((p) => p === null)) return {};
  return { ...(userRoot === undefined ? { projectRoot: projectRoot || '.' } : {}), workspaceManifests: manifests };
}

/**
 * A workspace path as a build-context path: the context is the project folder without its projectRoot tail
 * ('apps/api' with projectRoot 'apps/api' → the workspace root). Null when the file is outside the context.
 */
function contextPath(wsPath: string, dir: string, projectRoot: string): string | null {
  const root = projectRoot.replace(/^\.\/?/, '').replace(/\/+$/, '');
  let context = dir;
  if (root !== '') {
    if (dir !== root && !dir.endsWith(`/${root}`)) return null;
    context = dir === root ? '' : dir.slice(0, -(root.length + 1));
  }
  if (context === '') return wsPath;
  return wsPath.startsWith(`${context}/`) ? wsPath.slice(context.length + 1) : null;
}

function hasBuildScript(fs: FileReader, dir: string): boolean {
  const text = fs.read(dir === '' ? 'package.json' : `${dir}/package.json`);
  if (!text) return false;
  try {
    const pkg = JSON.parse(text) as { scripts?: Record<string, unknown> };
    return typeof pkg.scripts?.build === 'string' && pkg.scripts.build.trim() !== '';
  } catch {
    return false;
  }
}

/** Workspace-relative '/' folder of the project ('' for the workspace root). */
function projectDir(input: GenerateInput): string {
  const rel = path.isAbsolute(input.projectRoot) ? path.relative(input.workspaceRoot, input.projectRoot) : input.projectRoot;
  return rel.split(path.sep).join('/').replace(/^\.\/?/, '').replace(/\/+$/, '');
}

function withoutUndefined<T extends object>(o: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

import type { ProjectConfiguration, TargetConfiguration } from '@nx/devkit';
import { angularAllowedHostsNote, angularServerFile, type FrameworkHint, type Language, type LanguageHint } from '@docker-ms/core';
import { nxStaticSite } from './nx-web-app';

/**
 * Executor packages of the Nx plugins that build one language (first match wins). Generic ones
 * (nx:run-commands, @nx/eslint, @nx/jest, @nx/docker) say nothing about the app's language.
 */
const EXECUTOR_LANGUAGES: Array<[RegExp, Language]> = [
  [/^@nx\/(js|node|webpack|esbuild|rollup|vite|rspack|nest|next|express|angular|react|web):/, 'node'],
  [/^@angular(-devkit\/build-angular|\/build):/, 'node'],
  [/^@nrwl\/(js|node|esbuild|webpack):/, 'node'],
  [/^@nxlv\/python:/, 'python'],
  [/^@nx-go\/(nx-go|nx-go-plugin):/, 'go'],
  [/^@monodon\/rust:/, 'rust'],
  [/^@jnxplus\//, 'java'],
  [/^@nx\/(gradle|maven):/, 'java'],
];

/** Project tags the Java plugins put on their projects. */
const TAG_LANGUAGES: Record<string, Language> = { 'nx-maven': 'java', 'nx-gradle': 'java' };

/** `metadata.technologies` values Nx plugins put on inferred targets. */
const TECHNOLOGY_LANGUAGES: Record<string, Language> = {
  typescript: 'node', javascript: 'node', node: 'node', nodejs: 'node', webpack: 'node', esbuild: 'node',
  rollup: 'node', vite: 'node', rspack: 'node', nest: 'node', nestjs: 'node', express: 'node', next: 'node',
  python: 'python', poetry: 'python', uv: 'python', pdm: 'python', pipenv: 'python',
  go: 'go', golang: 'go',
  rust: 'rust', cargo: 'rust',
  java: 'java', kotlin: 'java', gradle: 'java', maven: 'java', spring: 'java',
};

export interface NxProjectFacts {
  /** Languages the project's executors and tags name: core's detection weighs each like a manifest. */
  languageHints: LanguageHint[];
  /** When detection cannot decide: the language the build target (else the first telling target) points at. */
  languageHint?: LanguageHint;
  /** The target that builds the app on the host, if any. */
  buildTarget?: string;
  /** Workspace-relative folder the build target writes, when it says so. */
  outputPath?: string;
  /** Start script relative to outputPath, derived from the build's `main` the way its executor lays out output. */
  entry?: string;
  /** A web app the build target writes as files: its workspace-relative document root and core's framework hint. */
  staticSite?: { root: string; hint: FrameworkHint };
  /** What the user must still do for the image to answer (printed by the generator). */
  warnings: string[];
}

function executorLanguage(name: string, target: TargetConfiguration): LanguageHint | undefined {
  const executor = target.executor ?? '';
  const language = EXECUTOR_LANGUAGES.find(([pattern]) => pattern.test(executor))?.[1];
  return language ? { language, because: `target "${name}" uses ${executor}` } : undefined;
}

function targetLanguage(name: string, target: TargetConfiguration): LanguageHint | undefined {
  const byExecutor = executorLanguage(name, target);
  if (byExecutor) return byExecutor;
  for (const technology of (target.metadata?.technologies as string[] | undefined) ?? []) {
    const language = TECHNOLOGY_LANGUAGES[technology.toLowerCase()];
    if (language) return { language, because: `target "${name}" lists technology "${technology}"` };
  }
  return undefined;
}

/** Executors that build an app (as opposed to serving, testing or linting it). */
const BUILDER =
  /^(@nx\/js:(tsc|swc)|@nx\/(esbuild|webpack|rollup|rspack):\w+|@nx\/vite:build|@nx\/angular:(application|browser-esbuild|webpack-browser)|@angular(-devkit\/build-angular|\/build):(application|browser|browser-esbuild)|@nxlv\/python:build|@nx-go\/nx-go:build|@monodon\/rust:build|@jnxplus\/[\w-]+:build)$/;

/** The build target: `build` if present, else the first target run by a known builder. */
function findBuildTarget(targets: Record<string, TargetConfiguration>): string | undefined {
  if (targets.build) return 'build';
  return Object.entries(targets).find(([, t]) => BUILDER.test(t.executor ?? ''))?.[0];
}

/** A glob character, or an extglob group such as `!(cache)`. */
const GLOB = /[*?[\]]|[!+@]\(/;

function resolveTokens(path: string, project: ProjectConfiguration, options: Record<string, unknown>): string | undefined {
  const resolved = path
    .replace(/^\{workspaceRoot\}\/?/, '')
    .replace(/\{projectRoot\}/g, project.root)
    .replace(/\{projectName\}/g, project.name ?? '')
    .replace(/\{options\.(\w+)\}/g, (_, key: string) => (typeof options[key] === 'string' ? (options[key] as string) : '\0'));
  if (resolved.includes('\0') || /[{}]/.test(resolved) || GLOB.test(resolved)) return undefined;
  const clean = resolved.replace(/^\.\//, '').replace(/\/+$/, '');
  return clean === '' || clean.startsWith('/') || clean.split('/').includes('..') ? undefined : clean;
}

// An outputs entry that names a folder's contents (`**`, `*`, or an extglob negation such as @nx/next/plugin's
// `{projectRoot}/.next/!(cache)`) names that folder; other globs (`*.tsbuildinfo`, `**/*.js`) name no folder.
function outputFolder(output: string): string {
  const segments = output.split('/');
  const first = segments.findIndex((segment) => GLOB.test(segment));
  if (first === -1) return output;
  return segments.slice(first).every((segment) => /^(\*\*?|!\([^()/]*\))$/.test(segment)) ? segments.slice(0, first).join('/') : output;
}

/** Where the build target writes: its `outputPath` option, else the one folder its `outputs` name. */
function buildOutputPath(target: TargetConfiguration, project: ProjectConfiguration): string | undefined {
  const options = (target.options ?? {}) as Record<string, unknown>;
  if (typeof options.outputPath === 'string') return resolveTokens(options.outputPath, project, options);
  // Angular's application builder also takes { base, browser, server }
  const base = (options.outputPath as { base?: unknown } | undefined)?.base;
  if (typeof base === 'string') return resolveTokens(base, project, options);
  const outputs = new Set((target.outputs ?? []).map((o) => resolveTokens(outputFolder(o), project, options)).filter((o): o is string => !!o));
  return outputs.size === 1 ? [...outputs][0] : undefined;
}

/** Angular's application builder (@nx/angular's wraps it): with `ssr`, it writes <outputPath>/server/server.mjs beside browser/. */
const ANGULAR_APPLICATION = /^(@angular(-devkit\/build-angular|\/build)|@nx\/angular):application$/;

/** Where the build executor puts the compiled `main` (or Angular's SSR server) inside outputPath. */
function buildEntry(target: TargetConfiguration, project: ProjectConfiguration): string | undefined {
  const options = (target.options ?? {}) as Record<string, unknown>;
  const executor = target.executor ?? '';
  if (ANGULAR_APPLICATION.test(executor) && options.ssr && options.outputMode !== 'static') return angularServerFile(options.outputPath);
  if (typeof options.outputFileName === 'string' && /^@nx\/(esbuild|webpack|rspack):/.test(executor)) return options.outputFileName;
  if (typeof options.main !== 'string') return undefined;
  const main = options.main.replace(/^\.\//, '');
  const js = (p: string) => p.replace(/\.(c|m)?tsx?$/, '.js').replace(/\.(c|m)js$/, '.js');
  if (/^@nx\/js:(tsc|swc)$/.test(executor)) {
    // tsc/swc mirror the sources under rootDir (default: the project root)
    const rootDir = typeof options.rootDir === 'string' ? options.rootDir.replace(/\/+$/, '') : project.root;
    return main.startsWith(`${rootDir}/`) ? js(main.slice(rootDir.length + 1)) : undefined;
  }
  if (/^@nx\/(esbuild|webpack|rspack):/.test(executor)) {
    // bundlers write one file named after the entry point (webpack: main.js)
    return executor.startsWith('@nx/esbuild') ? js(main.slice(main.lastIndexOf('/') + 1)) : 'main.js';
  }
  return undefined;
}

/** `exists`: whether a workspace file exists (the generator's Tree), for web apps' index.html. */
export function nxProjectFacts(project: ProjectConfiguration, exists: (path: string) => boolean = () => false): NxProjectFacts {
  const targets = project.targets ?? {};
  const facts: NxProjectFacts = { languageHints: [], warnings: [] };
  for (const [name, target] of Object.entries(targets)) {
    const hint = executorLanguage(name, target);
    if (hint) facts.languageHints.push(hint);
  }
  for (const tag of project.tags ?? []) {
    if (Object.hasOwn(TAG_LANGUAGES, tag)) facts.languageHints.push({ language: TAG_LANGUAGES[tag], because: `tag ${tag}` });
  }
  const buildTarget = findBuildTarget(targets);
  const ordered = buildTarget ? [buildTarget, ...Object.keys(targets).filter((t) => t !== buildTarget)] : Object.keys(targets);
  for (const name of ordered) {
    facts.languageHint = targetLanguage(name, targets[name]);
    if (facts.languageHint) break;
  }
  if (buildTarget) {
    facts.buildTarget = buildTarget;
    facts.outputPath = buildOutputPath(targets[buildTarget], project);
    const entry = buildEntry(targets[buildTarget], project);
    if (facts.outputPath && entry) facts.entry = entry;
    if (entry?.endsWith('/server.mjs') && ANGULAR_APPLICATION.test(targets[buildTarget].executor ?? '')) {
      const note = angularAllowedHostsNote(`target "${buildTarget}"`, targets[buildTarget].options);
      if (note) facts.warnings.push(note);
    }
    const site = nxStaticSite(project, { name: buildTarget, config: targets[buildTarget] }, facts.outputPath, exists);
    if (site) facts.staticSite = site;
  }
  return facts;
}

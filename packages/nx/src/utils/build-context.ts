import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { detectPackageManager, getProjects, type ProjectGraph, type Tree } from '@nx/devkit';
import { cachedGraph } from '../generators/dockerfile/project-graph';
import { loadNxJsLockfileApi } from './nx-compat';
import {
  localDependencyRoots,
  workspaceGlobs,
  workspacePackages,
  contextClosure,
  contextDockerignore,
  graphDependencyRoots,
  parseContextDockerignore,
  type FileReader,
  type Language,
  type ProjectGraphLike,
  assertWritableFile,
  writeFileAtomic,
} from '@docker-ms/core';

/** Where the build executor writes an app's pruned package.json and lockfile (beside its image metadata). */
export function prunedManifestsDir(projectRoot: string): string {
  return projectRoot === '.' || projectRoot === '' ? 'dist/docker' : `dist/docker/${projectRoot}`;
}

/**
 * The project graph a generator can see: Nx's cached graph when the Tree is the real workspace, plus the
 * Tree's own implicitDependencies (new projects, virtual trees in tests).
 */
export function generatorGraph(tree: Tree): ProjectGraphLike {
  const known = graphs.get(tree);
  if (known) return known;
  const graph: ProjectGraphLike = { nodes: {}, dependencies: {} };
  const cached = cachedGraph(tree);
  if (cached) {
    Object.assign(graph.nodes, cached.nodes);
    for (const [name, deps] of Object.entries(cached.dependencies)) graph.dependencies[name] = [...deps];
  }
  const projects = getProjects(tree);
  for (const [name, config] of projects) {
    graph.nodes[name] ??= { data: { root: config.root } };
    for (const dep of config.implicitDependencies ?? []) {
      if (dep.startsWith('!') || !projects.has(dep)) continue;
      (graph.dependencies[name] ??= []).push({ target: dep });
    }
  }
  graphs.set(tree, graph);
  return graph;
}

const graphs = new WeakMap<Tree, ProjectGraphLike>();

export interface AllowlistInput {
  project: string;
  projectRoot: string;
  language: Language;
  graph: ProjectGraphLike;
  /** The app's own ignore rules (core's rendered .dockerignore), applied inside the closure. */
  exclude: string;
}

/** `<Dockerfile>.dockerignore` for a workspace-root context: the app's closure from the project graph, nothing else. */
export function contextAllowlist(fs: FileReader, input: AllowlistInput): string {
  const dependencyRoots = input.graph.nodes[input.project] ? graphDependencyRoots(input.graph, input.project) : [];
  const closure = contextClosure(fs, { language: input.language, projectRoot: input.projectRoot, dependencyRoots });
  return contextDockerignore({ closure, exclude: input.exclude, label: input.project, language: input.language });
}

/** An allowlist written by docker-ms, recomputed from the current graph (exclusions kept); null for any other file. */
export function refreshAllowlist(fs: FileReader, text: string, project: string, projectRoot: string, graph: ProjectGraphLike): string | null {
  const parsed = parseContextDockerignore(text);
  if (!parsed?.language) return null;
  const dependencyRoots = graph.nodes[project] ? graphDependencyRoots(graph, project) : [];
  const closure = contextClosure(fs, { language: parsed.language, projectRoot, dependencyRoots });
  return contextDockerignore({ closure, exclude: parsed.exclude, keep: parsed.keep, label: parsed.label ?? project, language: parsed.language });
}

/**
 * The app's production package.json and lockfile, pruned from the workspace root's by @nx/js's own
 * `createPackageJson` / `createLockFile` (public exports of @nx/js), written to `<root>/<dir>`.
 */
export function writePrunedManifests(root: string, project: string, graph: ProjectGraph, dir: string): string[] {
  const nxJs = loadNxJsLockfileApi(root, dir);
  const packageManager = detectPackageManager(root);
  const packageJson = nxJs.createPackageJson(project, graph, { root, isProduction: true });
  const lockFile = nxJs.createLockFile(packageJson, graph, packageManager);
  const lockName = nxJs.getLockFileName(packageManager);
  const targets = { 'package.json': JSON.stringify(packageJson, null, 2) + '\n', [lockName]: lockFile };
  // both refused before either is written: a link here would send the pruned files outside the workspace
  for (const name of Object.keys(targets)) assertWritableFile(join(root, dir, name), `${dir}/${name}`, root);
  mkdirSync(join(root, dir), { recursive: true });
  for (const [name, text] of Object.entries(targets)) writeFileAtomic(join(root, dir, name), text);
  return [`${dir}/package.json`, `${dir}/${lockName}`].filter((p) => existsSync(join(root, p)));
}

/**
 * package.json files of the npm/pnpm/yarn workspace members an app needs before its install: the app itself and
 * the workspace packages it reaches through the project graph or its package.json. Empty outside such workspaces.
 */
export function workspaceMemberManifests(fs: FileReader, project: string, projectRoot: string, graph: ProjectGraphLike): string[] {
  if (workspaceGlobs(fs).length === 0) return [];
  const packages = workspacePackages(fs);
  const members = new Set(packages.map((p) => p.root));
  const roots = new Set<string>([projectRoot, ...localDependencyRoots(fs, projectRoot, packages)]);
  if (graph.nodes[project]) for (const root of graphDependencyRoots(graph, project)) roots.add(root);
  return [...roots].filter((root) => members.has(root) && fs.isFile(`${root}/package.json`)).map((root) => `${root}/package.json`).sort();
}

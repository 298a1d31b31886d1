// The `<Dockerfile>.dockerignore` allowlist of a workspace-root build context: the app's closure from the project
// graph. The generator writes it; the build executor refreshes it, so this file loads only core's build entry.
import { contextClosure, contextDockerignore, graphDependencyRoots, parseContextDockerignore, type ProjectGraphLike } from '@docker-ms/core/build';
import type { FileReader, Language } from '@docker-ms/core';

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

import {
  formatFiles, getProjects, logger, readNxJson, updateNxJson, updateProjectConfiguration,
  type ProjectConfiguration, type TargetConfiguration, type Tree,
} from '@nx/devkit';
import { BUILD_OPTION_RENAMES, renameTargetOptions } from '@docker-ms/core';
import { treeBuildContext, treePathKind } from '../../utils/tree-file-reader';
import { BUILD_EXECUTOR, dockerBuildTarget } from '../../utils/docker-build-target';
import { DEFAULT_BUILD_TARGET_NAME, PLUGIN_NAME, registeredBuildTargetName } from '../../utils/plugin-registration';

type Json = unknown;

function equal(a: Json, b: Json): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, Json>)[k])]));
  }
  return v;
}

function withoutEqualKeys(own: Record<string, Json> | undefined, inferred: Record<string, Json> | undefined): Record<string, Json> {
  const rest: Record<string, Json> = {};
  for (const [key, value] of Object.entries(own ?? {})) if (!equal(value, inferred?.[key])) rest[key] = value;
  return rest;
}

/**
 * What a project.json target must still say once the plugin infers `inferred`: options and
 * configuration entries that differ, and other properties that differ. Nx merges it onto the
 * inferred target (an executor-less target is an override), so the merged target is unchanged.
 */
export function residualTarget(own: TargetConfiguration, inferred: TargetConfiguration): TargetConfiguration {
  const rest: Record<string, Json> = {};
  // The 0.1.0 generator wrote dependsOn ["build"] whenever the project had a build target; the plugin infers none
  // for a Dockerfile docker-ms wrote (it builds the app in the image), so that one is ours and goes.
  const ourDependsOn = inferred.dependsOn === undefined && equal(own.dependsOn, ['build']);
  for (const [key, value] of Object.entries(own)) {
    if (key === 'dependsOn' && ourDependsOn) continue;
    if (key === 'inputs' && (own.dependsOn === undefined || ourDependsOn)
      && equal(withoutDependentOutputs(value as TargetConfiguration['inputs']), withoutDependentOutputs(inferred.inputs))) {
      // The two differ only in whether a build runs first, and so in hashing its outputs: no build target (the
      // plugin's dependsOn then does nothing), or the host build a docker-ms Dockerfile does not need.
      continue;
    }
    if (key === 'metadata' && isOurMetadata(value, inferred.metadata)) continue;
    if (key === 'options') {
      const options = withoutEqualKeys(value as Record<string, Json>, inferred.options);
      if (Object.keys(options).length) rest.options = options;
    } else if (key === 'configurations') {
      const configurations: Record<string, Json> = {};
      for (const [name, config] of Object.entries((value ?? {}) as Record<string, Record<string, Json>>)) {
        const left = withoutEqualKeys(config, inferred.configurations?.[name]);
        if (Object.keys(left).length) configurations[name] = left;
      }
      if (Object.keys(configurations).length) rest.configurations = configurations;
    } else if (!equal(value, (inferred as Record<string, Json>)[key])) {
      rest[key] = value;
    }
  }
  return rest as TargetConfiguration;
}

function withoutDependentOutputs(inputs: TargetConfiguration['inputs']): Json {
  return (inputs ?? []).filter((i) => !(typeof i === 'object' && i !== null && 'dependentTasksOutputFiles' in i));
}

/** Descriptive metadata a docker-ms generator wrote (same keys as the plugin's); its wording changes between releases. */
function isOurMetadata(own: Json, inferred: Json): boolean {
  if (!own || typeof own !== 'object' || !inferred || typeof inferred !== 'object') return false;
  return Object.keys(own).every((k) => k in inferred) && equal((own as Record<string, Json>).technologies, (inferred as Record<string, Json>).technologies);
}

function normalizePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}

function joinPath(...parts: string[]): string {
  return parts.map(normalizePath).filter((p) => p !== '' && p !== '.').join('/') || '.';
}

/** The target the plugin would infer for this project, or why it would infer none (spec checks it against createNodes). */
export function inferredFor(tree: Tree, project: ProjectConfiguration, own: TargetConfiguration): TargetConfiguration | string {
  const root = normalizePath(project.root) || '.';
  const dockerfile = joinPath(root, 'Dockerfile');
  const options = (own.options ?? {}) as { file?: string; context?: string };
  const file = options.file ? normalizePath(options.file) : joinPath(options.context ?? '.', 'Dockerfile');
  if (file !== dockerfile) return `builds ${file}; the plugin infers only from ${dockerfile}`;
  const text = tree.read(dockerfile, 'utf-8');
  if (text === null) return `${dockerfile} does not exist`;
  return dockerBuildTarget({
    projectRoot: root,
    dockerfile: text,
    context: treeBuildContext(tree, text, root),
    dependsOn: 'build',
    kind: treePathKind(tree),
  });
}

/** Most common name among explicit build targets; `docker-build` wins ties. */
function dominantName(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || Number(b[0] === DEFAULT_BUILD_TARGET_NAME) - Number(a[0] === DEFAULT_BUILD_TARGET_NAME) || a[0].localeCompare(b[0]))[0][0];
}

/**
 * Explicit `docker-ms:build` targets → the inferred plugin: registers it in nx.json (with the target name
 * the workspace already uses), deletes targets that only repeat what it infers, and shrinks the rest to
 * the overrides Nx merges onto the inferred target. Targets the plugin would not infer stay as they are.
 */
export default async function useInferredDockerBuild(tree: Tree): Promise<string[]> {
  const projects = [...getProjects(tree)];
  const explicit = projects.flatMap(([name, project]) =>
    Object.entries(project.targets ?? {})
      .filter(([, target]) => target.executor === BUILD_EXECUTOR)
      .map(([targetName]) => ({ name, project, targetName })),
  );
  if (explicit.length === 0) return [];

  const registered = registeredBuildTargetName(tree);
  const targetName = registered ?? dominantName(explicit.map((e) => e.targetName));
  const kept: string[] = [];
  const report: string[] = [];
  const changedProjects = new Set<string>();
  for (const { name, project, targetName: own } of explicit) {
    const target = project.targets![own];
    if (own !== targetName) {
      kept.push(`${name}:${own}: kept, the plugin names its target "${targetName}"`);
      continue;
    }
    const inferred = inferredFor(tree, project, target);
    if (typeof inferred === 'string') {
      kept.push(`${name}:${own}: kept, ${inferred}`);
      continue;
    }
    // Same names as rename-build-options, so the result does not depend on which of the two runs first.
    renameTargetOptions(target, BUILD_OPTION_RENAMES);
    const rest = residualTarget(target, inferred);
    if (Object.keys(rest).length === 0) {
      delete project.targets![own];
      report.push(`${name}:${own}: removed, the plugin infers the same target`);
    } else {
      project.targets![own] = rest;
      report.push(`${name}:${own}: kept as overrides of the inferred target (${Object.keys(rest).join(', ')})`);
    }
    changedProjects.add(name);
  }
  if (changedProjects.size === 0) {
    for (const line of kept) logger.info(`docker-ms: ${line}`);
    return kept;
  }

  for (const [name, project] of projects) if (changedProjects.has(name)) updateProjectConfiguration(tree, name, project);
  if (registered === undefined) {
    const nxJson = readNxJson(tree) ?? {};
    nxJson.plugins = [...(nxJson.plugins ?? []), { plugin: PLUGIN_NAME, options: { buildTargetName: targetName } }];
    updateNxJson(tree, nxJson);
    report.unshift(`registered the ${PLUGIN_NAME} plugin in nx.json (buildTargetName "${targetName}")`);
  }
  for (const line of [...report, ...kept]) logger.info(`docker-ms: ${line}`);
  await formatFiles(tree);
  return kept;
}

import type { TargetConfiguration } from '@nx/devkit';
import { contextSources, defaultStage, listStages, modelOf, parseContextDockerignore, readManagedHeader, type DockerfileSource } from '@docker-ms/core';
import { defaultMetadataFile } from './output-paths';

export { defaultMetadataFile };

export const BUILD_EXECUTOR = 'docker-ms:build';

export interface DockerBuildTargetInput {
  /** Workspace-relative project folder holding the Dockerfile. */
  projectRoot: string;
  /** Dockerfile text, its parsed model or the facts read from it: stages become configurations, COPY sources inputs. */
  dockerfile: DockerfileSource | DockerfileFacts;
  /** Workspace-relative build context ('.' = workspace root). */
  context: string;
  /** The app's own build target, run first when the Dockerfile uses its output (not one docker-ms wrote, which builds in the image). */
  dependsOn?: string;
  /** Stage built without a configuration; default `runtime` when the file has it, else the last stage. */
  defaultStage?: string;
  /** Whether a workspace path is a folder (for input globs); unknown paths get both forms. */
  kind?: (workspacePath: string) => 'file' | 'folder' | 'missing';
  /** Text of `<Dockerfile>.dockerignore`: a docker-ms allowlist narrows a whole-context COPY to the app's closure. */
  dockerignore?: string | null;
}

/** What a target needs from a Dockerfile, read once (plain data: the plugin caches it by the file's hash). */
export interface DockerfileFacts {
  /** Every stage's name in order (null for an unnamed stage). */
  stages: Array<string | null>;
  /** The paths COPY/ADD read from the build context. */
  sources: string[];
  /**
   * Written by docker-ms (its header line): the app is built inside the image, so the host build is not needed
   * first. A Dockerfile of one's own (e.g. @nx/docker's, which copies dist/) gets the host build before it.
   */
  managed: boolean;
}

export function dockerfileFacts(dockerfile: DockerfileSource): DockerfileFacts {
  const model = modelOf(dockerfile);
  return { stages: listStages(model).map((stage) => stage.name), sources: contextSources(model), managed: readManagedHeader(model.text) !== null };
}

const isFacts = (d: DockerBuildTargetInput['dockerfile']): d is DockerfileFacts => typeof d === 'object' && 'sources' in d;

export interface DockerBuildTargetOptions {
  file: string;
  context: string;
  target?: string;
  metadataFile: string;
}

function join(...parts: string[]): string {
  return parts.filter((p) => p !== '' && p !== '.').join('/') || '.';
}

/** The docker-build target for one Dockerfile, the same whether inferred by the plugin or written by the generator. */
export function dockerBuildTarget(input: DockerBuildTargetInput): TargetConfiguration<DockerBuildTargetOptions> {
  const { projectRoot, context } = input;
  const facts = isFacts(input.dockerfile) ? input.dockerfile : dockerfileFacts(input.dockerfile);
  const file = join(projectRoot, 'Dockerfile');
  const stages = facts.stages.filter((name): name is string => !!name);
  const stage = input.defaultStage && stages.includes(input.defaultStage) ? input.defaultStage : defaultStage(facts.stages);

  const options: DockerBuildTargetOptions = { file, context, metadataFile: defaultMetadataFile(projectRoot) };
  if (stage) options.target = stage;

  const configurations: Record<string, Partial<DockerBuildTargetOptions>> = {};
  for (const stage of stages) configurations[stage] = { target: stage };

  const dependsOn = facts.managed ? undefined : input.dependsOn;
  const target: TargetConfiguration<DockerBuildTargetOptions> = {
    executor: BUILD_EXECUTOR,
    options,
    outputs: ['{options.metadataFile}'],
    inputs: dockerInputs({ ...input, dependsOn }, facts.sources, file),
    metadata: {
      technologies: ['docker'],
      description: `Build the ${file} image (one configuration per stage: ${stages.join(', ') || 'none named'})`,
      help: {
        command: 'npx docker-ms build --help',
        example: { options: { tags: ['registry.example.com/team/app:1.0.0'], platforms: ['linux/amd64'], push: true } },
      },
    },
  };
  if (stages.length > 0) target.configurations = configurations;
  if (dependsOn) target.dependsOn = [dependsOn];
  return target;
}

function dockerInputs(input: DockerBuildTargetInput, sources: string[], file: string): NonNullable<TargetConfiguration['inputs']> {
  const { context, projectRoot } = input;
  const base = context === '.' ? '{workspaceRoot}' : context === projectRoot ? '{projectRoot}' : `{workspaceRoot}/${context}`;
  const fromProject = (path: string) => (path.startsWith(`${projectRoot}/`) ? `{projectRoot}/${path.slice(projectRoot.length + 1)}` : `{workspaceRoot}/${path}`);
  const globs = new Set<string>([fromProject(file), `${base}/.dockerignore`, fromProject(`${file}.dockerignore`)]);
  for (const source of sources) {
    const path = source.replace(/\\/g, '/').replace(/^(\.?\/)+/, '').replace(/\/+$/, '') || '.';
    if (path === '.') {
      for (const glob of closureGlobs(input.dockerignore, base) ?? [`${base}/**/*`]) globs.add(glob);
    } else if (/[*?[]/.test(path)) {
      globs.add(`${base}/${path}`);
    } else {
      const kind = input.kind?.(join(context, path)) ?? 'missing';
      if (kind !== 'folder') globs.add(`${base}/${path}`);
      if (kind !== 'file') globs.add(`${base}/${path}/**/*`);
    }
  }
  const inputs: NonNullable<TargetConfiguration['inputs']> = [...globs];
  // Build output is gitignored, so file globs cannot see it; hash what the build task produced instead.
  if (input.dependsOn) inputs.push({ dependentTasksOutputFiles: '**/*' });
  return inputs;
}

/**
 * Inputs for `COPY . .` under a docker-ms allowlist: its re-included folders and files (what BuildKit sends),
 * so a change elsewhere in the workspace leaves the task's hash alone. Null for any other ignore file.
 */
function closureGlobs(dockerignore: string | null | undefined, base: string): string[] | null {
  if (!dockerignore || !parseContextDockerignore(dockerignore)) return null;
  const lines = dockerignore.split('\n').map((l) => l.trim());
  const star = lines.indexOf('*');
  if (star === -1) return null;
  const globs: string[] = [];
  for (const line of lines.slice(star + 1)) {
    if (!line.startsWith('!')) break;
    const path = line.slice(1).replace(/\\(.)/g, '$1');
    globs.push(path.endsWith('/**') ? `${base}/${path.slice(0, -3)}/**/*` : `${base}/${path}`);
  }
  return globs.length > 0 ? globs : null;
}

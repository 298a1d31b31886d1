// Release an image that was built locally: tag it with the version (and any extra tags) in the registry's
// repository, push each tag, say what happened. A dry run prints every tag and push command and runs none.
import { z } from 'zod';
import { DockerMsError } from '../errors';
import { formatCommand, type Command } from '../engine/command';
import { enumError } from '../engine/options';
import { EngineError, resolveEngine, type EngineProbe } from '../engine/resolve';
import { run } from '../engine/spawn';
import { validateTag } from '../engine/tag';
import { resolveVersion, VersionSchemeError, type VersionFacts } from './version-scheme';

const RELEASE_ENGINES = ['auto', 'docker', 'podman'] as const;

const ref = (what: string) => z.string().min(1).superRefine((value, ctx) => {
  const problem = validateTag(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `${what}: ${problem}` });
});

export const releaseOptionsShape = {
  image: ref('image').optional().describe('the local image to release (default <name>:latest, what docker-build tags)'),
  repository: z.string().min(1).describe('where to push, e.g. registry.example.com/team/api or 127.0.0.1:5000/api'),
  version: z.string().min(1).optional().describe('the version tag; default: the versionScheme'),
  versionScheme: z.string().min(1).default('{projectVersion}')
    .describe('tokens {currentDate|YYMM.DD}, {shortCommitSha}, {commitSha}, {projectVersion} (the project\'s release version)'),
  extraTags: z.array(z.string().min(1)).default([]).describe('more tags pushed with the version, e.g. latest'),
  engine: z.enum(RELEASE_ENGINES, { error: enumError(RELEASE_ENGINES) }).default('auto').describe('docker or podman (auto: docker when found)'),
  dryRun: z.boolean().default(false).describe('print every tag and push command; run none'),
};

const releaseOptionsSchema = z.strictObject(releaseOptionsShape);
export type ReleaseOptions = z.output<typeof releaseOptionsSchema>;

export class ReleaseError extends DockerMsError {}

export interface ReleaseSetup {
  /** Image name for the default `image`. */
  name: string;
  facts: VersionFacts;
  log: (line: string) => void;
  probe?: EngineProbe;
  env?: NodeJS.ProcessEnv;
}

export interface ReleaseResult {
  success: boolean;
  version?: string;
  /** Every pushed reference (or, on a dry run, every one that would be). */
  refs: string[];
  error?: string;
}

/** Validate options and work out the version and references; throws ReleaseError (one line per problem). */
export function planRelease(input: unknown, setup: Pick<ReleaseSetup, 'name' | 'facts'>): { options: ReleaseOptions; source: string; version: string; refs: string[] } {
  const parsed = releaseOptionsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    throw new ReleaseError(parsed.error.issues.map((i) => (i.path.length && !i.message.startsWith(`${String(i.path[0])}:`) ? `${i.path.join('.')}: ${i.message}` : i.message)));
  }
  const options = parsed.data;
  let version: string;
  try {
    version = options.version ?? resolveVersion(options.versionScheme, setup.facts);
  } catch (error) {
    if (error instanceof VersionSchemeError) throw new ReleaseError(error.problems);
    throw error;
  }
  const refs = [version, ...options.extraTags].map((tag) => `${options.repository}:${tag}`);
  const problems = refs.map(validateTag).filter((p): p is string => !!p);
  if (problems.length) throw new ReleaseError(problems.map((p) => `repository/version: ${p}`));
  return { options, source: options.image ?? `${setup.name}:latest`, version, refs };
}

/** Tag and push; one line per step, one summary line. */
export async function releaseImage(input: unknown, setup: ReleaseSetup): Promise<ReleaseResult> {
  const { log } = setup;
  let plan: ReturnType<typeof planRelease>;
  try {
    plan = planRelease(input, setup);
  } catch (error) {
    if (!(error instanceof ReleaseError)) throw error;
    for (const line of error.problems) log(line);
    return { success: false, refs: [], error: error.message };
  }
  const { options, source, version, refs } = plan;
  let command: string;
  try {
    command = (await resolveEngine(options.engine, setup.probe, setup.env)).command;
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    log(error.message);
    return { success: false, version, refs, error: error.message };
  }
  const steps: Command[] = refs.flatMap((target) => [{ command, args: ['tag', source, target] }, { command, args: ['push', target] }]);
  if (options.dryRun) {
    log(`dry run: release ${source} as version ${version}`);
    for (const step of steps) log(`dry run: ${formatCommand(step)}`);
    return { success: true, version, refs };
  }
  const present = await run(command, ['image', 'inspect', '--format', '{{.Id}}', source]);
  if (present.code !== 0) {
    const error = `image: ${source} is not in the local image store; build it first (nx run <project>:docker-build, docker-ms build) or name it with image`;
    log(error);
    return { success: false, version, refs, error };
  }
  for (const step of steps) {
    log(`${step.args[0] === 'tag' ? 'tag' : 'push'}: ${step.args.slice(1).join(' → ')}`);
    const result = await run(step.command, step.args);
    if (result.code !== 0) {
      const error = `${step.args[0]} of ${step.args.at(-1)} failed (exit ${result.code}): ${(result.stderr || result.stdout).trim().split('\n').pop()}`;
      log(error);
      return { success: false, version, refs, error };
    }
  }
  log(`released ${source} as ${refs.join(', ')}`);
  return { success: true, version, refs };
}

import { z } from 'zod';
import { DockerMsError } from '../errors';
import { closestNames, didYouMean } from '../text/closest-names';
import { validateTag } from './tag';
import { budgetBytes } from './budget';

/** In a tag, stands for the image name (`name`, else the Dockerfile's folder): `registry.example.com/{name}:1.2`. */
export const NAME_PLACEHOLDER = '{name}';

export const ENGINES = ['auto', 'docker', 'buildx', 'podman', 'buildah'] as const;
export type EngineName = (typeof ENGINES)[number];

/** How the engine's output reaches the user: auto is tty on a terminal outside CI, plain otherwise. */
export const PROGRESS_MODES = ['auto', 'tty', 'plain', 'quiet'] as const;
export type ProgressMode = (typeof PROGRESS_MODES)[number];

/** SLSA provenance detail buildx attaches. */
export const PROVENANCE_MODES = ['min', 'max'] as const;

/** The stage built when `target` is not given and the Dockerfile has it; otherwise the last stage. */
export const DEFAULT_STAGE = 'runtime';

/** @nx-tools/nx-container's kebab-case names for the same options. */
export const BUILD_OPTION_ALIASES: Record<string, string> = {
  'build-args': 'buildArgs',
  'cache-from': 'cacheFrom',
  'cache-to': 'cacheTo',
  'no-cache': 'noCache',
};

/** nx-container options docker-ms does not implement: named in an error rather than ignored. */
export const UNSUPPORTED_NX_CONTAINER_OPTIONS = [
  'add-hosts', 'allow', 'build-contexts', 'cgroup-parent', 'network', 'no-cache-filters', 'outputs',
  'secret-files', 'shm-size', 'ssh', 'ulimit', 'metadata',
];

const list = (split: boolean) =>
  z
    .union([z.string(), z.array(z.string())], { error: 'must be a string or a list of strings' })
    .transform((v) => (typeof v === 'string' ? (split ? v.split(',') : [v]) : v).map((s) => s.trim()).filter(Boolean));

/** `{ KEY: value }` or nx-container's `["KEY=value"]`. */
const keyValues = z
  .union([
    z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    z.array(z.string().regex(/^[^=\s]+=/, 'each entry must look like KEY=value')),
  ], { error: 'must be an object of KEY: value or a list of "KEY=value"' })
  .transform((v): Record<string, string> =>
    Array.isArray(v)
      ? Object.fromEntries(v.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]))
      : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])),
  );

/** Docker's `--secret` forms; a bare NAME means the environment variable NAME. Values never go on a command line. */
const SECRET = /^(?:id=[\w.-]+(?:,(?:src|source|env|type)=[^,]+)*|[A-Za-z_][A-Za-z0-9_]*)$/;

/** Rename aliases; a key given twice or an unsupported one stays and is reported by unknownKeys(). */
function renameAliases(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const [alias, name] of Object.entries(BUILD_OPTION_ALIASES)) {
    if (alias in out && !(name in out)) {
      out[name] = out[alias];
      delete out[alias];
    }
  }
  return out;
}

function unknownKey(key: string): string {
  if (key in BUILD_OPTION_ALIASES) return `${key}: given twice, as ${key} and ${BUILD_OPTION_ALIASES[key]}; keep one`;
  if (UNSUPPORTED_NX_CONTAINER_OPTIONS.includes(key)) return `${key}: an nx-container option docker-ms does not support; remove it`;
  const close = closestNames(key, Object.keys(buildOptionsShape));
  return `${key}: unknown build option${close.length ? `; did you mean ${close.map((c) => `'${c}'`).join(' or ')}?` : ''} (known: ${Object.keys(buildOptionsShape).join(', ')})`;
}

const flag = () => z.boolean({ error: (issue) => `must be true or false (got ${JSON.stringify(issue.input)})` });

/** The enum message, with the closest allowed value when the input looks like a typo of one. */
export const enumError = (values: readonly string[]) => (issue: { input?: unknown }) =>
  `must be one of ${values.join(', ')} (got ${JSON.stringify(issue.input)}${didYouMean(issue.input, values)})`;

/** The camelCase option fields (the CLI derives its flags and help from them). */
export const buildOptionsShape = {
  engine: z.enum(ENGINES, { error: enumError(ENGINES) }).default('auto')
    .describe("auto picks buildx, else a docker client that runs BuildKit, else docker's legacy builder (with a warning), else podman, else buildah"),
  file: z.string().min(1).optional().describe('Dockerfile path (default <context>/Dockerfile)'),
  context: z.string().min(1).default('.').describe('build context folder'),
  target: z.string().min(1).optional()
    .describe('stage to build, checked against the Dockerfile (default runtime when it has that stage, else the last stage)'),
  tags: list(true)
    .pipe(z.array(z.string().superRefine((tag, ctx) => {
      // {name} becomes the image name when the build is planned (one tag per app in a monorepo-wide run)
      const problem = validateTag(tag.replaceAll(NAME_PLACEHOLDER, 'name'));
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })))
    .default([])
    .describe('image references to tag, {name} standing for the image name (default <name>:latest, local only; push needs explicit tags)'),
  name: z.string().min(1).optional().describe("image name for the default tag (default: the Dockerfile's folder name)"),
  buildArgs: keyValues.default({}).describe('build arguments, KEY=value'),
  secrets: list(false)
    .pipe(z.array(z.string().regex(SECRET, 'each secret must be id=<id>,src=<file>, id=<id>,env=<VAR> or an environment variable name')))
    .default([])
    .describe('build secrets: id=<id>,src=<file>, id=<id>,env=<VAR>, or a variable name (never values)'),
  defaultSecrets: flag().default(true)
    .describe("pass the credentials the Dockerfile mounts from their usual places when secrets does not name them: npmrc (npm user config + the repo's .npmrc), netrc (~/.netrc), npm_token / pip_index_url (NPM_TOKEN / PIP_INDEX_URL)"),
  platforms: list(true).default([]).describe('target platforms, e.g. linux/arm64 (several need buildx)'),
  push: flag().default(false).describe('push the tags after building'),
  load: flag().optional().describe('load the result into the local image store (buildx; default when not pushing)'),
  cacheFrom: list(false).default([]).describe('cache sources: image references, or type=… with buildx; {name} stands for the image name (one cache per app)'),
  cacheTo: list(false).default([]).describe('cache export, e.g. type=registry,ref=…/{name}-cache,mode=max (buildx; a repository for podman/buildah); {name} stands for the image name'),
  builder: z.string().min(1).optional().describe('buildx builder to use, e.g. a remote BuildKit'),
  labels: keyValues.default({}).describe('image labels, KEY=value (added to the OCI labels from git)'),
  gitLabels: flag().default(true).describe('add org.opencontainers.image.source/revision/created from git'),
  noCache: flag().default(false).describe('build without the layer cache'),
  pull: flag().default(false).describe('always pull newer base images'),
  quiet: flag().default(false).describe("suppress the engine's build output (same as progress quiet)"),
  progress: z.enum(PROGRESS_MODES, { error: enumError(PROGRESS_MODES) }).default('auto')
    .describe("engine output: tty (the engine's live display), plain (line by line), quiet; auto is tty on a terminal outside CI, else plain"),
  verbose: flag().default(false).describe('also print which engine client runs and why, and the exact command'),
  dryRun: flag().default(false).describe('print the exact command and run nothing'),
  sbom: flag().default(false).describe('attach an SBOM attestation (buildx with a builder that supports attestations)'),
  provenance: z.enum(PROVENANCE_MODES, { error: enumError(PROVENANCE_MODES) }).optional()
    .describe('attach a provenance attestation, min or max (buildx with a builder that supports attestations)'),
  rebuild: flag().default(false)
    .describe('build even when every tag already names an image built from the same inputs (docker-ms skips the engine then; see docs/ship.md)'),
  maxSize: z.union([
    z.number().positive(),
    z.string().refine((v) => budgetBytes(v) !== null, { error: (issue) => `must be a size such as "150MB", "1.2GB" or "800KB" (got ${JSON.stringify(issue.input)})` }),
  ], { error: (issue) => `must be a size such as "150MB" or a number of bytes (got ${JSON.stringify(issue.input)})` })
    .optional()
    .describe('size budget, e.g. 150MB (powers of 1000): a larger image fails the build with its size and the budget'),
  metadataFile: z.string().min(1).optional()
    .describe('write image id, tags, size, target (and digest when pushed) here as JSON; nothing is written when unset'),
};

const camelCaseSchema = z.strictObject(buildOptionsShape, {
  error: (issue) => (issue.code === 'unrecognized_keys' ? issue.keys.map(unknownKey).join('\n') : undefined),
});

/** Build options; nx-container's kebab-case aliases are accepted and normalised to camelCase. */
export const buildOptionsSchema = z.preprocess(renameAliases, camelCaseSchema);

export type BuildOptionsInput = z.input<typeof camelCaseSchema>;
export type BuildOptions = z.output<typeof camelCaseSchema>;

/** Build options that are invalid, or that do not fit the Dockerfile or the engine: one line per problem. */
export class BuildOptionsError extends DockerMsError {}

function describe(issue: z.core.$ZodIssue): string[] {
  const [key, ...rest] = issue.path.map(String);
  if (!key) return issue.message.split('\n');
  if (key === 'tags' && issue.code === 'custom') return [`tags: ${issue.message}`];
  return [`${key}${rest.length ? `[${rest.join('][')}]` : ''}: ${issue.message}`];
}

/** Validate and normalise build options (aliases → camelCase); throws BuildOptionsError, one line per problem. */
export function parseBuildOptions(input: unknown): BuildOptions {
  const result = buildOptionsSchema.safeParse(input ?? {});
  if (!result.success) throw new BuildOptionsError(result.error.issues.flatMap(describe));
  return result.data;
}

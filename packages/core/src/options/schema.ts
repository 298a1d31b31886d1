import { z } from 'zod';
import { LANGUAGES } from '../types';

/** Package managers each language's templates know how to drive. First one is the default. */
export const PACKAGE_MANAGERS = {
  node: ['npm', 'pnpm', 'yarn', 'bun'],
  python: ['pip', 'poetry', 'uv', 'pdm', 'pipenv'],
  go: ['go'],
  rust: ['cargo'],
  java: ['maven', 'gradle'],
} as const;

/**
 * Pattern variants per language. First one is the default (glibc Debian 13 builder, minimal runtime);
 * the others reproduce the seed project's patterns (python bookworm keeps Debian 12).
 */
export const VARIANTS = {
  node: ['distroless', 'alpine', 'slim', 'static'],
  python: ['trixie', 'slim', 'bookworm'],
  go: ['distroless', 'scratch'],
  rust: ['distroless', 'musl'],
  java: ['distroless', 'alpine'],
} as const;

const STAGE_NAME = /^[a-z][a-z0-9_.-]*$/;
// A docker image reference: [registry[:port]/]path[:tag][@digest]. Lowercase repository, as Docker requires.
const IMAGE_REF = /^(?:[a-z0-9.-]+(?::[0-9]+)?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;
const MIRROR = /^[a-z0-9.-]+(?::[0-9]+)?(?:\/[a-z0-9._-]+)*\/?$/;
const VERSION = /^v?\d+(?:\.\d+){0,2}$/;

// Control characters (newlines included) and unicode line breaks would end a Dockerfile line early.
const CONTROL = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/;
const singleLine = (s: string) => !CONTROL.test(s);
const SINGLE_LINE = { message: 'must be a single line without control characters' };

/** One command line (start or build): nothing that would end it early or join it to the next Dockerfile line. */
const commandLine = z
  .string()
  .refine((s) => s.trim() !== '', { message: 'must not be empty' })
  .refine(singleLine, SINGLE_LINE)
  .refine((s) => !s.trimEnd().endsWith('\\'), { message: 'must not end with "\\" (it would join the next Dockerfile line)' });

/**
 * A shell command written into a RUN line. It is the user's shell code by design, but it must stay the RUN's own
 * command: a leading "-" would be read as a RUN flag, a leading "#" as a comment, and a heredoc would swallow the
 * lines after it.
 */
const HEREDOC = /<<-?\s*["']?[A-Za-z_]/;
const shellCommand = commandLine
  .refine((s) => !s.trimStart().startsWith('-'), { message: 'must not start with "-" (docker would read it as a flag of RUN)' })
  .refine((s) => !s.trimStart().startsWith('#'), { message: 'must not start with "#" (docker would read the line as a comment)' })
  // dockerfile-ast skips an escaped blank and reads a following "--x" as a RUN flag, where BuildKit runs it: parsers disagree
  .refine((s) => !s.trimStart().startsWith('\\'), { message: 'must not start with "\\" (Dockerfile parsers disagree on where RUN\'s flags end)' })
  .refine((s) => !HEREDOC.test(s), { message: 'must not contain a heredoc ("<<WORD"); put multi-line steps in a script file' });

// Letters (any script), digits and . _ - / @ + = , ~: safe unquoted in COPY lines, shell words and .dockerignore
const PATH_CHARS = /^[\p{L}\p{N}._@+=,~/\\-]+$/u;

function relativePath() {
  return z
    .string()
    .min(1)
    .regex(PATH_CHARS, { message: 'must be a path of letters, digits and "._-/@+=,~" (no spaces, quotes, "$" or shell characters)' })
    .refine((p) => !p.startsWith('-'), { message: 'must not start with "-" (docker would read it as a flag of COPY)' })
    .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'), {
      message: 'must be a relative path inside the build context (no leading "/" or "..")',
    })
    .transform((p) => {
      const clean = p.replace(/\\/g, '/').replace(/\/+$/, '').replace(/^\.\//, '').replace(/\/\.(?=\/|$)/g, '');
      return clean === '' ? '.' : clean;
    });
}

const imageRef = z.string().regex(IMAGE_REF, {
  message: 'must be an image reference such as "node:24-trixie-slim" or "registry.example.com/team/base:1.2"',
}).refine((ref) => ref === 'scratch' || (/:[^/]+$|@sha256:/.test(ref) && !/:latest$/.test(ref)), { message: 'must be pinned to a tag other than "latest" (or a digest), e.g. "node:24-trixie-slim"' });

const portSchema = z.preprocess(
  (v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v),
  z.number().int().min(1).max(65535),
);

const userSchema = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : v),
  z.string().regex(/^\d+(?::\d+)?$/, { message: 'must be a numeric uid or uid:gid, e.g. "10001" or "10001:10001"' })
    .refine((u) => Number(u.split(':')[0]) !== 0, { message: 'must not be 0 (root); use a non-root uid such as 10001' }),
);

const commandSchema = z.union([commandLine, z.array(z.string().min(1)).min(1)]);

// An HTTP path (RFC 3986 path-absolute with an optional query): "/healthz", "/status?full=1"
const URL_PATH = /^\/(?:[A-Za-z0-9\-._~!&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/;

// OCI label keys are reverse-DNS style names
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

const common = {
  target: z.string().regex(STAGE_NAME, { message: 'must be a lowercase stage name such as "runtime" or "build"' }).default('runtime').describe("Stage the build stops at (docker build --target); the rendered file always ends with \"runtime\"."),
  baseRuntime: imageRef.optional().describe("Image for the final stage instead of the catalog's choice (e.g. a company base image)."),
  baseBuild: imageRef.optional().describe("Image for the build stages instead of the catalog's choice."),
  port: portSchema.optional().describe("Port the app listens on (EXPOSE, and the HTTP healthcheck probe)."),
  user: userSchema.optional().describe("Numeric uid[:gid] of the final stage; default is the runtime image's non-root user."),
  cacheMounts: z.boolean().default(true).describe("Use BuildKit cache mounts (RUN --mount=type=cache); false gives a file the legacy builder accepts."),
  healthcheck: z
    .union([
      z.string().regex(URL_PATH, { message: 'must be an HTTP path starting with "/" such as "/healthz" (letters, digits, "-._~/?=&" and %XX escapes) or a command array' }),
      z.array(z.string().min(1)).min(1),
    ])
    .optional()
    .describe('HTTP path probed by the runtime itself (node, python; needs port) or an exec-form command array.'),
  labels: z.record(
    z.string().regex(LABEL_KEY, { message: 'label names must be letters, digits and "._/-", e.g. "org.opencontainers.image.source"' }),
    z.string().refine(singleLine, SINGLE_LINE),
  ).default({}).describe("OCI labels added to the final stage."),
  env: z.record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'must be an environment variable name such as "PORT" or "HOST"' }),
    z.string().refine(singleLine, SINGLE_LINE),
  ).default({}).describe("Environment variables of the final stage (ENV). Detection adds the app's own: PORT=<port> where it reads PORT, HOST=0.0.0.0 where it binds a host from HOST with a loopback default."),
  registryMirror: z.string().regex(MIRROR, { message: 'must be a registry host with an optional path, e.g. "mirror.example.com/dockerhub"' })
    .transform((m) => m.replace(/\/+$/, ''))
    .optional().describe("Registry prefix for every base image (e.g. \"mirror.example.com/dockerhub\")."),
  pinDigests: z.boolean().default(false).describe("Pin every base image by digest: FROM name:tag@sha256:… resolved from the registry (else the digest the local store pulled); docker-ms migrate keeps the digests current. An image without a digest fails with one line and nothing is written."),
  projectRoot: relativePath().default('.').describe("App folder relative to the build context (e.g. \"apps/api\" when building from the workspace root)."),
  runtimeVersion: z.string().regex(VERSION, { message: 'must be a version number such as "22", "3.12" or "1.22.5"' })
    .transform((v) => v.replace(/^v/, ''))
    .optional().describe("Language runtime version; image tags follow it (major, or major.minor for python/go/rust)."),
  entry: z.string().min(1).regex(/^[^\s"'`$\\\u0000-\u001f\u007f\u0085]+$/, { message: 'must be a path, module, class or binary name without spaces, quotes or "$"' }).optional().describe("What starts the app: node script (relative to projectRoot, or to outputPath when set), python file or module, go package (./cmd/x or .), rust binary name, java main class (else java -jar)."),
  startCommand: commandSchema.optional().describe("Exec-form command for the final stage, replacing the one derived from entry."),
  buildCommand: shellCommand.optional().describe("Shell command that builds the app in the build stage (node: e.g. \"npm run build\")."),
  outputPath: relativePath().optional().describe("Build output folder relative to the build context (e.g. \"dist/apps/api\"); node copies only it to the runtime, java looks for the jar in it."),
};

function languageSchema<L extends keyof typeof PACKAGE_MANAGERS>(language: L) {
  return z.strictObject({
    language: z.literal(language).describe('Language of the app: node, python, go, rust or java.'),
    packageManager: z.enum(PACKAGE_MANAGERS[language]).default(PACKAGE_MANAGERS[language][0] as never)
      .describe('Package manager / build tool (node: npm|pnpm|yarn|bun; python: pip|poetry|uv|pdm|pipenv; go; cargo; java: maven|gradle).'),
    variant: z.enum(VARIANTS[language]).default(VARIANTS[language][0] as never)
      .describe('Base-image pattern (node: distroless|alpine|slim|static — static: built files served by nginx; python: trixie|slim|bookworm; go: distroless|scratch; rust: distroless|musl; java: distroless|alpine).'),
    ...common,
  });
}

// npm package name, as turbo prune selects workspace packages by it
const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/**
 * Node only: building a JS app of a Turborepo workspace from the workspace root. The Turborepo adapter
 * (@docker-ms/turbo) sets them; they are not flags of the Nx generator or the CLI (see json-schema.ts).
 */
export const monorepoPruneOptions = {
  pruneWith: z.enum(['turbo']).optional().describe('Build from the workspace root through `turbo prune <pruneScope> --docker`: the install layer depends only on the pruned manifests and lockfile, so editing another app does not re-run it.'),
  pruneScope: z.string().regex(PACKAGE_NAME, { message: 'must be a package name such as "web" or "@acme/web"' }).optional().describe('Package name of the app given to turbo prune and turbo run --filter; required with pruneWith.'),
  turboVersion: z.string().regex(VERSION, { message: 'must be a version number such as "2.11.9"' }).transform((v) => v.replace(/^v/, '')).optional().describe("turbo installed in the image's base stage; default: the catalog's (the adapter passes the workspace's own)."),
};

// `to` may climb out of the app's folder (Next.js standalone from a workspace root), never out of /app (render checks)
const frameworkCopy = z.strictObject({ from: relativePath(), to: z.string().regex(/^(?:\.\.\/)*(?:\.\.|[\p{L}\p{N}._@+=,~/-]+)$/u) });

/**
 * Node only: the framework detection found (types.ts NodeFramework), carried from detection to the template. Not a
 * flag: users change the outcome with buildCommand, outputPath, entry or startCommand (see json-schema.ts).
 */
export const detectedOptions = {
  framework: z.strictObject({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/),
    kind: z.enum(['server', 'static']),
    build: z.string().regex(/^[\w:.-]+$/, { message: 'must be a package.json script name such as "build"' }).nullable(),
    outputDir: relativePath(),
    start: z.array(z.string().min(1).regex(/^[^\s"'`$\\]+$/)).min(1).optional(),
    spaFallback: z.boolean().optional(),
    copy: z.array(frameworkCopy).min(1).optional(),
    nodeModules: z.boolean().optional(),
    writable: z.array(relativePath()).min(1).optional(),
    listen: z.object({ port: portSchema, portEnv: z.string(), hostEnv: z.tuple([z.string(), z.string()]).optional(), why: z.string() }).optional(),
  }).optional().describe('Framework found by detection (name, server or static, build script, output folder, start command); detection sets it.'),
};

const WORKSPACE_MANIFESTS =
  'Manifests of the workspace members, copied to their folders before the dependency step (relative to the build context): ' +
  'node: package.json of the npm/pnpm/yarn workspace members the app needs (e.g. ["apps/api/package.json", "libs/shared/package.json"]), so the workspace links resolve; ' +
  'go: the go.work and the go.mod of every module it uses (e.g. ["go.work", "svc/api/go.mod", "libs/shared/go.mod"]), so the download runs in workspace mode.';

export const nodeOptionsSchema = languageSchema('node').extend({
  ...monorepoPruneOptions,
  ...detectedOptions,
  packageManagerVersion: z.string().regex(/^[\w.^~<>=*| -]+$/, { message: 'must be a version or range such as "9.12.0", "^9" or "4"' })
    .refine((v) => v.trim() !== '' && !/^(?:latest|next|canary|rc)$/i.test(v.trim()), { message: 'must pin a version, not a dist-tag such as "latest"' })
    .transform((v) => v.trim())
    .optional()
    .describe('Version of pnpm, yarn, bun or npm installed from the npm registry in the base stage (detected from packageManager, engines or the lockfile format); never "latest".'),
  spaFallback: z.boolean().optional().describe('variant "static": answer paths that match no file with index.html (client-side routing); false serves <path>.html or 404. Default true.'),
  localTarballs: z.array(relativePath()).optional().describe("Packed tarballs that file: dependencies install from (e.g. vendor/docker-ms-0.1.0.tgz), relative to the build context, copied before each install."),
  yarnPlugins: relativePath().optional().describe("Committed Yarn plugins folder (.yarn/plugins, loaded by .yarnrc.yml) relative to the build context, copied before each install."),
  yarnPath: relativePath().optional().describe("Committed Yarn release (.yarnrc.yml yarnPath) relative to the build context; it runs every yarn command, so nothing is downloaded."),
  manifestsPath: relativePath().optional().describe(
    "Folder (relative to the build context) with the app's pruned package.json and lockfile, e.g. \"dist/docker/apps/api\" (the Nx build executor writes it from the project graph); the production install uses them instead of the workspace root's.",
  ),
  workspaceManifests: z.array(relativePath().refine((p) => /(^|\/)package\.json$/.test(p), { message: 'must name package.json files, e.g. "libs/shared/package.json"' }))
    .optional()
    .describe(WORKSPACE_MANIFESTS),
  nativeBuildTools: z.boolean().optional().describe(
    "Install python3, make and g++ in the build stages (never in the runtime) for dependencies that compile at install time; detected from the lockfile (hasInstallScript, requiresBuild, node-gyp).",
  ),
  workspaceRuntimePaths: z.array(relativePath()).optional().describe(
    "Files and folders of the workspace libraries the app loads at run time through node_modules links (each library's package.json and built output, e.g. [\"libs/util/package.json\", \"libs/util/dist\"]), copied from the build stage to the same paths in the runtime.",
  ),
});
export const pythonOptionsSchema = languageSchema('python');
export const goOptionsSchema = languageSchema('go').extend({
  workspaceManifests: z.array(relativePath().refine((p) => /(^|\/)go\.(work|mod)$/.test(p), { message: 'must name go.work and go.mod files, e.g. "go.work" or "libs/shared/go.mod"' }))
    .refine((list) => list.filter((p) => /(^|\/)go\.work$/.test(p)).length === 1, { message: 'must name exactly one go.work (the workspace) besides its modules\' go.mod files' })
    .optional()
    .describe(WORKSPACE_MANIFESTS),
});
export const rustOptionsSchema = languageSchema('rust');
/** Java only: Spring Boot's layered jar. */
export const javaOptions = {
  springBootVersion: z.string().regex(/^\d+\.\d+(?:\.\d+)?(?:[-.][\w.-]+)?$/, { message: 'must be a Spring Boot version such as "3.5.6"' }).optional().describe(
    "Spring Boot version of the app (detected from pom.xml's parent, BOM or plugin, or the Gradle plugin). From 2.4 the runtime gets the jar's layers instead of the jar: 3.3+ extracts them with -Djarmode=tools, older with -Djarmode=layertools.",
  ),
  layeredJar: z.boolean().optional().describe(
    "Spring Boot 2.4+: copy the jar's layers (dependencies, spring-boot-loader, snapshot-dependencies, application) into the runtime in that order, so a source edit changes only the last one. Default true; ignored with entry or startCommand.",
  ),
};
export const javaOptionsSchema = languageSchema('java').extend(javaOptions);

export const dockerfileOptionsSchema = z.discriminatedUnion('language', [
  nodeOptionsSchema,
  pythonOptionsSchema,
  goOptionsSchema,
  rustOptionsSchema,
  javaOptionsSchema,
]);

export type DockerfileOptions = z.output<typeof dockerfileOptionsSchema>;
export type DockerfileOptionsInput = z.input<typeof dockerfileOptionsSchema>;
export type OptionsFor<L extends DockerfileOptions['language']> = Extract<DockerfileOptions, { language: L }>;

/** Every option name, for adapters that map their own flags (Nx schema.json, CLI). */
export const OPTION_NAMES = ['language', 'packageManager', 'variant', ...Object.keys(common), 'manifestsPath', 'workspaceManifests', 'workspaceRuntimePaths', 'nativeBuildTools', 'packageManagerVersion', 'spaFallback', 'yarnPath', 'yarnPlugins', 'localTarballs', ...Object.keys(javaOptions), ...Object.keys(monorepoPruneOptions), ...Object.keys(detectedOptions)] as const;

if (LANGUAGES.length !== Object.keys(PACKAGE_MANAGERS).length) {
  throw new Error('PACKAGE_MANAGERS must list every language');
}

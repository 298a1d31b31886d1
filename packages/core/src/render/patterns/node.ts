import path from 'node:path';
import { describeImage, TOOL_VERSIONS } from '../../catalog';
import type { OptionsFor } from '../../options';
import { OptionsError } from '../../options/errors';
import type { SecretId } from '../../secrets';
import { NODE_LOCKFILE_NAMES } from '../../options/lockfiles';
import { baseTemplateData, dir, healthcheckCommand, joinPath, splitCommand, type BaseTemplateData } from '../template-data';

interface PackageManagerSteps {
  /** Installs/enables the package manager in the base stage, or null when the image has it. */
  setup: string | null;
  env: Array<[string, string]>;
  /** Files copied before the install (context root). At least the first one must exist. */
  manifests: string[];
  /** Files copied before the production install: the pruned manifests when manifestsPath is set, else `manifests`. */
  prodManifests: string[];
  /** Folders and files copied before the installs, as [source, destination]: Yarn's committed plugins, local tarballs. */
  settingsDirs: Array<[string, string]>;
  /** Workspace members' package.json files, each copied to its own folder before the installs. */
  members: Array<{ file: string; dir: string }>;
  install: string;
  installProd: string;
  caches: string[];
  run: string;
}

/**
 * With pruned manifests (the app's own package.json and lockfile) the production install reads those; settings
 * files (.yarnrc.yml; .npmrc arrives as the npmrc secret, never copied) stay the workspace root's, and pnpm-workspace.yaml is left out (the pruned lockfile
 * describes one project).
 */
function withProdManifests(pm: Omit<PackageManagerSteps, 'prodManifests' | 'members' | 'settingsDirs'>, manifestsPath: string | undefined): Omit<PackageManagerSteps, 'members' | 'settingsDirs'> {
  if (!manifestsPath) return { ...pm, prodManifests: pm.manifests };
  const pruned = pm.manifests.flatMap((file) => {
    if (file === 'package.json' || NODE_LOCKFILE_NAMES.includes(file.replace(/\*$/, ''))) return [joinPath(manifestsPath, file)];
    return file.startsWith('pnpm-workspace.yaml') ? [] : [file];
  });
  return { ...pm, prodManifests: pruned };
}

/**
 * The package manager, installed in the base stage at the version the project pins (or its lockfile implies) from
 * the npm registry, or the committed Yarn release; never corepack's "latest" download.
 */
function steps(o: OptionsFor<'node'>, hasYarn: boolean): Omit<PackageManagerSteps, 'prodManifests' | 'members' | 'settingsDirs'> & { settingsDirs?: Array<[string, string]> } {
  const v = o.packageManagerVersion;
  const npmGlobal = (spec: string, force = false) => `${mountNpm(o)}npm install --global${force ? ' --force' : ''} '${spec}'`;
  switch (o.packageManager) {
    case 'npm':
      return {
        setup: v ? npmGlobal(`npm@${v}`) : null, // only when given: detection leaves the image's npm alone
        env: [],
        manifests: ['package.json', 'package-lock.json*', 'npm-shrinkwrap.json*'],
        // npm ci needs a lockfile; projects without one still build (npm install), just less repeatably
        install: 'if [ -f package-lock.json ] || [ -f npm-shrinkwrap.json ]; then npm ci; else npm install; fi',
        installProd:
          'if [ -f package-lock.json ] || [ -f npm-shrinkwrap.json ]; then npm ci --omit=dev; else npm install --omit=dev; fi',
        caches: ['/root/.npm'],
        run: 'npm run',
      };
    case 'pnpm':
      return {
        setup: npmGlobal(`pnpm@${v ?? TOOL_VERSIONS.pnpm}`),
        env: [],
        manifests: ['package.json', 'pnpm-lock.yaml*', 'pnpm-workspace.yaml*'],
        // frozen with a lockfile; a project without one still builds, just not repeatably (detection and lint say so)
        install: 'if [ -f pnpm-lock.yaml ]; then pnpm install --frozen-lockfile; else pnpm install; fi',
        installProd: 'if [ -f pnpm-lock.yaml ]; then pnpm install --frozen-lockfile --prod; else pnpm install --prod; fi',
        caches: ['id=pnpm-store,target=/root/.local/share/pnpm/store'],
        run: 'pnpm run',
      };
    case 'yarn':
      return {
        setup: yarnSetup(o, hasYarn),
        // Berry: node_modules instead of Plug'n'Play (the runtime copies node_modules). YARN_IGNORE_PATH: the
        // release runs from where the base stage put it, not re-executed from yarnPath (absent before COPY . .).
        env: [['YARN_NODE_LINKER', 'node-modules'], ['YARN_IGNORE_PATH', '1']],
        manifests: ['package.json', 'yarn.lock*', '.yarnrc.yml*'],
        // no yarn.lock: Yarn 1 without --frozen-lockfile, Berry without --immutable (not reproducible; detection and lint say so)
        install: 'if [ -f yarn.lock ]; then frozen=1; fi; case "$(yarn --version)" in 1.*) yarn install ${frozen:+--frozen-lockfile} ;; *) yarn install ${frozen:+--immutable} ;; esac',
        installProd: `if [ -f yarn.lock ]; then frozen=1; fi; case "$(yarn --version)" in 1.*) yarn install \${frozen:+--frozen-lockfile} --production ;; 2.*|3.*) ${YARN3_NEEDS_FOCUS} yarn workspaces focus --all --production ;; *) yarn workspaces focus --all --production ;; esac`,
        // Berry: .yarnrc.yml lists the committed plugins, which load from .yarn/plugins (Yarn 1 has neither)
        settingsDirs: o.yarnPlugins ? [[o.yarnPlugins, './.yarn/plugins/']] : [],
        caches: ['id=yarn-v1,target=/usr/local/share/.cache/yarn', 'id=yarn-berry,target=/root/.yarn/berry/cache'],
        run: 'yarn run',
      };
    case 'bun':
      return {
        setup: npmGlobal(`bun@${v ?? TOOL_VERSIONS.bun}`),
        env: [],
        manifests: ['package.json', 'bun.lock*', 'bun.lockb*'],
        install: 'if [ -f bun.lock ] || [ -f bun.lockb ]; then bun install --frozen-lockfile; else bun install; fi',
        installProd: 'if [ -f bun.lock ] || [ -f bun.lockb ]; then bun install --frozen-lockfile --production; else bun install --production; fi',
        caches: ['/root/.bun/install/cache'],
        run: 'bun run',
      };
  }
}

/**
 * `yarn workspaces focus --all --production` is Yarn's documented production install; before Yarn 4 it comes from the
 * workspace-tools plugin, which the project must commit (nothing is downloaded at build time): stop with the fix.
 */
const YARN3_NEEDS_FOCUS =
  "grep -qs 'plugin-workspace-tools' .yarnrc.yml || { echo 'Yarn '\"$(yarn --version)\"' needs the workspace-tools plugin for its production install: run \"yarn plugin import workspace-tools\" and commit .yarnrc.yml and .yarn/plugins' >&2; exit 1; };";

export interface BuildTools {
  /** Installs node-gyp's documented needs on Unix: python3, make and a C++ compiler. */
  run: string;
  /**
   * Where the build image keeps Node's headers (include/node), given to node-gyp as npm_config_nodedir so it does not
   * download them (from nodejs.org, unreachable on locked-down builders); null for an image of unknown layout.
   */
  nodedir: string | null;
}

/** The official node images install Node under /usr/local, headers included (/usr/local/include/node). */
const OFFICIAL_NODE_PREFIX = '/usr/local';

function buildTools(o: OptionsFor<'node'>, build: { flavor: string; ref: string }): BuildTools | null {
  if (!o.nativeBuildTools) return null;
  const run = build.flavor === 'alpine'
    ? 'apk add --no-cache python3 make g++'
    : 'apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*';
  return { run, nodedir: describeImage(build.ref)?.toolchain === 'node' ? OFFICIAL_NODE_PREFIX : null };
}

/** Where the base stage puts a committed Yarn release. */
const YARN_RELEASE = '/usr/local/lib/yarn-release.cjs';

function mountNpm(o: OptionsFor<'node'>): string {
  return o.cacheMounts ? '--mount=type=cache,target=/root/.npm \\\n    ' : '';
}

/** The official node images carry yarn 1.22 up to Node 24; from 25 on they ship neither yarn nor corepack. */
function imageHasYarn(nodeVersion: string): boolean {
  const major = Number(nodeVersion.split('.')[0]);
  return !(major >= 25);
}

/**
 * Yarn 1: the node image's own yarn 1.22 (or yarn@1 from the npm registry where the image has none) unless an exact 1.x is pinned. Yarn 2+: the committed release (yarnPath)
 * wrapped as `yarn`, else @yarnpkg/cli-dist (Berry's npm package) at the pinned version. --force replaces the image's yarn.
 */
function yarnSetup(o: OptionsFor<'node'>, hasYarn: boolean): string | null {
  const v = o.packageManagerVersion;
  if (o.yarnPath) {
    // rm first: the image's yarn is a symlink, and writing through it would overwrite yarn 1 itself
    return `rm -f /usr/local/bin/yarn /usr/local/bin/yarnpkg && printf '#!/bin/sh\\nexec node ${YARN_RELEASE} "$@"\\n' > /usr/local/bin/yarn && chmod +x /usr/local/bin/yarn`;
  }
  if (v === undefined || /^[\^~]?1(?:$|\.)/.test(v) && !/^1\.\d+\.\d+$/.test(v)) {
    return hasYarn ? null : `${mountNpm(o)}npm install --global 'yarn@${TOOL_VERSIONS.yarn1}'`;
  }
  const spec = /^[\^~]?1\./.test(v) ? `yarn@${v}` : `@yarnpkg/cli-dist@${v}`;
  return `${mountNpm(o)}npm install --global --force '${spec}'`;
}

/** A Turborepo JS app built from the workspace root through `turbo prune` (templates/node/turbo-prune.ejs). */
export interface TurboPrune {
  scope: string;
  version: string;
  build: string;
  /** tar --exclude patterns: what of the built workspace the runtime does not need. */
  notRuntime: string[];
  /** Secrets the build step mounts: Yarn 2+ reads .yarnrc.yml (and its `${NPM_TOKEN}`) again on every `yarn run`. */
  buildSecrets: SecretId[];
  /** Context paths of the tarballs file: dependencies install from, copied beside the pruned manifests. */
  tarballs: string[];
}

export interface NodeTemplateData extends BaseTemplateData {
  pm: PackageManagerSteps;
  turbo: TurboPrune | null;
  /** A committed Yarn release copied into the base stage (before its setup wraps it as `yarn`), or null. */
  yarnRelease: { from: string; to: string } | null;
  /** Context-relative folder copied from the build stage to the runtime, or null to copy the project from the context. */
  output: string | null;
  /** Workspace members' node_modules folders (pnpm links each member's dependencies there), made in prod-deps and copied to the runtime. */
  memberModules: string[];
  /** Workspace libraries' package.json and built output, copied from the build stage to the same paths in the runtime. */
  libraryPaths: string[];
  /** Installs the compilers native add-ons need in the base stage (build stages only), or null. */
  buildTools: BuildTools | null;
  /**
   * Makes prod-deps from deps by removing the dev dependencies, instead of a second install that would compile the
   * native add-ons again; null for a fresh production install.
   */
  pruneDeps: string | null;
  /** A server framework's runtime (the detected framework): what it copies, whether it needs node_modules, where it starts. */
  framework: FrameworkRuntime | null;
}

export interface FrameworkRuntime {
  name: string;
  /** Build-stage paths (context-relative) → runtime paths (relative to /app). */
  copies: Array<{ from: string; to: string }>;
  /** The production dependencies are copied (false: the output carries its own). */
  nodeModules: boolean;
  /** Runtime folder the start command runs in: the app's folder. */
  workdir: string;
  /**
   * Folders the server writes at run time (context-relative, the same path in the runtime): emptied in the build stage
   * (no build cache shipped) and copied to the runtime from `staging`, whose only entry is the folder, owned by the user.
   */
  writable: Array<{ path: string; staging: string; parent: string }>;
}

/** A server framework's files in the runtime: its output (or its own list) under the app's folder. */
function frameworkRuntime(o: OptionsFor<'node'>): FrameworkRuntime | null {
  const f = o.framework;
  if (!f || f.kind !== 'server') return null;
  // A target above the app's folder is the workspace root holding the lockfile (Next.js standalone nests the app's
  // path under it). When the build context starts below that root, the image has no such lockfile and the output is flat.
  const copies = (f.copy ?? [{ from: f.outputDir, to: f.outputDir }]).map((c) => {
    const to = joinPath(o.projectRoot, c.to);
    return { from: joinPath(o.projectRoot, c.from), to: to === '..' || to.startsWith('../') ? o.projectRoot : to };
  });
  const writable = (f.writable ?? []).map((w, i) => {
    const at = joinPath(o.projectRoot, w);
    return { path: at, staging: `/runtime-writable/${i}`, parent: path.posix.dirname(at) };
  });
  return { name: f.name, copies, nodeModules: f.nodeModules !== false, workdir: joinPath('/app', o.projectRoot), writable };
}

/** The framework's start argv for the runtime: its node_modules paths point at /app/node_modules, where prod-deps puts them. */
function frameworkStart(start: string[], distroless: boolean, nodeBin: string): { entrypoint: string[] | null; cmd: string[] } {
  const argv = start.map((a) => (a.startsWith('node_modules/') ? `/app/${a}` : a));
  if (argv[0] !== 'node') return { entrypoint: argv, cmd: [] };
  // distroless node images have node as their ENTRYPOINT
  return distroless ? { entrypoint: null, cmd: argv.slice(1) } : { entrypoint: null, cmd: [nodeBin, ...argv.slice(1)] };
}

/** The install stages' data (templates/node/install.ejs, turbo-build.ejs), shared by the node and static patterns. */
export type NodeInstallData = Pick<NodeTemplateData, 'pm' | 'turbo' | 'yarnRelease' | 'buildTools'>;

export function nodeInstallData(o: OptionsFor<'node'>, base: Pick<BaseTemplateData, 'build'>): NodeInstallData {
  const members = (o.workspaceManifests ?? []).map((file) => ({ file, dir: dir(file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.') }));
  const { settingsDirs: pmDirs = [], ...pmSteps } = steps(o, imageHasYarn(base.build.version));
  // tarballs that file: dependencies install from go where the manifests say they are
  const settingsDirs: Array<[string, string]> = [...pmDirs, ...(o.localTarballs ?? []).map((t): [string, string] => [t, `./${t}`])];
  const pm = { ...withProdManifests(pmSteps, o.manifestsPath), settingsDirs, members };
  const yarnRelease = o.packageManager === 'yarn' && o.yarnPath ? { from: o.yarnPath, to: YARN_RELEASE } : null;
  return { pm, yarnRelease, buildTools: buildTools(o, base.build), turbo: turboPrune(o) };
}

export function nodeTemplateData(o: OptionsFor<'node'>): NodeTemplateData {
  const base = baseTemplateData(o);
  const install = nodeInstallData(o, base);
  const entryPath = entryScript(o);
  const output = o.outputPath ?? (o.buildCommand && !frameworkRuntime(o) ? outputFromEntry(o, entryPath) : null);
  const distroless = base.runtime.flavor === 'distroless';
  // distroless node images have node at /nodejs/bin/node as their ENTRYPOINT, and no PATH entry for it
  const nodeBin = distroless ? '/nodejs/bin/node' : 'node';
  // node -e <code> <url>: the URL arrives as process.argv[1]
  const probe = [nodeBin, '-e', 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))'];
  let entrypoint: string[] | null = null;
  let cmd: string[] | null;
  const framework = frameworkRuntime(o);
  if (o.startCommand) {
    const argv = splitCommand(o.startCommand);
    entrypoint = argv[0] === 'node' ? [nodeBin, ...argv.slice(1)] : argv;
    cmd = null;
  } else if (framework && o.framework?.start) {
    const start = frameworkStart(o.framework.start, distroless, nodeBin);
    entrypoint = start.entrypoint;
    cmd = start.cmd.length ? start.cmd : null;
  } else {
    cmd = distroless ? [entryPath] : ['node', entryPath];
  }
  // only with the members in the production install (no pruned manifests): their links are what the runtime resolves
  const memberModules = o.manifestsPath ? [] : install.pm.members.filter((m) => m.dir !== '.').map((m) => joinPath(m.dir, 'node_modules'));
  const libraryPaths = o.manifestsPath ? [] : (o.workspaceRuntimePaths ?? []);
  // deps installed from the same manifests (no pruned ones); npm prunes offline, from its lockfile and node_modules
  const pruneDeps = install.buildTools && !o.manifestsPath && o.packageManager === 'npm' ? 'npm prune --omit=dev' : null;
  return { ...base, ...install, output, framework, memberModules, libraryPaths, pruneDeps, healthcheck: healthcheckCommand(o, probe), entrypoint, cmd };
}

function turboPrune(o: OptionsFor<'node'>): TurboPrune | null {
  if (o.pruneWith !== 'turbo') return null;
  if (!o.pruneScope) throw new OptionsError(['pruneScope: required with pruneWith "turbo" (the app\'s package name, e.g. "web")']);
  return {
    scope: o.pruneScope,
    version: o.turboVersion ?? TOOL_VERSIONS.turbo,
    // neither read nor write turbo's cache: the image starts without one, and .turbo/cache must not reach the runtime
    build: o.buildCommand ?? `turbo run build --filter=${o.pruneScope} --cache=local:,remote:`,
    buildSecrets: o.packageManager === 'yarn' ? ['npm_token'] : [],
    // turbo prune's out/json holds the manifests, not the tarballs their file: dependencies name
    tarballs: o.localTarballs ?? [],
    notRuntime: [
      ...NOT_RUNTIME,
      ...(/\.[cm]?tsx?$/.test(entryScript(o)) ? [] : TYPESCRIPT_SOURCES),
      // a server framework's app folder arrives as the framework's own copies (its output, config, public files)
      ...(frameworkRuntime(o) && o.projectRoot !== '.' ? [`./${o.projectRoot}`] : []),
    ],
  };
}

/** Never needed by a running app: dependencies come from the production install, the rest is tooling and registry settings. */
const NOT_RUNTIME = ['node_modules', '.turbo', '.git', '.yarn', '.yarnrc.yml', '.npmrc', 'turbo.json', 'tsconfig*.json', ...NODE_LOCKFILE_NAMES];
/** Compiled away when the app starts from JavaScript (kept when its entry is TypeScript, e.g. Node's type stripping). */
const TYPESCRIPT_SOURCES = ['*.ts', '*.tsx', '*.mts', '*.cts'];

/** Context-relative start script: entry is relative to outputPath when that is set, else to projectRoot. */
function entryScript(o: OptionsFor<'node'>): string {
  if (o.outputPath) return joinPath(o.outputPath, o.entry ?? 'main.js');
  return joinPath(o.projectRoot, o.entry ?? (o.buildCommand ? 'dist/index.js' : 'index.js'));
}

/** Without outputPath, a build's output is the top folder of the entry script ("dist/main.js" → dist), else dist. */
function outputFromEntry(o: OptionsFor<'node'>, entryPath: string): string {
  const rel = entryPath.slice(o.projectRoot === '.' ? 0 : o.projectRoot.length + 1);
  const top = rel.includes('/') ? rel.split('/')[0] : 'dist';
  return joinPath(o.projectRoot, top);
}


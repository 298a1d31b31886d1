// A fresh Nx workspace (23 unless told otherwise) in a temp folder, the way users have one: nx + @nx/js + docker-ms installed
// from the local registry (tarballs, not links), five apps copied from examples/.
import fs from 'node:fs';
import path from 'node:path';
import { E2E_VERSION, REPO_ROOT, log, type E2eState } from './env';
import { commitWorkspace, exec, type ExecOptions } from './exec';

export const NX_VERSION = '23.2.1';

export interface AppSpec {
  name: string;
  language: 'node' | 'python' | 'go' | 'rust' | 'java';
  /** Port the app listens on inside the container (we set PORT to it). */
  port: number;
  /** Host port published on 127.0.0.1 for the check. */
  hostPort: number;
}

export const APPS: AppSpec[] = [
  { name: 'node-api', language: 'node', port: 3000, hostPort: 18301 },
  { name: 'python-api', language: 'python', port: 8000, hostPort: 18302 },
  { name: 'go-api', language: 'go', port: 8080, hostPort: 18303 },
  { name: 'rust-api', language: 'rust', port: 8080, hostPort: 18304 },
  { name: 'java-api', language: 'java', port: 8080, hostPort: 18305 },
];

export interface Workspace {
  root: string;
  env: NodeJS.ProcessEnv;
  /** `npx nx …` in the workspace, output captured (and echoed), throws on failure. */
  nx(args: string[], opts?: ExecOptions): ReturnType<typeof exec>;
}

/** Environment for Nx commands in a test workspace: our npmrc, no daemon, cloud, TUI or prompts. */
export function nxEnv(npmrc: string | undefined): NodeJS.ProcessEnv {
  return { NPM_CONFIG_USERCONFIG: npmrc, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_INTERACTIVE: 'false', CI: 'true' };
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

/** Copies an example app without build output or files the generator writes. */
function copyApp(from: string, to: string): void {
  const skip = new Set(['node_modules', 'dist', 'target', 'Dockerfile', '.dockerignore', 'package-lock.json']);
  fs.cpSync(from, to, { recursive: true, filter: (src) => !skip.has(path.basename(src)) });
}

function writeProjectJson(root: string, name: string, extra: Record<string, unknown> = {}): void {
  fs.writeFileSync(
    path.join(root, 'project.json'),
    json({ $schema: '../../node_modules/nx/schemas/project-schema.json', name, projectType: 'application', sourceRoot: `apps/${name}`, ...extra }),
  );
}

export interface WorkspaceOptions {
  /** Folder under the run's temp dir; default `workspace`. */
  dir?: string;
  /** Nx packages and versions in devDependencies; default nx and @nx/js at NX_VERSION. */
  nxPackages?: Record<string, string>;
  /** docker-ms version to install with them; null: none (added later, e.g. with `nx add`). */
  dockerMs?: string | null;
  /** Which of APPS to copy in; default all. */
  apps?: string[];
}

export async function createWorkspace(state: E2eState, options: WorkspaceOptions = {}): Promise<Workspace> {
  const { dir = 'workspace', nxPackages = { nx: NX_VERSION, '@nx/js': NX_VERSION }, dockerMs = E2E_VERSION, apps = APPS.map((a) => a.name) } = options;
  const t0 = Date.now();
  const root = path.join(state.tmpDir as string, dir);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'apps'), { recursive: true });
  const examples = path.join(REPO_ROOT, 'examples');
  const nodeExample = JSON.parse(fs.readFileSync(path.join(examples, 'node-api/package.json'), 'utf8'));

  // Image builds reach verdaccio through the docker bridge gateway, so the workspace's .npmrc
  // (which the node template copies into the image) names that address; the host reaches it too.
  const [, buildHost] = state.registryHosts as string[];
  const registry = `http://${buildHost}:${state.registryPort}/`;
  fs.writeFileSync(path.join(root, '.npmrc'), `registry=${registry}\n//${buildHost}:${state.registryPort}/:_authToken=e2e-dummy-token\n`);
  fs.writeFileSync(path.join(root, '.nvmrc'), '26\n');
  fs.writeFileSync(path.join(root, '.gitignore'), 'node_modules/\ndist/\n.nx/\ntarget/\n');
  fs.writeFileSync(
    path.join(root, 'package.json'),
    json({
      name: 'e2e-workspace',
      version: '0.0.0',
      private: true,
      license: 'MIT',
      dependencies: nodeExample.dependencies,
      devDependencies: {
        ...nxPackages,
        ...(dockerMs ? { 'docker-ms': dockerMs } : {}),
        ...nodeExample.devDependencies,
      },
    }),
  );
  fs.writeFileSync(
    path.join(root, 'nx.json'),
    json({
      $schema: './node_modules/nx/schemas/nx-schema.json',
      namedInputs: { default: ['{projectRoot}/**/*'], production: ['default'] },
      targetDefaults: { build: { dependsOn: ['^build'], cache: true } },
    }),
  );
  fs.writeFileSync(
    path.join(root, 'tsconfig.base.json'),
    json({ compilerOptions: { target: 'es2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node'] } }),
  );

  if (apps.includes('node-api')) writeNodeApp(root, examples);
  for (const app of ['python-api', 'go-api', 'rust-api', 'java-api'].filter((a) => apps.includes(a))) {
    copyApp(path.join(examples, app), path.join(root, 'apps', app));
    writeProjectJson(path.join(root, 'apps', app), app);
  }

  const env = nxEnv(state.npmrc);
  await exec('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, env, timeout: 10 * 60_000 });
  await commitWorkspace(root, env);
  log(`workspace ${root} ready in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
  return {
    root,
    env,
    nx: (args, opts = {}) => exec('npx', ['nx', ...args], { cwd: root, env, timeout: 30 * 60_000, echo: true, ...opts }),
  };
}

function writeNodeApp(root: string, examples: string): void {
  // node: an Nx-integrated app (no package.json of its own) with an @nx/js:tsc build target writing dist/apps/node-api
  const nodeRoot = path.join(root, 'apps/node-api');
  fs.mkdirSync(nodeRoot, { recursive: true });
  fs.cpSync(path.join(examples, 'node-api/src'), path.join(nodeRoot, 'src'), { recursive: true });
  fs.writeFileSync(path.join(nodeRoot, 'tsconfig.app.json'), json({ extends: '../../tsconfig.base.json', compilerOptions: { outDir: '../../dist/out-tsc' }, include: ['src/**/*.ts'] }));
  writeProjectJson(nodeRoot, 'node-api', {
    sourceRoot: 'apps/node-api/src',
    targets: {
      build: {
        executor: '@nx/js:tsc',
        outputs: ['{options.outputPath}'],
        options: { outputPath: 'dist/apps/node-api', main: 'apps/node-api/src/main.ts', tsConfig: 'apps/node-api/tsconfig.app.json' },
      },
    },
  });
}

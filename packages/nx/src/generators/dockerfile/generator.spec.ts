import {
  addProjectConfiguration,
  logger,
  readNxJson,
  readProjectConfiguration,
  updateNxJson,
  type ProjectConfiguration,
  type Tree,
} from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { listStages } from '@docker-ms/core';
import { snapshotFiles } from '../../utils/testing';
import { dockerfileGenerator } from './generator';

/** Small real-shaped apps, one per language; each lives in apps/<name>. */
const APPS: Record<string, { files: Record<string, string>; config?: Partial<ProjectConfiguration> }> = {
  api: {
    files: { 'src/main.ts': 'console.log("api");\n' },
    config: {
      targets: {
        build: {
          executor: '@nx/esbuild:esbuild',
          outputs: ['{options.outputPath}'],
          options: { outputPath: 'dist/apps/api', main: 'apps/api/src/main.ts' },
        },
      },
    },
  },
  worker: {
    files: {
      'pyproject.toml': '[project]\nname = "worker"\nversion = "0.1.0"\nrequires-python = ">=3.12"\n',
      'requirements.txt': 'flask==3.0.0\n',
      'main.py': 'print("worker")\n',
    },
  },
  svc: { files: { 'go.mod': 'module example.com/svc\n\ngo 1.22\n', 'main.go': 'package main\n\nfunc main() {}\n' } },
  engine: {
    files: {
      'Cargo.toml': '[package]\nname = "engine"\nversion = "0.1.0"\nedition = "2021"\n',
      'src/main.rs': 'fn main() {}\n',
    },
  },
  billing: {
    files: {
      'pom.xml':
        '<project><modelVersion>4.0.0</modelVersion><groupId>com.example</groupId><artifactId>billing</artifactId><version>1.0.0</version>' +
        '<properties><maven.compiler.release>21</maven.compiler.release></properties></project>\n',
      'src/main/java/com/example/App.java': 'package com.example;\npublic class App { public static void main(String[] a) {} }\n',
    },
  },
};

const LANGUAGE_OF: Record<string, string> = { api: 'node', worker: 'python', svc: 'go', engine: 'rust', billing: 'java' };

function addApp(tree: Tree, name: string, overrides: Partial<ProjectConfiguration> = {}) {
  const app = APPS[name];
  addProjectConfiguration(tree, name, { root: `apps/${name}`, projectType: 'application', ...app.config, ...overrides });
  for (const [path, content] of Object.entries(app.files)) tree.write(`apps/${name}/${path}`, content);
}

function read(tree: Tree, path: string): string {
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`${path} was not written`);
  return text;
}

describe('dockerfile generator', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    tree.write('package.json', JSON.stringify({ name: 'ws', private: true, devDependencies: { nx: '23.2.1' } }, null, 2));
    tree.write('package-lock.json', JSON.stringify({ name: 'ws', lockfileVersion: 3, packages: {} }));
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  describe('defaults', () => {
    it('node app with an Nx build: builds from the workspace root by running the build target, ships its output', async () => {
      addApp(tree, 'api');
      await dockerfileGenerator(tree, { addPlugin: false, project: 'api' });

      const dockerfile = read(tree, 'apps/api/Dockerfile');
      expect(listStages(dockerfile).map((s) => s.name)).toEqual(['base', 'deps', 'build', 'prod-deps', 'runtime']);
      expect(dockerfile).toContain('COPY package.json package-lock.json*');
      expect(dockerfile).toContain('RUN NX_DAEMON=false NX_NO_CLOUD=true npx nx run api:build --skip-sync\n');
      expect(dockerfile).toContain('COPY --from=build /app/dist/apps/api ./dist/apps/api');
      expect(dockerfile).toContain('CMD ["dist/apps/api/main.js"]');
      expect(dockerfile).toMatch(/^USER \d+$/m);
      // the context is the workspace root: BuildKit reads the allowlist beside the Dockerfile, other builders the root filter
      expect(read(tree, 'apps/api/Dockerfile.dockerignore')).toMatch(/^\*\n!apps\/api\/\*\*\n/m);
      expect(read(tree, 'apps/api/Dockerfile.dockerignore')).toContain('**/node_modules');
      expect(read(tree, '.dockerignore')).toContain('**/node_modules');
      expect(read(tree, '.dockerignore')).not.toMatch(/^!/m);
      expect(tree.exists('apps/api/.dockerignore')).toBe(false);

      expect(readProjectConfiguration(tree, 'api').targets?.['docker-build']).toEqual({
        executor: 'docker-ms:build',
        options: { file: 'apps/api/Dockerfile', context: '.', target: 'runtime', metadataFile: 'dist/docker/apps/api/metadata.json' },
        configurations: {
          base: { target: 'base' },
          deps: { target: 'deps' },
          build: { target: 'build' },
          'prod-deps': { target: 'prod-deps' },
          runtime: { target: 'runtime' },
        },
        // no dependsOn: the image runs the build itself, so building on the host first would build the app twice
        outputs: ['{options.metadataFile}'],
        // COPY . . under the allowlist: the app's closure, not the whole workspace
        inputs: expect.arrayContaining(['{projectRoot}/Dockerfile', '{workspaceRoot}/package.json', '{workspaceRoot}/apps/api/**/*', '{workspaceRoot}/nx.json']),
        metadata: expect.objectContaining({ technologies: ['docker'] }),
      });
    });

    it('node app from the workspace root: the allowlist holds the app, the libraries it depends on and the root manifests', async () => {
      addApp(tree, 'api', { implicitDependencies: ['shared'] });
      addApp(tree, 'worker');
      addProjectConfiguration(tree, 'shared', { root: 'libs/shared', projectType: 'library', implicitDependencies: ['util'] });
      addProjectConfiguration(tree, 'util', { root: 'libs/util', projectType: 'library' });
      addProjectConfiguration(tree, 'unused', { root: 'libs/unused', projectType: 'library' });
      await dockerfileGenerator(tree, { addPlugin: false, project: 'api' });
      const included = read(tree, 'apps/api/Dockerfile.dockerignore').split('\n').filter((l) => l.startsWith('!'));
      expect(included).toEqual(['!apps/api/**', '!libs/shared/**', '!libs/util/**', '!nx.json', '!package-lock.json', '!package.json', '!tsconfig.base.json']);
      // and the Nx task hashes only that closure: a change in another app or library leaves it cached
      const inputs = readProjectConfiguration(tree, 'api').targets?.['docker-build'].inputs as string[];
      expect(inputs).toEqual(expect.arrayContaining(['{workspaceRoot}/apps/api/**/*', '{workspaceRoot}/libs/shared/**/*', '{workspaceRoot}/libs/util/**/*']));
      expect(inputs.filter((i) => typeof i === 'string' && /\*\*\/\*$/.test(i) && !/apps\/api|libs\/(shared|util)/.test(i))).toEqual([]);
    });

    it('the workspace-root allowlist never re-includes credential files, and excludes them inside the closure', async () => {
      addApp(tree, 'api');
      for (const file of ['.npmrc', '.yarnrc', '.netrc', 'apps/api/.npmrc', 'apps/api/.env.local', 'apps/api/id_rsa', 'apps/api/tls.pem']) tree.write(file, 'secret');
      await dockerfileGenerator(tree, { project: 'api' });
      const lines = read(tree, 'apps/api/Dockerfile.dockerignore').split('\n');
      expect(lines.filter((l) => l.startsWith('!') && /npmrc|yarnrc|netrc|\.env|id_rsa|\.pem/.test(l))).toEqual([]);
      const exclusions = lines.slice(lines.indexOf('# excluded inside the closure'));
      expect(exclusions).toEqual(expect.arrayContaining(['**/.npmrc', '**/.netrc', '**/.env*', '**/id_rsa*', '**/*.pem', '**/*.key', '**/.ssh']));
    });

    it('node app in an npm workspace (TS-solution layout): member manifests go in before both installs, no pruned manifests', async () => {
      tree.write('package.json', JSON.stringify({ name: 'ws', private: true, workspaces: ['apps/*', 'libs/*'], devDependencies: { nx: '23.2.1', '@nx/js': '23.2.1' } }));
      addApp(tree, 'api');
      tree.write('apps/api/package.json', JSON.stringify({ name: '@ws/api', dependencies: { '@ws/shared': '*' } }));
      // the package.json @nx/js:library writes in TS-solution workspaces: a source condition for the editor, dist for Node
      tree.write('libs/shared/package.json', JSON.stringify({
        name: '@ws/shared', type: 'module', main: './dist/index.js', types: './dist/index.d.ts',
        exports: { './package.json': './package.json', '.': { '@ws/source': './src/index.ts', types: './dist/index.d.ts', import: './dist/index.js', default: './dist/index.js' } },
      }));
      tree.write('libs/other/package.json', JSON.stringify({ name: '@ws/other' }));
      await dockerfileGenerator(tree, { addPlugin: false, project: 'api' });
      const dockerfile = read(tree, 'apps/api/Dockerfile');
      expect(dockerfile).toContain('COPY package.json package-lock.json* npm-shrinkwrap.json* ./\nCOPY apps/api/package.json apps/api/\nCOPY libs/shared/package.json libs/shared/\n# Registry credentials only as BuildKit secrets on the install steps: never in a layer\nRUN ');
      expect(dockerfile).not.toContain('libs/other');
      expect(dockerfile).not.toContain('dist/docker');
      expect(read(tree, 'apps/api/Dockerfile.dockerignore')).toContain('!libs/shared/**');
      // the runtime gets the library where the node_modules link points: its package.json and built output, no sources
      const runtime = dockerfile.slice(dockerfile.indexOf(' AS runtime'));
      expect(runtime).toContain('COPY --from=prod-deps /app/node_modules ./node_modules\n');
      expect(runtime).toContain('COPY --from=prod-deps /app/libs/shared/node_modules ./libs/shared/node_modules\n');
      expect(runtime).toContain('COPY --from=build /app/libs/shared/package.json ./libs/shared/package.json\nCOPY --from=build /app/libs/shared/dist ./libs/shared/dist\n');
      expect(runtime).not.toMatch(/libs\/shared\/src|libs\/other/);
    });

    it('node app with @nx/js in the workspace: the production install reads the pruned manifests the executor writes', async () => {
      tree.write('package.json', JSON.stringify({ name: 'ws', private: true, devDependencies: { nx: '23.2.1', '@nx/js': '23.2.1' } }));
      addApp(tree, 'api');
      await dockerfileGenerator(tree, { addPlugin: false, project: 'api' });
      const dockerfile = read(tree, 'apps/api/Dockerfile');
      expect(dockerfile).toContain('COPY dist/docker/apps/api/package.json dist/docker/apps/api/package-lock.json* dist/docker/apps/api/npm-shrinkwrap.json* ./');
      expect(dockerfile).toContain('COPY package.json package-lock.json* npm-shrinkwrap.json* ./');
      expect(read(tree, 'apps/api/Dockerfile.dockerignore').trimEnd().split('\n').at(-1)).toBe('!dist/docker/apps/api');
    });

    it.each([
      ['worker', /^FROM python:3\.14/m],
      ['svc', /^FROM golang:1\.22/m],
      ['engine', /^FROM rust:/m],
      ['billing', /^FROM maven:/m],
    ])('%s: detected language, project-root context, .dockerignore beside the Dockerfile', async (name, from) => {
      addApp(tree, name);
      await dockerfileGenerator(tree, { addPlugin: false, project: name });
      const dockerfile = read(tree, `apps/${name}/Dockerfile`);
      expect(dockerfile).toMatch(from);
      expect(listStages(dockerfile).at(-1)?.name).toBe('runtime');
      expect(tree.exists(`apps/${name}/.dockerignore`)).toBe(true);
      expect(tree.exists('.dockerignore')).toBe(false);
      const target = readProjectConfiguration(tree, name).targets?.['docker-build'];
      expect(target?.options).toEqual({
        file: `apps/${name}/Dockerfile`,
        context: `apps/${name}`,
        target: 'runtime',
        metadataFile: `dist/docker/apps/${name}/metadata.json`,
      });
      expect(Object.keys(target?.configurations ?? {})).toEqual(listStages(dockerfile).map((s) => s.name));
      expect(target?.dependsOn).toBeUndefined();
    });

    it('node app with its own package.json and lockfile builds from its own folder', async () => {
      addProjectConfiguration(tree, 'site', { root: 'apps/site', projectType: 'application' });
      tree.write('apps/site/package.json', JSON.stringify({ name: 'site', dependencies: { express: '4.0.0' }, scripts: { start: 'node index.js' } }));
      tree.write('apps/site/package-lock.json', '{"lockfileVersion":3}');
      tree.write('apps/site/index.js', 'require("express")\n');
      await dockerfileGenerator(tree, { addPlugin: false, project: 'site' });
      expect(readProjectConfiguration(tree, 'site').targets?.['docker-build']?.options?.context).toBe('apps/site');
      expect(read(tree, 'apps/site/Dockerfile')).toContain('CMD ["index.js"]');
      expect(tree.exists('apps/site/.dockerignore')).toBe(true);
    });
  });

  describe('options', () => {
    it.each<[string, Record<string, unknown>, RegExp]>([
      ['language + packageManager', { language: 'python', packageManager: 'uv' }, /uv/],
      ['variant', { variant: 'alpine' }, /^FROM node:26-alpine/m],
      ['baseRuntime', { baseRuntime: 'registry.example.com/base/node:22' }, /^FROM registry\.example\.com\/base\/node:22 AS runtime$/m],
      ['baseBuild', { baseBuild: 'registry.example.com/base/node-build:22' }, /^FROM registry\.example\.com\/base\/node-build:22 AS base$/m],
      ['port', { port: 8080 }, /^EXPOSE 8080$/m],
      ['user', { user: '10001' }, /^USER 10001$/m],
      ['cacheMounts false', { cacheMounts: false }, /^RUN if \[ -f package-lock\.json \]/m],
      ['healthcheck', { healthcheck: '/healthz', port: 3000 }, /^HEALTHCHECK .*http:\/\/127\.0\.0\.1:3000\/healthz/m],
      ['labels', { labels: { 'org.opencontainers.image.vendor': 'ACME' } }, /^LABEL "org\.opencontainers\.image\.vendor"="ACME"$/m],
      ['registryMirror', { registryMirror: 'mirror.example.com/hub' }, /^FROM mirror\.example\.com\/hub\/(library\/)?node:26-trixie-slim/m],
      ['runtimeVersion', { runtimeVersion: '20' }, /^FROM node:20-trixie-slim/m],
      ['entry', { entry: 'server.js' }, /CMD \["dist\/apps\/api\/server\.js"\]/],
      ['startCommand', { startCommand: ['node', 'dist/apps/api/main.js', '--port', '1'] }, /ENTRYPOINT \[.*"--port","1"\]/],
      ['buildCommand', { buildCommand: 'npm run build:api' }, /^RUN npm run build:api$/m],
      ['outputPath', { outputPath: 'build/api' }, /COPY --from=build \/app\/build\/api \.\/build\/api/],
    ])('%s', async (_label, options, expected) => {
      addApp(tree, 'api');
      await dockerfileGenerator(tree, { addPlugin: false, project: 'api', ...options });
      expect(read(tree, 'apps/api/Dockerfile')).toMatch(expected);
    });

    it('target: the docker-build target stops at that stage unless a configuration says otherwise', async () => {
      addApp(tree, 'svc');
      await dockerfileGenerator(tree, { addPlugin: false, project: 'svc', target: 'build' });
      // the file still ends with runtime; only the default build target changes
      expect(listStages(read(tree, 'apps/svc/Dockerfile')).at(-1)?.name).toBe('runtime');
      const target = readProjectConfiguration(tree, 'svc').targets?.['docker-build'];
      expect(target?.options?.target).toBe('build');
      expect(target?.configurations?.runtime).toEqual({ target: 'runtime' });
    });

    it('target: an unknown stage lists the real ones', async () => {
      addApp(tree, 'svc');
      await expect(dockerfileGenerator(tree, { addPlugin: false, project: 'svc', target: 'prod' })).rejects.toThrow('target: must be one of deps, build, runtime (got "prod")');
    });

    it('projectRoot given by hand: builds go/svc from the workspace root', async () => {
      addApp(tree, 'svc');
      await dockerfileGenerator(tree, { addPlugin: false, project: 'svc', projectRoot: 'apps/svc' });
      expect(read(tree, 'apps/svc/Dockerfile')).toContain('COPY apps/svc/go.mod');
      expect(readProjectConfiguration(tree, 'svc').targets?.['docker-build']?.options?.context).toBe('.');
    });

    it('targetName names the written target', async () => {
      addApp(tree, 'svc');
      await dockerfileGenerator(tree, { addPlugin: false, project: 'svc', targetName: 'container' });
      expect(Object.keys(readProjectConfiguration(tree, 'svc').targets ?? {})).toEqual(['container']);
    });

    it('skipFormat: false formats without failing', async () => {
      addApp(tree, 'svc');
      await expect(dockerfileGenerator(tree, { addPlugin: false, project: 'svc', skipFormat: false })).resolves.toBeUndefined();
    });
  });

  describe('existing files', () => {
    const OWN = 'FROM alpine:3.20 AS build\nRUN echo hi\nFROM alpine:3.20 AS final\nUSER 65534\n';

    it('keeps an existing Dockerfile and .dockerignore, and says so; the target follows the kept file', async () => {
      addApp(tree, 'svc');
      tree.write('apps/svc/Dockerfile', OWN);
      tree.write('apps/svc/.dockerignore', 'mine\n');
      await dockerfileGenerator(tree, { addPlugin: false, project: 'svc' });
      expect(read(tree, 'apps/svc/Dockerfile')).toBe(OWN);
      expect(read(tree, 'apps/svc/.dockerignore')).toBe('mine\n');
      expect(logger.info).toHaveBeenCalledWith(expect.stringContaining('kept existing apps/svc/Dockerfile (pass --overwrite'));
      const target = readProjectConfiguration(tree, 'svc').targets?.['docker-build'];
      expect(target?.configurations).toEqual({ build: { target: 'build' }, final: { target: 'final' } });
      expect(target?.options?.target).toBe('final');
    });

    it('--overwrite replaces them', async () => {
      addApp(tree, 'svc');
      tree.write('apps/svc/Dockerfile', OWN);
      tree.write('apps/svc/.dockerignore', 'mine\n');
      await dockerfileGenerator(tree, { addPlugin: false, project: 'svc', overwrite: true });
      expect(read(tree, 'apps/svc/Dockerfile')).toMatch(/^FROM golang/m);
      expect(read(tree, 'apps/svc/.dockerignore')).not.toBe('mine\n');
    });

    it('keeps a docker-build target the user already has (same executor)', async () => {
      addApp(tree, 'svc', { targets: { 'docker-build': { executor: 'docker-ms:build', options: { tags: ['svc:mine'] } } } });
      await dockerfileGenerator(tree, { addPlugin: false, project: 'svc' });
      expect(readProjectConfiguration(tree, 'svc').targets?.['docker-build']).toEqual({ executor: 'docker-ms:build', options: { tags: ['svc:mine'] } });
      expect(logger.info).toHaveBeenCalledWith('svc: kept existing target docker-build (pass --overwrite to replace it)');
    });

    it('never touches a root .dockerignore that already exists', async () => {
      tree.write('.dockerignore', 'node_modules\n');
      addApp(tree, 'api');
      await dockerfileGenerator(tree, { addPlugin: false, project: 'api', overwrite: true });
      expect(read(tree, '.dockerignore')).toBe('node_modules\n');
    });
  });

  describe('running twice', () => {
    it.each(Object.keys(APPS))('%s: the second run changes nothing', async (name) => {
      addApp(tree, name);
      await dockerfileGenerator(tree, { addPlugin: false, project: name });
      const before = snapshotFiles(tree);
      await dockerfileGenerator(tree, { addPlugin: false, project: name });
      expect(snapshotFiles(tree)).toEqual(before);
    });

    it('--all twice, and with --overwrite, changes nothing', async () => {
      for (const name of Object.keys(APPS)) addApp(tree, name);
      await dockerfileGenerator(tree, { addPlugin: false, all: true });
      const before = snapshotFiles(tree);
      await dockerfileGenerator(tree, { addPlugin: false, all: true });
      await dockerfileGenerator(tree, { addPlugin: false, all: true, overwrite: true });
      expect(snapshotFiles(tree)).toEqual(before);
    });
  });

  describe('--all', () => {
    it('writes every application, skipping libraries, e2e projects and the root project', async () => {
      for (const name of Object.keys(APPS)) addApp(tree, name);
      addProjectConfiguration(tree, 'shared', { root: 'libs/shared', projectType: 'library' });
      tree.write('libs/shared/package.json', '{"name":"shared","dependencies":{"x":"1"}}');
      addProjectConfiguration(tree, 'api-e2e', { root: 'apps/api-e2e', projectType: 'application' });
      tree.write('apps/api-e2e/package.json', '{"name":"api-e2e","dependencies":{"x":"1"}}');
      await dockerfileGenerator(tree, { addPlugin: false, all: true });
      for (const name of Object.keys(APPS)) {
        expect(read(tree, `apps/${name}/Dockerfile`)).toMatch(/AS runtime$/m);
        expect(readProjectConfiguration(tree, name).targets?.['docker-build']?.executor).toBe('docker-ms:build');
      }
      expect(tree.exists('libs/shared/Dockerfile')).toBe(false);
      expect(tree.exists('apps/api-e2e/Dockerfile')).toBe(false);
    });

    it('counts a project without projectType when it can be served or started', async () => {
      addProjectConfiguration(tree, 'site', { root: 'apps/site', targets: { start: { command: 'node index.js' } } });
      tree.write('apps/site/package.json', JSON.stringify({ name: 'site', dependencies: { express: '4.0.0' } }));
      tree.write('apps/site/index.js', '');
      addProjectConfiguration(tree, 'tools', { root: 'libs/tools', targets: { build: { command: 'tsc' } } });
      tree.write('libs/tools/package.json', JSON.stringify({ name: 'tools', dependencies: { x: '1' } }));
      await dockerfileGenerator(tree, { addPlugin: false, all: true });
      expect(tree.exists('apps/site/Dockerfile')).toBe(true);
      expect(tree.exists('libs/tools/Dockerfile')).toBe(false);
    });

    it('checks every project first: one line per failing project, nothing written', async () => {
      addApp(tree, 'svc');
      addApp(tree, 'worker', { targets: { 'docker-build': { command: 'docker build .' } } });
      addProjectConfiguration(tree, 'empty', { root: 'apps/empty', projectType: 'application' });
      tree.write('apps/empty/README.md', 'nothing to build\n');
      const before = snapshotFiles(tree);
      const error = await dockerfileGenerator(tree, { addPlugin: false, all: true }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      const lines = (error as Error).message.split('\n');
      expect(lines).toEqual([
        expect.stringMatching(/^apps\/empty: no language detected.*--language/),
        expect.stringMatching(/^worker: Target "docker-build" .* --targetName$/),
        'Nothing was written.',
      ]);
      expect(snapshotFiles(tree)).toEqual(before);
    });

    it('says so when there is no application', async () => {
      addProjectConfiguration(tree, 'shared', { root: 'libs/shared', projectType: 'library' });
      await expect(dockerfileGenerator(tree, { addPlugin: false, all: true })).rejects.toThrow(/no application projects.*nx g docker-ms:dockerfile <project>/);
    });
  });

  it('warns (logger.warn) when the app binds a loopback address no variable changes', async () => {
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    addProjectConfiguration(tree, 'flaskapp', { root: 'apps/flaskapp', projectType: 'application' });
    tree.write('apps/flaskapp/requirements.txt', 'flask\n');
    tree.write('apps/flaskapp/app.py', 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run()\n');
    await dockerfileGenerator(tree, { addPlugin: false, project: 'flaskapp' });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^flaskapp: app\.py: Flask app\.run\(…\) binds 127\.0\.0\.1 \(its default without host=\) \(line 4\), and no environment variable changes it/));
    expect(read(tree, 'apps/flaskapp/Dockerfile')).toMatch(/^EXPOSE 5000$/m);
  });

  describe("Nx's addPlugin convention", () => {
    const saved = process.env.NX_ADD_PLUGINS;
    afterEach(() => {
      if (saved === undefined) delete process.env.NX_ADD_PLUGINS;
      else process.env.NX_ADD_PLUGINS = saved;
    });

    it('registers the plugin in nx.json and writes no target (inference does it)', async () => {
      delete process.env.NX_ADD_PLUGINS;
      addApp(tree, 'svc');
      const projectJson = read(tree, 'apps/svc/project.json');
      await dockerfileGenerator(tree, { project: 'svc' });
      expect(readNxJson(tree)?.plugins).toEqual([{ plugin: 'docker-ms', options: { buildTargetName: 'docker-build' } }]);
      expect(read(tree, 'apps/svc/project.json')).toBe(projectJson);
      expect(tree.exists('apps/svc/Dockerfile')).toBe(true);
    });

    it('--targetName becomes the plugin\'s buildTargetName', async () => {
      delete process.env.NX_ADD_PLUGINS;
      addApp(tree, 'svc');
      await dockerfileGenerator(tree, { project: 'svc', targetName: 'image' });
      expect(readNxJson(tree)?.plugins).toEqual([{ plugin: 'docker-ms', options: { buildTargetName: 'image' } }]);
    });

    it.each([
      ['--addPlugin=false', { addPlugin: false }, undefined, undefined],
      ['NX_ADD_PLUGINS=false', {}, 'false', undefined],
      ['useInferencePlugins: false', {}, undefined, false],
    ])('%s writes the target into the project and leaves nx.json alone', async (_what, flags, env, inference) => {
      if (env === undefined) delete process.env.NX_ADD_PLUGINS;
      else process.env.NX_ADD_PLUGINS = env;
      if (inference === false) updateNxJson(tree, { ...readNxJson(tree), useInferencePlugins: false });
      addApp(tree, 'svc');
      await dockerfileGenerator(tree, { project: 'svc', ...flags });
      expect(readNxJson(tree)?.plugins ?? []).toEqual([]);
      expect(readProjectConfiguration(tree, 'svc').targets?.['docker-build']?.executor).toBe('docker-ms:build');
    });

    it('registers nothing when a project fails', async () => {
      delete process.env.NX_ADD_PLUGINS;
      addProjectConfiguration(tree, 'empty', { root: 'apps/empty', projectType: 'application' });
      tree.write('apps/empty/README.md', '# nothing\n');
      await expect(dockerfileGenerator(tree, { project: 'empty' })).rejects.toThrow(/no language detected/);
      expect(readNxJson(tree)?.plugins ?? []).toEqual([]);
    });
  });

  describe('with the plugin registered', () => {
    beforeEach(() => {
      updateNxJson(tree, { ...readNxJson(tree), plugins: [{ plugin: 'docker-ms', options: { buildTargetName: 'docker-build' } }] });
    });

    it('writes the files but no target: createNodes infers it from the Dockerfile', async () => {
      addApp(tree, 'svc');
      const projectJson = read(tree, 'apps/svc/project.json');
      await dockerfileGenerator(tree, { addPlugin: false, project: 'svc' });
      expect(tree.exists('apps/svc/Dockerfile')).toBe(true);
      expect(read(tree, 'apps/svc/project.json')).toBe(projectJson);
    });

    it('writes a target under another name than the plugin infers', async () => {
      addApp(tree, 'svc');
      await dockerfileGenerator(tree, { addPlugin: false, project: 'svc', targetName: 'image' });
      expect(Object.keys(readProjectConfiguration(tree, 'svc').targets ?? {})).toEqual(['image']);
    });
  });

  describe('Nx metadata', () => {
    it('settles a tie between languages with the build executor', async () => {
      addProjectConfiguration(tree, 'ml', { root: 'apps/ml', projectType: 'application', targets: { build: { executor: '@nxlv/python:build' } } });
      tree.write('apps/ml/package.json', JSON.stringify({ name: 'ml', dependencies: { 'left-pad': '1.0.0' } }));
      tree.write('apps/ml/pyproject.toml', '[project]\nname = "ml"\nversion = "0.1.0"\n');
      tree.write('apps/ml/main.py', 'print(1)\n');
      await dockerfileGenerator(tree, { addPlugin: false, project: 'ml' });
      expect(read(tree, 'apps/ml/Dockerfile')).toMatch(/^FROM python:/m);
      expect(logger.info).toHaveBeenCalledWith('ml: language python from Nx (target "build" uses @nxlv/python:build)');
    });
  });

  describe('writes only to the Tree (what --dry-run previews)', () => {
    it('lists exactly the files it creates or updates', async () => {
      addApp(tree, 'svc');
      const before = new Set(tree.listChanges().map((c) => c.path));
      await dockerfileGenerator(tree, { addPlugin: false, project: 'svc' });
      const changed = tree.listChanges().map((c) => c.path).filter((p) => !before.has(p) || p === 'apps/svc/project.json');
      expect(changed.sort()).toEqual(['apps/svc/.dockerignore', 'apps/svc/Dockerfile', 'apps/svc/project.json']);
    });
  });

  describe('errors name the fix', () => {
    it('unknown project → close names', async () => {
      addApp(tree, 'api');
      addApp(tree, 'svc');
      await expect(dockerfileGenerator(tree, { addPlugin: false, project: 'apii' })).rejects.toThrow('Cannot find project "apii"; did you mean "api"?');
    });

    it('no project and no --all', async () => {
      await expect(dockerfileGenerator(tree, { addPlugin: false })).rejects.toThrow(/nx g docker-ms:dockerfile <project>.*--all/);
    });

    it('undetectable language → what was looked for and --language', async () => {
      addProjectConfiguration(tree, 'empty', { root: 'apps/empty', projectType: 'application' });
      tree.write('apps/empty/README.md', '');
      await expect(dockerfileGenerator(tree, { addPlugin: false, project: 'empty' })).rejects.toThrow(/checked .*go\.mod.*--language/);
    });

    it('target name taken by another executor → --targetName', async () => {
      addApp(tree, 'svc', { targets: { 'docker-build': { executor: 'nx:run-commands', options: { command: 'docker build .' } } } });
      await expect(dockerfileGenerator(tree, { addPlugin: false, project: 'svc' })).rejects.toThrow(
        'Target "docker-build" of project "svc" already runs nx:run-commands; choose another name with --targetName',
      );
      expect(tree.exists('apps/svc/Dockerfile')).toBe(false);
    });

    it('a bad option value → core names the option and what it accepts', async () => {
      addApp(tree, 'svc');
      await expect(dockerfileGenerator(tree, { addPlugin: false, project: 'svc', port: 70000 })).rejects.toThrow(/^port: /m);
      await expect(dockerfileGenerator(tree, { addPlugin: false, project: 'svc', packageManager: 'npm' })).rejects.toThrow(/packageManager: must be one of go/);
      expect(tree.exists('apps/svc/Dockerfile')).toBe(false);
    });

    it('unknown options and bad flags (programmatic calls skip schema.json)', async () => {
      addApp(tree, 'svc');
      const call = { project: 'svc', prot: 80, overwrite: 'yes', targetName: 'a b' } as unknown as Parameters<typeof dockerfileGenerator>[1];
      const message = await dockerfileGenerator(tree, call).then(() => '', (e: Error) => e.message);
      expect(message.split('\n').sort()).toEqual([
        '--overwrite: Invalid input: expected boolean, received string',
        '--prot: unknown option (did you mean --port?)',
        '--targetName: must be a target name of letters, digits and ":_.-" (e.g. docker-build)',
      ]);
    });
  });
});

describe('dockerfile generator: a server framework built by an Nx target', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    tree.write('package.json', JSON.stringify({ name: 'ws', private: true, devDependencies: { nx: '23.2.1' } }, null, 2));
    tree.write('package-lock.json', JSON.stringify({ name: 'ws', lockfileVersion: 3, packages: {} }));
    tree.write('apps/shop/package.json', JSON.stringify({
      name: 'shop', private: true, type: 'module',
      scripts: { build: 'react-router build', start: 'react-router-serve ./build/server/index.js' },
      dependencies: { '@react-router/node': '^7.9.2', '@react-router/serve': '^7.9.2', react: '^19.1.1', 'react-router': '^7.9.2' },
      devDependencies: { '@react-router/dev': '^7.9.2' },
    }));
    tree.write('apps/shop/react-router.config.ts', 'import type { Config } from "@react-router/dev/config";\nexport default { ssr: true } satisfies Config;\n');
    tree.write('apps/shop/app/root.tsx', 'export default function App() { return null; }\n');
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it("the target runs the framework's CLI into the app folder (outputs {projectRoot}/build): the framework's copies and start", async () => {
    addProjectConfiguration(tree, 'shop', {
      root: 'apps/shop',
      projectType: 'application',
      targets: { build: { command: 'react-router build', options: { cwd: 'apps/shop' }, outputs: ['{projectRoot}/build'] } },
    });
    await dockerfileGenerator(tree, { addPlugin: false, project: 'shop' });
    const dockerfile = tree.read('apps/shop/Dockerfile', 'utf-8') ?? '';
    expect(dockerfile).toContain('RUN NX_DAEMON=false NX_NO_CLOUD=true npx nx run shop:build --skip-sync\n');
    expect(dockerfile).toContain('COPY --from=build /app/apps/shop/build ./apps/shop/build\n');
    expect(dockerfile).toContain('WORKDIR /app/apps/shop\n');
    expect(dockerfile).toContain('CMD ["/app/node_modules/@react-router/serve/bin.js","build/server/index.js"]');
  });
});

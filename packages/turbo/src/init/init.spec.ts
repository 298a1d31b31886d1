import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'jsonc-parser';
import { initTurboWorkspace } from './init';
import { dockerBuildTask } from './turbo-json';
import { read, readJson, snapshotFiles, turboFixture, writeFiles } from '../testing/temp-workspace';
import { initCommand } from '../cli/init-command';

const GO_DOCKERFILE = 'FROM golang:1.22-bookworm AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n';
const PRUNED_DOCKERFILE = 'FROM node:22-bookworm-slim AS base\nFROM base AS prune\nCOPY . .\nRUN turbo prune web --docker\n';

describe('initTurboWorkspace', () => {
  it('writes the generators config, the docker-build task and scripts for packages with a Dockerfile', () => {
    const root = turboFixture({ 'apps/gosvc/Dockerfile': GO_DOCKERFILE, 'apps/web/Dockerfile': PRUNED_DOCKERFILE });
    const changes = initTurboWorkspace(root);
    expect(changes.map((c) => [c.path, c.status])).toEqual([
      ['turbo/generators/config.js', 'created'],
      ['turbo.json', 'updated'],
      ['apps/gosvc/package.json', 'updated'],
      ['apps/web/package.json', 'updated'],
    ]);
    expect(read(root, 'turbo/generators/config.js')).toContain('module.exports = async function generator(plop)');
    expect(read(root, 'turbo/generators/config.js')).toContain('await plop.load("@docker-ms/turbo");');
    const turbo = read(root, 'turbo.json');
    expect(turbo).toContain('// build everything');
    const config = parse(turbo);
    expect(config.tasks.build).toEqual({ dependsOn: ['^build'], outputs: ['dist/**'] });
    expect(config.tasks['docker-build']).toEqual(dockerBuildTask);
    expect(config.tasks['docker-build']).toMatchObject({ cache: false, dependsOn: ['^build'] });
    expect(config.tasks['docker-build'].passThroughEnv).toEqual(expect.arrayContaining(['DOCKER_*', 'BUILDKIT_*', 'NPM_TOKEN', 'TURBO_TOKEN', 'NPM_CONFIG_USERCONFIG', 'NETRC', 'PIP_INDEX_URL']));
    expect(readJson(root, 'apps/gosvc/package.json').scripts['docker-build']).toBe('docker-ms build .');
    expect(readJson(root, 'apps/web/package.json').scripts['docker-build']).toBe('docker-ms build . --context ../..');
    expect(readJson(root, 'apps/api/package.json').scripts).toBeUndefined();
  });

  it('is idempotent: a second run changes no file', () => {
    const root = turboFixture({ 'apps/gosvc/Dockerfile': GO_DOCKERFILE });
    initTurboWorkspace(root);
    const before = snapshotFiles(root);
    const again = initTurboWorkspace(root);
    expect(again.every((c) => c.status === 'unchanged')).toBe(true);
    expect(snapshotFiles(root)).toEqual(before);
  });

  it("leaves the user's generators config and docker-build task alone, naming what to add", () => {
    const root = turboFixture({
      'turbo/generators/config.ts': 'import type { PlopTypes } from "@turbo/gen";\nexport default function (plop: PlopTypes.NodePlopAPI) {}\n',
      'turbo.json': { tasks: { 'docker-build': { cache: false, outputs: [] } } },
    });
    const before = snapshotFiles(root);
    const changes = initTurboWorkspace(root);
    expect(changes[0]).toEqual({
      path: 'turbo/generators/config.ts',
      status: 'skipped',
      note: 'yours; add `await plop.load("@docker-ms/turbo")` to its generator function',
    });
    expect(changes[1]).toMatchObject({ path: 'turbo.json', status: 'skipped' });
    expect(fs.existsSync(path.join(root, 'turbo/generators/config.js'))).toBe(false);
    expect(snapshotFiles(root)).toEqual(before);
  });

  it('recognises a config that already loads the pack, and writes ESM for "type": "module" workspaces', () => {
    const loads = turboFixture({ 'turbo/generators/config.cjs': 'module.exports = (plop) => plop.load("@docker-ms/turbo");\n' });
    expect(initTurboWorkspace(loads)[0]).toEqual({ path: 'turbo/generators/config.cjs', status: 'unchanged' });

    const esm = turboFixture({ 'package.json': { name: 'm', type: 'module', workspaces: ['apps/*'] } });
    initTurboWorkspace(esm);
    expect(read(esm, 'turbo/generators/config.js')).toMatch(/^export default async function generator\(plop\)/);
  });

  it('keeps tab indentation and uses "pipeline" for turbo 1.x files', () => {
    const root = turboFixture({ 'turbo.json': '{\n\t"pipeline": {\n\t\t"build": {}\n\t}\n}\n' });
    initTurboWorkspace(root);
    const text = read(root, 'turbo.json');
    expect(text).toMatch(/\n\t\t"docker-build": \{\n\t\t\t"dependsOn"/);
    expect(parse(text).pipeline['docker-build'].cache).toBe(false);
    expect(parse(text).tasks).toBeUndefined();
  });

  it('refuses a folder without turbo.json', () => {
    const root = turboFixture();
    fs.rmSync(path.join(root, 'turbo.json'));
    expect(() => initTurboWorkspace(root)).toThrow(/no turbo\.json; run docker-ms init at the root of a Turborepo workspace/);
  });
});

describe('docker-ms init (CLI command)', () => {
  const io = (cwd: string) => {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { cwd, out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
  };

  it('finds the workspace root from a package folder and prints one line per file', async () => {
    const root = turboFixture();
    writeFiles(root, { 'apps/gosvc/Dockerfile': GO_DOCKERFILE });
    const run = io(path.join(root, 'apps', 'gosvc'));
    expect(await initCommand.run([], run.io)).toBe(0);
    expect(run.out).toEqual([
      'created   turbo/generators/config.js',
      'updated   turbo.json (task docker-build)',
      'updated   apps/gosvc/package.json (script docker-build: docker-ms build .)',
    ]);
  });

  it('fails with one line outside a Turborepo workspace, and rejects unknown flags', async () => {
    const root = turboFixture();
    fs.rmSync(path.join(root, 'turbo.json'));
    const run = io(root);
    expect(await initCommand.run([root], run.io)).toBe(2);
    expect(run.err).toEqual([`${root}: no turbo.json; run docker-ms init at the root of a Turborepo workspace (or pass its folder)`]);
    await expect(initCommand.run(['--force'], run.io)).rejects.toThrow(/unknown option --force for docker-ms init/);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CreateNodesContext } from '@nx/devkit';
import { addManagedHeader, contextDockerignore } from '@docker-ms/core';
import { createNodes, createNodesV2 } from './plugin';

const NODE_DOCKERFILE = [
  'FROM node:22-bookworm-slim AS deps',
  'WORKDIR /app',
  'COPY package.json package-lock.json ./',
  'RUN npm ci',
  'FROM node:22-bookworm-slim AS build',
  'WORKDIR /app',
  'COPY --from=deps /app/node_modules ./node_modules',
  'COPY apps/api ./apps/api',
  'RUN npx tsc -p apps/api',
  'FROM gcr.io/distroless/nodejs22-debian12:nonroot AS runtime',
  'COPY --from=build /app/dist /app',
  'USER 65532',
  'CMD ["/app/main.js"]',
  '',
].join('\n');

const GO_DOCKERFILE = [
  'FROM golang:1.22-bookworm AS build',
  'WORKDIR /src',
  'COPY go.mod go.sum ./',
  'COPY . .',
  'RUN go build -o /out/app .',
  'FROM gcr.io/distroless/static-debian12:nonroot AS runtime',
  'COPY --from=build /out/app /app',
  'USER 65532',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');

describe('createNodes', () => {
  let root: string;
  let context: CreateNodesContext;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const run = (files: string[], options?: { buildTargetName?: string }) => createNodes[1](files, options, context);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docker-ms-plugin-'));
    context = { workspaceRoot: root, nxJsonConfiguration: {} };
    write('package.json', '{"name":"ws"}');
    write('package-lock.json', '{}');
    write('nx.json', '{}');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('matches files named Dockerfile and is exported under both names', () => {
    expect(createNodes[0]).toBe('**/Dockerfile');
    expect(createNodesV2).toBe(createNodes);
  });

  it('infers docker-build with one configuration per stage, workspace-root context from the COPY paths', async () => {
    write('apps/api/project.json', '{"name":"api"}');
    write('apps/api/src/main.ts', '');
    write('apps/api/Dockerfile', NODE_DOCKERFILE);
    const results = await run(['apps/api/Dockerfile']);
    expect(results).toHaveLength(1);
    const [file, result] = results[0];
    expect(file).toBe('apps/api/Dockerfile');
    const target = result.projects?.['apps/api']?.targets?.['docker-build'];
    expect(target).toEqual({
      executor: 'docker-ms:build',
      options: { file: 'apps/api/Dockerfile', context: '.', target: 'runtime', metadataFile: 'dist/docker/apps/api/metadata.json' },
      configurations: { deps: { target: 'deps' }, build: { target: 'build' }, runtime: { target: 'runtime' } },
      dependsOn: ['build'],
      outputs: ['{options.metadataFile}'],
      inputs: [
        '{projectRoot}/Dockerfile',
        '{workspaceRoot}/.dockerignore',
        '{projectRoot}/Dockerfile.dockerignore',
        '{workspaceRoot}/package.json',
        '{workspaceRoot}/package-lock.json',
        '{workspaceRoot}/apps/api/**/*',
        { dependentTasksOutputFiles: '**/*' },
      ],
      metadata: expect.objectContaining({ technologies: ['docker'] }),
    });
  });

  it('a Dockerfile of one\'s own runs the app\'s build first (it may copy its output); one docker-ms wrote builds in the image', async () => {
    write('apps/api/project.json', '{"name":"api"}');
    write('apps/api/Dockerfile', NODE_DOCKERFILE);
    const own = (await run(['apps/api/Dockerfile']))[0][1].projects?.['apps/api']?.targets?.['docker-build'];
    expect(own?.dependsOn).toEqual(['build']);
    expect(own?.inputs).toContainEqual({ dependentTasksOutputFiles: '**/*' });
    write('apps/api/Dockerfile', addManagedHeader(NODE_DOCKERFILE, '0.1.0'));
    const managed = (await run(['apps/api/Dockerfile']))[0][1].projects?.['apps/api']?.targets?.['docker-build'];
    expect(managed?.dependsOn).toBeUndefined();
    expect(managed?.inputs).not.toContainEqual({ dependentTasksOutputFiles: '**/*' });
  });

  it('COPY . . from the workspace root hashes only the closure a docker-ms allowlist names', async () => {
    write('apps/api/project.json', '{"name":"api"}');
    write('apps/api/Dockerfile', 'FROM node:22-bookworm-slim AS runtime\nCOPY package.json ./\nCOPY . .\nUSER 65532\n');
    const allowlist = contextDockerignore({
      closure: { folders: ['apps/api', 'libs/shared'], files: ['package.json'], outside: [] },
      exclude: '**/node_modules',
      label: 'api',
      language: 'node',
    });
    write('apps/api/Dockerfile.dockerignore', allowlist);
    const inputs = (await run(['apps/api/Dockerfile']))[0][1].projects?.['apps/api']?.targets?.['docker-build'].inputs;
    expect(inputs).toEqual(expect.arrayContaining(['{workspaceRoot}/apps/api/**/*', '{workspaceRoot}/libs/shared/**/*', '{workspaceRoot}/package.json']));
    expect(inputs).not.toContain('{workspaceRoot}/**/*');
    // any other ignore file: the whole context
    write('apps/api/Dockerfile.dockerignore', '*\n!apps/api/**\n');
    const plain = (await run(['apps/api/Dockerfile']))[0][1].projects?.['apps/api']?.targets?.['docker-build'].inputs;
    expect(plain).toContain('{workspaceRoot}/**/*');
  });

  it('uses the project folder as context when the COPY paths resolve there', async () => {
    write('apps/svc/project.json', '{"name":"svc"}');
    write('apps/svc/go.mod', 'module svc\n\ngo 1.22\n');
    write('apps/svc/go.sum', '');
    write('apps/svc/Dockerfile', GO_DOCKERFILE);
    const [[, result]] = await run(['apps/svc/Dockerfile']);
    const target = result.projects?.['apps/svc']?.targets?.['docker-build'];
    expect(target?.options).toEqual({ file: 'apps/svc/Dockerfile', context: 'apps/svc', target: 'runtime', metadataFile: 'dist/docker/apps/svc/metadata.json' });
    expect(target?.configurations).toEqual({ build: { target: 'build' }, runtime: { target: 'runtime' } });
    expect(target?.inputs).toEqual([
      '{projectRoot}/Dockerfile',
      '{projectRoot}/.dockerignore',
      '{projectRoot}/Dockerfile.dockerignore',
      '{projectRoot}/go.mod',
      '{projectRoot}/go.sum',
      '{projectRoot}/**/*',
      { dependentTasksOutputFiles: '**/*' },
    ]);
  });

  it('names the target after buildTargetName', async () => {
    write('apps/svc/package.json', '{"name":"svc"}');
    write('apps/svc/Dockerfile', GO_DOCKERFILE);
    const [[, result]] = await run(['apps/svc/Dockerfile'], { buildTargetName: 'container' });
    expect(Object.keys(result.projects?.['apps/svc']?.targets ?? {})).toEqual(['container', 'docker-lint']);
  });

  it('reads each Dockerfile on its own: stages follow the file', async () => {
    write('apps/a/project.json', '{}');
    write('apps/a/Dockerfile', 'FROM alpine:3.20 AS one\nFROM alpine:3.20 AS two\nFROM scratch AS three\nCOPY --from=two /etc/passwd /etc/passwd\nUSER 65534\n');
    write('apps/b/project.json', '{}');
    write('apps/b/Dockerfile', 'FROM alpine:3.20\nUSER 65534\n');
    const results = await run(['apps/a/Dockerfile', 'apps/b/Dockerfile']);
    const a = results[0][1].projects?.['apps/a']?.targets?.['docker-build'];
    const b = results[1][1].projects?.['apps/b']?.targets?.['docker-build'];
    expect(Object.keys(a?.configurations ?? {})).toEqual(['one', 'two', 'three']);
    expect(a?.options?.target).toBe('three');
    expect(b?.configurations).toBeUndefined();
    expect(b?.options?.target).toBeUndefined();
  });

  it('ignores a Dockerfile outside any project (no project.json or package.json beside it)', async () => {
    write('tools/fixtures/Dockerfile', GO_DOCKERFILE);
    write('Dockerfile', GO_DOCKERFILE);
    const results = await run(['tools/fixtures/Dockerfile', 'Dockerfile']);
    expect(results.flatMap(([, r]) => Object.keys(r.projects ?? {}))).toEqual([]);
  });
});

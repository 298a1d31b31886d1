import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { logger, type ExecutorContext } from '@nx/devkit';
import lintExecutor from './executor';

const good = [
  'FROM node:24-trixie-slim AS build',
  'WORKDIR /app',
  'COPY package.json main.js ./',
  'RUN npm install',
  '',
  'FROM gcr.io/distroless/nodejs24-debian13:nonroot AS runtime',
  'WORKDIR /app',
  'COPY --from=build /app /app',
  'USER 65532',
  'CMD ["main.js"]',
  '',
].join('\n');

describe('docker-ms:lint executor', () => {
  let root: string;
  let out: string[];
  let errors: string[];

  function write(path: string, text: string) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }

  function context(projectRoot = 'apps/api'): ExecutorContext {
    return {
      root,
      cwd: root,
      isVerbose: false,
      projectName: 'api',
      targetName: 'docker-lint',
      projectsConfigurations: { version: 2, projects: { api: { root: projectRoot } } },
      nxJsonConfiguration: {},
      projectGraph: { nodes: {}, dependencies: {} },
    } as ExecutorContext;
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docker-ms-lint-'));
    write('apps/api/package.json', JSON.stringify({ name: 'api', dependencies: { express: '4.21.0' }, scripts: { start: 'node main.js' } }));
    write('apps/api/main.js', 'require("express")\n');
    write('apps/api/package-lock.json', JSON.stringify({ name: 'api', lockfileVersion: 3, packages: { '': { dependencies: { express: '4.21.0' } } } }));
    write('apps/api/.nvmrc', '24\n');
    out = [];
    errors = [];
    jest.spyOn(logger, 'info').mockImplementation((m: string) => void out.push(m));
    jest.spyOn(logger, 'error').mockImplementation((m: string) => void errors.push(m));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  it('passes a clean Dockerfile that agrees with .nvmrc', async () => {
    write('apps/api/Dockerfile', good);
    await expect(lintExecutor({}, context())).resolves.toEqual({ success: true });
    expect(out.join('\n')).toBe('1 Dockerfile checked, no problems');
  });

  it('fails on drift with compiler-style lines naming the file, both versions and .nvmrc', async () => {
    write('apps/api/Dockerfile', good.replace(/24/g, '22'));
    await expect(lintExecutor({}, context())).resolves.toEqual({ success: false });
    const lines = out.join('\n').split('\n');
    expect(lines[0]).toMatch(/^apps\/api\/Dockerfile:1 runtime-drift node 22 in apps\/api\/Dockerfile \(FROM node:22-trixie-slim\) differs from node 24 in \.nvmrc/);
    expect(lines.at(-1)).toBe('2 errors, 0 warnings in 1 Dockerfile');
  });

  it('prints one JSON document and writes it to outputFile', async () => {
    write('apps/api/Dockerfile', good.replace('USER 65532', 'USER root'));
    const result = await lintExecutor({ format: 'json', outputFile: 'dist/lint/api.json' }, context());
    expect(result.success).toBe(false);
    const report = JSON.parse(out.join('\n'));
    expect(report.files[0].path).toBe('apps/api/Dockerfile');
    expect(report.errors).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(root, 'dist/lint/api.json'), 'utf8'))).toEqual(report);
  });

  it('turns an error into a pass with a rules override', async () => {
    write('apps/api/Dockerfile', good.replace(/24/g, '22'));
    await expect(lintExecutor({ rules: { 'runtime-drift': 'warning' } }, context())).resolves.toEqual({ success: true });
    expect(out.join('\n')).toContain('(warning)');
  });

  it('lints the file option instead of the default', async () => {
    write('apps/api/docker/prod.Dockerfile', good);
    await expect(lintExecutor({ file: 'apps/api/docker/prod.Dockerfile' }, context())).resolves.toEqual({ success: true });
  });

  it('names the missing file and the option that fixes it', async () => {
    await expect(lintExecutor({}, context())).resolves.toEqual({ success: false });
    expect(errors).toEqual(['apps/api/Dockerfile: no such Dockerfile (paths are relative to the workspace root); pass --file with the Dockerfile to lint']);
  });

  it('names an unknown rule and the option', async () => {
    write('apps/api/Dockerfile', good);
    await expect(lintExecutor({ rules: { 'no-such-rule': 'off' } }, context())).resolves.toEqual({ success: false });
    expect(errors[0]).toMatch(/unknown lint rule no-such-rule.*; fix --rules$/);
  });
});

import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { GENERATOR_NAME } from './pack';
import { read, readJson, snapshotFiles, turboFixture } from '../testing/temp-workspace';

jest.setTimeout(120_000);

const REPO = path.resolve(__dirname, '../../../..');
const DRIVER = path.join(__dirname, '../testing/plop-driver.ts');

interface DriverOutput {
  generators: string[];
  actionTypes: string[];
  prompts: Array<{ name: string; type: string; choices?: string[] }>;
  answers?: Record<string, unknown>;
  promptError?: string;
  changes?: Array<{ type: string; path: string }>;
  failures?: Array<{ type: string; error: string }>;
}

/** What `turbo gen docker-ms-dockerfile --args …` does, under the real node-plop (own process: it is ESM). */
function runWithArgs(root: string, args: string[]): DriverOutput {
  const r = spawnSync(process.execPath, ['-r', '@swc-node/register', DRIVER, JSON.stringify({ root, args })], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, SWC_NODE_PROJECT: path.join(REPO, 'tsconfig.json') },
    input: '',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`plop driver failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string);
}

describe('the docker-ms-dockerfile generator (node-plop)', () => {
  it('registers one generator <workspace> [language] [overwrite] [image prefix]; an unknown workspace fails while bypassing', () => {
    const out = runWithArgs(turboFixture(), ['nope']);
    expect(out.generators).toEqual([GENERATOR_NAME]);
    expect(out.actionTypes).toEqual(['docker-ms:render']);
    expect(out.prompts).toEqual([
      { name: 'workspace', type: 'list', choices: ['apps/api', 'apps/gosvc', 'apps/web', 'packages/shared'] },
      { name: 'language', type: 'list', choices: ['auto', 'node', 'python', 'go', 'rust', 'java'] },
      { name: 'overwrite', type: 'confirm' },
      { name: 'imagePrefix', type: 'input' },
    ]);
    expect(out.promptError).toMatch(/workspace "nope".*gosvc \(apps\/gosvc\)/);
  });

  it('skips an existing Dockerfile (no prompt asked: the other answers take their defaults) unless overwrite is yes', () => {
    const root = turboFixture({ 'apps/gosvc/Dockerfile': 'FROM scratch AS runtime\n' });
    // stdin is empty: a prompt that asked would fail the run
    const skipped = runWithArgs(root, ['gosvc']);
    expect(skipped.answers).toEqual({ workspace: 'gosvc' });
    expect(skipped.failures).toEqual([]);
    expect(skipped.changes![0].path).toContain('skipped   apps/gosvc/Dockerfile (exists; to replace it: turbo gen docker-ms-dockerfile --args gosvc auto yes)');
    expect(read(root, 'apps/gosvc/Dockerfile')).toBe('FROM scratch AS runtime\n');

    const replaced = runWithArgs(root, ['gosvc', 'go', 'yes']);
    expect(replaced.answers).toEqual({ workspace: 'gosvc', language: 'go', overwrite: true });
    expect(replaced.changes![0].path).toContain('updated   apps/gosvc/Dockerfile');
    expect(read(root, 'apps/gosvc/Dockerfile')).toMatch(/^FROM golang:1\.22-bookworm AS /m);
  });

  it('takes an image prefix as the fourth argument', () => {
    const root = turboFixture();
    const out = runWithArgs(root, ['web', 'auto', 'no', 'registry.example.com/acme']);
    expect(out.failures).toEqual([]);
    expect(readJson(root, 'apps/web/package.json').scripts['docker-build']).toBe('docker-ms build . --context ../.. --name registry.example.com/acme/web');
  });

  it('writes a non-JS app (package.json wrapper) with its own folder as context, and its script; a second run changes nothing', () => {
    const root = turboFixture();
    const result = runWithArgs(root, ['apps/gosvc']);
    expect(result.failures).toEqual([]);
    expect(result.changes).toEqual([
      {
        type: 'docker-ms:render',
        path: 'created   apps/gosvc/Dockerfile; created   apps/gosvc/.dockerignore; updated   apps/gosvc/package.json (script docker-build: docker-ms build . --name acme/gosvc)',
      },
    ]);
    const dockerfile = read(root, 'apps/gosvc/Dockerfile');
    expect(dockerfile).toMatch(/^FROM golang:1\.22-bookworm AS /m);
    expect(dockerfile).toMatch(/^FROM \S+ AS runtime$/m);
    expect(dockerfile).not.toContain('turbo prune');
    expect(readJson(root, 'apps/gosvc/package.json')).toEqual({ name: 'gosvc', private: true, scripts: { build: 'go build ./...', 'docker-build': 'docker-ms build . --name acme/gosvc' } });

    const before = snapshotFiles(root);
    runWithArgs(root, ['gosvc']);
    expect(snapshotFiles(root)).toEqual(before);
  });

  it('takes a folder without a package.json by its folder name, as the unknown-workspace error lists it', () => {
    const root = turboFixture({ 'apps/pyapi/requirements.txt': 'fastapi==0.115.0\nuvicorn==0.30.6\n', 'apps/pyapi/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n' });
    expect(runWithArgs(root, ['nope']).promptError).toMatch(/give one of .*pyapi \(apps\/pyapi\)/);
    const result = runWithArgs(root, ['pyapi']);
    expect(result.failures).toEqual([]);
    expect(result.changes![0].path).toContain('created   apps/pyapi/Dockerfile');
    expect(read(root, 'apps/pyapi/Dockerfile')).toMatch(/^FROM python:\S+ AS /m);
    expect(readJson(root, 'apps/pyapi/package.json')).toEqual({ name: 'pyapi', private: true, scripts: { 'docker-build': 'docker-ms build . --name acme/pyapi' } });
  });

  it('reports a detection problem as a failed action naming the --args fix, writing nothing', () => {
    const root = turboFixture({ 'apps/empty/README.md': 'nothing to build\n' });
    const before = snapshotFiles(root);
    const result = runWithArgs(root, ['apps/empty']);
    expect(result.failures).toHaveLength(1);
    expect(result.failures![0].error).toMatch(/apps\/empty: no language detected .*pass the language \(turbo gen docker-ms-dockerfile --args apps\/empty <language>\)/);
    expect(snapshotFiles(root)).toEqual(before);
    expect(fs.existsSync(`${root}/apps/empty/Dockerfile`)).toBe(false);
  });
});

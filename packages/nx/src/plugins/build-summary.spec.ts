import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PostTasksExecutionContext } from '@nx/devkit';
import { figuresMetadata, sizeTable, styler, type BuildFigures } from '@docker-ms/core';
import * as plugin from '../index';
import { onDaemon, postTasksExecution, preTasksExecution, runFigures, summaryLines } from './build-summary';

type Results = PostTasksExecutionContext['taskResults'];

const go: BuildFigures = {
  image: 'go-api:latest', stage: 'runtime', size: 8_100_000, runtimeBase: 'gcr.io/distroless/static-debian12:nonroot',
  builderBase: 'golang:1.26-bookworm', oneStageSize: 880_000_000, reduction: 0.991, seconds: 12.3, steps: { total: 5, cached: 4 },
};
const node: BuildFigures = { ...go, image: 'node-api:latest', size: 157_100_000, runtimeBase: 'node:24-trixie-slim', builderBase: 'node:24-trixie', oneStageSize: 357_300_000, reduction: 0.56 };
const py: BuildFigures = { ...go, image: 'python-api:latest', oneStageSize: null, reduction: null, steps: null };

function workspace(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'docker-ms-summary-'));
  for (const [path, json] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), JSON.stringify(json));
  }
  return root;
}

const metadata = (f: BuildFigures) => ({ imageId: 'sha256:1', tags: [f.image], size: f.size, target: f.stage, engine: 'docker', report: figuresMetadata(f) });
const result = (project: string, target: string, status: string, outputs: string[]) => ({
  task: { id: `${project}:${target}`, target: { project, target }, overrides: {}, outputs, cache: true, projectRoot: `apps/${project}` },
  status, code: status === 'failure' ? 1 : 0,
}) as Results[string];

describe('the table after nx run-many -t docker-build', () => {
  const root = workspace({
    'dist/docker/apps/go-api/metadata.json': metadata(go),
    'dist/docker/apps/node-api/metadata.json': metadata(node),
    'dist/docker/apps/python-api/metadata.json': metadata(py),
    'dist/apps/node-api/package.json': { name: 'node-api', version: '1.0.0' },
  });
  const results: Results = {
    'node-api:build': result('node-api', 'build', 'success', ['dist/apps/node-api/package.json', 'dist/apps/node-api']),
    'go-api:docker-build': result('go-api', 'docker-build', 'success', ['dist/docker/apps/go-api/metadata.json']),
    'node-api:docker-build': result('node-api', 'docker-build', 'local-cache', ['dist/docker/apps/node-api/metadata.json']),
    // a failed build removed its metadata file first; one left from an earlier run does not count
    'python-api:docker-build': result('python-api', 'docker-build', 'failure', ['dist/docker/apps/python-api/metadata.json']),
  };

  it('has a row per image built or restored from the Nx cache, read from the metadata files, the same as each build showed', () => {
    expect(runFigures(results, root)).toEqual([go, node]);
    const lines = summaryLines(results, root, styler(false));
    expect(lines.slice(0, 2)).toEqual(['', 'docker-ms: 2 images']);
    expect(lines.slice(2)).toEqual(sizeTable([go, node], styler(false)));
    expect(lines[4]).toMatch(/^node-api:latest +runtime +157\.1 MB +node:24-trixie-slim +357\.3 MB +−56 % +12\.3 s +4\/5$/);
  });

  it('prints nothing for a single image (its build printed its table) or none', () => {
    const one = { 'go-api:docker-build': results['go-api:docker-build'], 'node-api:build': results['node-api:build'] };
    expect(summaryLines(one, root, styler(false))).toEqual([]);
    expect(summaryLines({}, root, styler(false))).toEqual([]);
  });

  it('is the plugin\'s postTasksExecution hook and writes the table to stdout', async () => {
    expect(plugin.postTasksExecution).toBe(postTasksExecution);
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const context = { id: '1', workspaceRoot: root, nxJsonConfiguration: {}, taskResults: results, argv: [], startTime: 0, endTime: 1 };
      await postTasksExecution({}, context);
      expect(write).toHaveBeenCalledTimes(1);
      expect(String(write.mock.calls[0][0])).toContain('docker-ms: 2 images');
      write.mockClear();
      await postTasksExecution(undefined, { ...context, taskResults: {} });
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });
});

describe('who prints the run-many table', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });
  const context = { id: 'abc123', workspaceRoot: '/ws', nxJsonConfiguration: {}, argv: [] };

  it('without the daemon, preTasksExecution tells the builds that postTasksExecution prints it', async () => {
    delete process.env.NX_DAEMON_PROCESS;
    expect(plugin.preTasksExecution).toBe(preTasksExecution);
    await preTasksExecution(undefined, context);
    expect([process.env.DOCKER_MS_NX_RUN, process.env.DOCKER_MS_NX_TABLE]).toEqual(['abc123', 'hook']);
  });

  it('inside the daemon (or a plugin worker it spawned) the last build prints it, and postTasksExecution prints nothing', async () => {
    process.env.NX_DAEMON_PROCESS = 'true';
    expect(onDaemon()).toBe(true);
    await preTasksExecution(undefined, context);
    expect(process.env.DOCKER_MS_NX_TABLE).toBe('last-build');
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const root = workspace({ 'dist/docker/apps/go-api/metadata.json': metadata(go), 'dist/docker/apps/node-api/metadata.json': metadata(node) });
      const taskResults: Results = {
        'go-api:docker-build': result('go-api', 'docker-build', 'success', ['dist/docker/apps/go-api/metadata.json']),
        'node-api:docker-build': result('node-api', 'docker-build', 'success', ['dist/docker/apps/node-api/metadata.json']),
      };
      await postTasksExecution({}, { ...context, workspaceRoot: root, taskResults, startTime: 0, endTime: 1 });
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });
});

import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { figuresMetadata, sizeTable, styler, type BuildFigures } from '@docker-ms/core';
import { closeRun } from './close-run';

const go: BuildFigures = {
  image: 'go-api:latest', stage: 'runtime', size: 8_100_000, runtimeBase: 'gcr.io/distroless/static-debian13:nonroot',
  builderBase: 'golang:1.26-trixie', oneStageSize: 880_000_000, reduction: 0.991, seconds: 12.3, steps: { total: 5, cached: 4 },
};
const node: BuildFigures = { ...go, image: 'node-api:latest', size: 157_100_000 };
const py: BuildFigures = { ...go, image: 'python-api:latest' };
const metadata = (f: BuildFigures) => ({ imageId: 'sha256:1', tags: [f.image], size: f.size, target: f.stage, engine: 'docker', report: figuresMetadata(f) });
const plain = styler(false);

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'docker-ms-close-run-'));
  for (const f of [go, node, py]) {
    const file = join(root, 'dist/docker/apps', f.image.split(':')[0], 'metadata.json');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(metadata(f)));
  }
  return root;
}

/** The context Nx gives the executor for one task of `nx run-many -t docker-build` over `projects` (plus a build task). */
function contextFor(root: string, project: string, projects: string[]): ExecutorContext {
  const target = (executor: string) => ({ executor });
  const task = (p: string, t: string) => ({ id: `${p}:${t}`, target: { project: p, target: t }, overrides: {}, outputs: [`dist/docker/apps/${p}/metadata.json`], projectRoot: `apps/${p}`, parallelism: true });
  const tasks = Object.fromEntries([...projects.map((p) => task(p, 'docker-build')), task('node-api', 'build')].map((t) => [t.id, t]));
  const configs = Object.fromEntries(projects.map((p) => [p, { root: `apps/${p}`, targets: { 'docker-build': target('docker-ms:build'), build: target('@nx/esbuild:esbuild') } }]));
  return {
    root, cwd: root, isVerbose: false, projectName: project, targetName: 'docker-build', target: configs[project].targets['docker-build'],
    projectsConfigurations: { version: 2, projects: configs }, taskGraph: { roots: [], tasks, dependencies: {}, continuousDependencies: {} },
  } as unknown as ExecutorContext;
}

describe('the run-many table when the Nx daemon runs the hooks', () => {
  const projects = ['go-api', 'node-api', 'python-api'];
  const env = { DOCKER_MS_NX_RUN: 'run-1', DOCKER_MS_NX_TABLE: 'last-build' };

  it('only the build that finishes last prints it, with the figures of the builds that succeeded', () => {
    const root = workspace();
    expect(closeRun(contextFor(root, 'node-api', projects), true, plain, env)).toEqual([]);
    expect(closeRun(contextFor(root, 'python-api', projects), false, plain, env)).toEqual([]);
    const lines = closeRun(contextFor(root, 'go-api', projects), true, plain, env);
    expect(lines.slice(0, 2)).toEqual(['', 'docker-ms: 2 images']);
    expect(lines.slice(2)).toEqual(sizeTable([go, node], plain));
    // the run's marks are gone, so nothing of it is left for another run
    expect(readdirSync(join(root, 'node_modules/.cache/docker-ms/runs'))).toEqual([]);
  });

  it('another run (another id) starts afresh; a folder left by a run killed a day ago is removed', () => {
    const root = workspace();
    const stale = join(root, 'node_modules/.cache/docker-ms/runs/killed');
    mkdirSync(stale, { recursive: true });
    utimesSync(stale, new Date(Date.now() - 2 * 86_400_000), new Date(Date.now() - 2 * 86_400_000));
    expect(closeRun(contextFor(root, 'go-api', projects), true, plain, env)).toEqual([]);
    expect(closeRun(contextFor(root, 'node-api', projects), true, plain, { ...env, DOCKER_MS_NX_RUN: 'run-2' })).toEqual([]);
    expect(closeRun(contextFor(root, 'python-api', projects), true, plain, env)).toEqual([]);
    expect(closeRun(contextFor(root, 'node-api', projects), true, plain, env)[1]).toBe('docker-ms: 3 images');
    expect(existsSync(stale)).toBe(false);
  });

  it('prints nothing when the hook prints it (no daemon), or for a run with one build', () => {
    const root = workspace();
    const hook = { ...env, DOCKER_MS_NX_TABLE: 'hook' };
    for (const p of projects) expect(closeRun(contextFor(root, p, projects), true, plain, hook)).toEqual([]);
    expect(existsSync(join(root, 'node_modules/.cache/docker-ms/runs'))).toBe(false);
    expect(closeRun(contextFor(root, 'go-api', ['go-api']), true, plain, env)).toEqual([]);
  });

  it('without the plugin\'s hooks (no run id), the builds of one Nx process make a run', () => {
    const root = workspace();
    expect(closeRun(contextFor(root, 'go-api', ['go-api', 'node-api']), true, plain, {})).toEqual([]);
    expect(closeRun(contextFor(root, 'node-api', ['go-api', 'node-api']), true, plain, {})[1]).toBe('docker-ms: 2 images');
  });
});

// P4–P6: build context, generator speed and cached-build time in synthetic Nx workspaces, ours next to
// @nx/node:setup-docker's Dockerfile built by @nx/docker's inferred docker:build.
import fs from 'node:fs';
import path from 'node:path';
import { contextFiles } from '../packages/core/src/context';
import { nodeFileReader } from '../packages/core/src/detect';
import { DOCKER, log, type E2eState } from '../e2e/support/env';
import { exec, execSync } from '../e2e/support/exec';
import { BUILD_ENV, median, parseProgress, treeBytes } from './docker';
import { addApps, appName, createSyntheticWorkspace, type SyntheticWorkspace } from './workspace';

const APP = appName(1);

export interface ContextRow {
  apps: number;
  closureBytes: number;
  ours: number;
  anchor: number;
  /** Our allowlist text was the same before and after the other apps were added. */
  allowlistUnchanged?: boolean;
  /** Steps of our rebuild after the other apps were added that did not come from the cache. */
  oursRerunSteps?: string[];
}

export interface CachedBuildRow {
  oursMedian: number;
  anchorMedian: number;
  oursRuns: number[];
  anchorRuns: number[];
  /** Nx's task time for our target and the raw engine time of the same docker argv (medians). */
  oursTaskMedian: number;
  engineMedian: number;
  /** Nx's task time for a custom executor that does nothing (Nx's own cost of forking a task process), median. */
  noopTaskMedian: number;
}

export interface GeneratorRow {
  projects: number;
  generatorMedian: number;
  showMedian: number;
  generatorRuns: number[];
  showRuns: number[];
}

/**
 * The closure of app-1 on disk, read through the `<Dockerfile>.dockerignore` allowlist the generator wrote (and
 * the build executor keeps in step with the project graph): its sources, its libraries, the root manifests,
 * without node_modules, build output and the Dockerfile itself. Returns the allowlist text and the closure bytes.
 */
function closureOf(ws: SyntheticWorkspace): { text: string; closureBytes: number; files: number } {
  const text = fs.readFileSync(path.join(ws.root, `apps/${APP}/Dockerfile.dockerignore`), 'utf8');
  const files = contextFiles(nodeFileReader(ws.root), text).filter((f) => !f.startsWith('dist/'));
  return { text, closureBytes: treeBytes(ws.root, files), files: files.length };
}

/** BuildKit sends only changed files of a context it has seen; forget those so the next build sends it all. */
function forgetContexts(): void {
  execSync(DOCKER, ['builder', 'prune', '-f', '--filter', 'type=source.local']);
}

/**
 * A custom executor that does nothing, as a target of app-1: Nx forks a task process for every executor but
 * nx:run-commands and nx:noop, and its task time is what Nx itself costs before and after any executor runs.
 */
function addNoopTarget(ws: SyntheticWorkspace): void {
  const dir = path.join(ws.root, 'tools/noop-executor');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'noop-executor', executors: './executors.json' }));
  fs.writeFileSync(path.join(dir, 'executors.json'), JSON.stringify({ executors: { noop: { implementation: './noop.js', schema: './schema.json' } } }));
  fs.writeFileSync(path.join(dir, 'schema.json'), JSON.stringify({ type: 'object', properties: {} }));
  fs.writeFileSync(path.join(dir, 'noop.js'), 'module.exports.default = async () => ({ success: true });\n');
  const file = path.join(ws.root, `apps/${APP}/project.json`);
  const project = JSON.parse(fs.readFileSync(file, 'utf8'));
  project.targets.noop = { executor: './tools/noop-executor:noop' };
  fs.writeFileSync(file, JSON.stringify(project, null, 2) + '\n');
}

async function nxRun(ws: SyntheticWorkspace, target: string, extra: string[] = []) {
  const r = await ws.nx(['run', `${APP}:${target}`, '--excludeTaskDependencies', '--skip-nx-cache', ...extra], { ...BUILD_ENV, NX_PERF_LOGGING: 'true' });
  const timings = /Task Execution Timings:\s*(\{[\s\S]*?\})/.exec(r.output);
  const taskMs = timings ? (JSON.parse(timings[1]) as Record<string, number>)[`${APP}:${target}`] : NaN;
  return { seconds: r.seconds, taskSeconds: taskMs / 1000, output: r.output, ...parseProgress(r.output) };
}

/** The engine command of our target, from its dry run ("dry run (docker 20.10.24): DOCKER_BUILDKIT=1 /usr/bin/docker build …"). */
async function engineArgv(ws: SyntheticWorkspace, secretsDir: string): Promise<{ env: Record<string, string>; argv: string[] }> {
  const r = await ws.nx(['run', `${APP}:docker-build`, '--excludeTaskDependencies', '--skip-nx-cache', '--dryRun'], BUILD_ENV);
  const line = /^dry run \([^)]*\): (.+)$/m.exec(r.output)?.[1];
  if (!line) throw new Error(`bench: the executor's dry run printed no engine command:\n${r.output.slice(-1500)}`);
  const words = [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]));
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0])) {
    const [k, ...v] = (words.shift() as string).split('=');
    env[k] = v.join('=');
  }
  // the dry run's merged secret files are gone once it ended; a cached build reads none, so empty ones stand in
  fs.mkdirSync(secretsDir, { recursive: true });
  const argv = words.map((w) => w.replace(/(id=([^,]+),src=)(\S+)$/, (all, head: string, id: string, src: string) => {
    if (fs.existsSync(src)) return all;
    fs.writeFileSync(path.join(secretsDir, id), '');
    return head + path.join(secretsDir, id);
  }));
  return { env, argv };
}

export interface NxResults {
  contexts: ContextRow[];
  cached: CachedBuildRow;
  generator: GeneratorRow;
  notes: string[];
}

export async function measureNx(state: E2eState, workDir: string, opts: { runs: number; p5Projects: number }): Promise<NxResults> {
  const notes: string[] = [];
  // --- ours: docker-ms plugin, generated Dockerfile, allowlist from the project graph
  log('bench nx: docker-ms workspace (10 apps)');
  const ours = await createSyntheticWorkspace(state, path.join(workDir, 'ws-docker-ms'), 'docker-ms', 10, 10);
  await ours.nx(['g', 'docker-ms:init', '--no-interactive']);
  await ours.nx(['g', 'docker-ms:dockerfile', APP, '--no-interactive']);
  addNoopTarget(ours);
  log(`bench nx: ours cold build of ${APP}`);
  forgetContexts();
  const oursCold = await nxRun(ours, 'docker-build');
  const allow10 = closureOf(ours);

  // --- anchor: @nx/node:setup-docker's Dockerfile, @nx/docker's inferred docker:build
  log('bench nx: @nx/node + @nx/docker workspace (10 apps)');
  const anchor = await createSyntheticWorkspace(state, path.join(workDir, 'ws-nx-docker'), 'nx-docker', 10, 10);
  await anchor.nx(['g', '@nx/node:setup-docker', '--project', APP, '--buildTarget', 'build', '--outputPath', `apps/${APP}/dist`, '--no-interactive']);
  const anchorFrom = /^FROM (\S+)/m.exec(fs.readFileSync(path.join(anchor.root, `apps/${APP}/Dockerfile`), 'utf8'))?.[1] as string;
  if (execSync(DOCKER, ['image', 'inspect', anchorFrom], { allowFailure: true }).code !== 0) {
    // no registry here: the anchor's base is our node stand-in under its name
    execSync(DOCKER, ['tag', 'node:26-trixie-slim', anchorFrom]);
    notes.push(`The anchor's base image \`${anchorFrom}\` is not pullable here; it is the node 26 stand-in tagged with that name.`);
  }
  await anchor.nx(['run', `${APP}:build`]);
  forgetContexts();
  const anchorCold = await nxRun(anchor, 'docker:build');
  const contexts: ContextRow[] = [{ apps: 10, closureBytes: allow10.closureBytes, ours: oursCold.contextBytes, anchor: anchorCold.contextBytes }];

  // --- P6: everything cached, median of N each, same client (/usr/bin/docker 20.10) and builder (BuildKit)
  const oursRuns: number[] = [];
  const oursTask: number[] = [];
  const noopTask: number[] = [];
  const anchorRuns: number[] = [];
  const engineRuns: number[] = [];
  const { env, argv } = await engineArgv(ours, path.join(workDir, 'secrets'));
  for (let k = 0; k < opts.runs; k++) {
    log(`bench nx: cached builds, round ${k + 1}/${opts.runs}`);
    const run = await nxRun(ours, 'docker-build');
    oursRuns.push(run.seconds);
    oursTask.push(run.taskSeconds);
    noopTask.push((await nxRun(ours, 'noop')).taskSeconds);
    anchorRuns.push((await nxRun(anchor, 'docker:build')).seconds);
    engineRuns.push((await exec(argv[0], argv.slice(1), { cwd: ours.root, env: { ...env, ...BUILD_ENV } })).seconds);
  }
  const cached: CachedBuildRow = {
    oursMedian: median(oursRuns),
    anchorMedian: median(anchorRuns),
    oursRuns,
    anchorRuns,
    oursTaskMedian: median(oursTask),
    engineMedian: median(engineRuns),
    noopTaskMedian: median(noopTask),
  };

  // --- P4 at 50 apps: 40 more apps and libraries in both workspaces; app-1's allowlist must not change
  log('bench nx: 40 more apps in both workspaces');
  addApps(ours.root, 'docker-ms', 11, 50, 50);
  addApps(anchor.root, 'nx-docker', 11, 50, 50);
  forgetContexts();
  // --rebuild: the allowlist (so the image's inputs) is unchanged, and the up-to-date check would answer without the engine
  const ours50 = await nxRun(ours, 'docker-build', ['--rebuild']);
  const allow50 = closureOf(ours);
  forgetContexts();
  const anchor50 = await nxRun(anchor, 'docker:build');
  contexts.push({
    apps: 50,
    closureBytes: allow50.closureBytes,
    ours: ours50.contextBytes,
    anchor: anchor50.contextBytes,
    allowlistUnchanged: allow50.text === allow10.text,
    oursRerunSteps: ours50.steps.filter((s) => !s.cached && /RUN|COPY/.test(s.title)).map((s) => s.title),
  });

  // --- P5: the generator on a generated workspace of opts.p5Projects projects (half apps, half libraries)
  const half = Math.floor(opts.p5Projects / 2);
  log(`bench nx: ${opts.p5Projects}-project workspace`);
  const big = await createSyntheticWorkspace(state, path.join(workDir, 'ws-500'), 'docker-ms', half, opts.p5Projects - half);
  await big.nx(['g', 'docker-ms:init', '--no-interactive']);
  await big.nx(['show', 'projects']); // warm: the graph is computed once before either is timed
  const clean = () => {
    for (const app of fs.readdirSync(path.join(big.root, 'apps'))) {
      for (const f of ['Dockerfile', 'Dockerfile.dockerignore', '.dockerignore']) fs.rmSync(path.join(big.root, 'apps', app, f), { force: true });
    }
    fs.rmSync(path.join(big.root, '.dockerignore'), { force: true });
  };
  const generatorRuns: number[] = [];
  const showRuns: number[] = [];
  for (let k = 0; k < 3; k++) {
    clean();
    await big.nx(['show', 'projects']); // untimed: the graph of this state is computed and cached
    const show = await big.nx(['show', 'projects']);
    showRuns.push(show.seconds);
    const gen = await big.nx(['g', 'docker-ms:dockerfile', '--all', '--no-interactive']);
    generatorRuns.push(gen.seconds);
    const written = fs.readdirSync(path.join(big.root, 'apps')).filter((a) => fs.existsSync(path.join(big.root, 'apps', a, 'Dockerfile'))).length;
    if (written !== half) throw new Error(`bench P5: --all wrote ${written} Dockerfiles, expected ${half}`);
  }
  const generator: GeneratorRow = { projects: opts.p5Projects, generatorMedian: median(generatorRuns), showMedian: median(showRuns), generatorRuns, showRuns };
  return { contexts, cached, generator, notes };
}

// P4–P6: build context, generator speed and cached-build time in synthetic Nx workspaces, ours next to
// @nx/node:setup-docker's Dockerfile built by @nx/docker's inferred docker:build.
import fs from 'node:fs';
import path from 'node:path';
import { contextClosure, contextDockerignore, contextFiles, graphDependencyRoots } from '../packages/core/src/context';
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
}

export interface GeneratorRow {
  projects: number;
  generatorMedian: number;
  showMedian: number;
  generatorRuns: number[];
  showRuns: number[];
}

/** The project graph as `nx graph --file` writes it. */
async function projectGraph(ws: SyntheticWorkspace) {
  const file = path.join(ws.root, 'dist/bench-graph.json');
  await ws.nx(['graph', `--file=${file}`]);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { graph: Parameters<typeof graphDependencyRoots>[0] }).graph;
}

/**
 * The app's `<Dockerfile>.dockerignore` as an allowlist of its closure (project graph + root manifests),
 * keeping the generator's exclusions inside it. Returns the text and the closure's bytes on disk.
 */
async function writeAllowlist(ws: SyntheticWorkspace, exclusions: string): Promise<{ text: string; closureBytes: number; files: number }> {
  const graph = await projectGraph(ws);
  const fsr = nodeFileReader(ws.root);
  const closure = contextClosure(fsr, { language: 'node', projectRoot: `apps/${APP}`, dependencyRoots: graphDependencyRoots(graph, APP) });
  const text = contextDockerignore({ closure, exclude: exclusions, label: APP });
  fs.writeFileSync(path.join(ws.root, `apps/${APP}/Dockerfile.dockerignore`), text);
  // the closure the app needs: its sources, its libraries, root manifests; never node_modules or build output
  const files = contextFiles(fsr, text).filter((f) => !/(^|\/)Dockerfile[^/]*$/.test(f));
  return { text, closureBytes: treeBytes(ws.root, files), files: files.length };
}

async function nxRun(ws: SyntheticWorkspace, target: string, extra: string[] = []) {
  const r = await ws.nx(['run', `${APP}:${target}`, '--excludeTaskDependencies', '--skip-nx-cache', ...extra], { ...BUILD_ENV, NX_PERF_LOGGING: 'true' });
  const timings = /Task Execution Timings:\s*(\{[\s\S]*?\})/.exec(r.output);
  const taskMs = timings ? (JSON.parse(timings[1]) as Record<string, number>)[`${APP}:${target}`] : NaN;
  return { seconds: r.seconds, taskSeconds: taskMs / 1000, output: r.output, ...parseProgress(r.output) };
}

/** Splits the command line our executor prints ("building with …: DOCKER_BUILDKIT=1 /usr/bin/docker build …"). */
function engineArgv(output: string): { env: Record<string, string>; argv: string[] } {
  const line = /building with [^:]+: (.+)$/m.exec(output)?.[1];
  if (!line) throw new Error('bench: the executor did not print its engine command');
  const words = [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]));
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0])) {
    const [k, ...v] = (words.shift() as string).split('=');
    env[k] = v.join('=');
  }
  return { env, argv: words };
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
  const exclusions = fs.readFileSync(path.join(ours.root, `apps/${APP}/Dockerfile.dockerignore`), 'utf8');
  const allow10 = await writeAllowlist(ours, exclusions);
  log(`bench nx: ours cold build of ${APP}`);
  const oursCold = await nxRun(ours, 'docker-build');

  // --- anchor: @nx/node:setup-docker's Dockerfile, @nx/docker's inferred docker:build
  log('bench nx: @nx/node + @nx/docker workspace (10 apps)');
  const anchor = await createSyntheticWorkspace(state, path.join(workDir, 'ws-nx-docker'), 'nx-docker', 10, 10);
  await anchor.nx(['g', '@nx/node:setup-docker', '--project', APP, '--buildTarget', 'build', '--outputPath', `apps/${APP}/dist`, '--no-interactive']);
  const anchorFrom = /^FROM (\S+)/m.exec(fs.readFileSync(path.join(anchor.root, `apps/${APP}/Dockerfile`), 'utf8'))?.[1] as string;
  if (execSync(DOCKER, ['image', 'inspect', anchorFrom], { allowFailure: true }).code !== 0) {
    // no registry here: the anchor's base is our node stand-in under its name
    execSync(DOCKER, ['tag', 'node:22-bookworm-slim', anchorFrom]);
    notes.push(`The anchor's base image \`${anchorFrom}\` is not pullable here; it is the node 22 stand-in tagged with that name.`);
  }
  await anchor.nx(['run', `${APP}:build`]);
  const anchorCold = await nxRun(anchor, 'docker:build');
  const contexts: ContextRow[] = [{ apps: 10, closureBytes: allow10.closureBytes, ours: oursCold.contextBytes, anchor: anchorCold.contextBytes }];

  // --- P6: everything cached, median of N each, same client (/usr/bin/docker 20.10) and builder (BuildKit)
  const oursRuns: number[] = [];
  const oursTask: number[] = [];
  const anchorRuns: number[] = [];
  let lastOurs = oursCold;
  for (let k = 0; k < opts.runs; k++) {
    log(`bench nx: cached builds, round ${k + 1}/${opts.runs}`);
    lastOurs = await nxRun(ours, 'docker-build');
    oursRuns.push(lastOurs.seconds);
    oursTask.push(lastOurs.taskSeconds);
    anchorRuns.push((await nxRun(anchor, 'docker:build')).seconds);
  }
  const { env, argv } = engineArgv(lastOurs.output);
  const engineRuns: number[] = [];
  for (let k = 0; k < opts.runs; k++) {
    const r = await exec(argv[0], argv.slice(1), { cwd: ours.root, env: { ...env, ...BUILD_ENV } });
    engineRuns.push(r.seconds);
  }
  const cached: CachedBuildRow = {
    oursMedian: median(oursRuns),
    anchorMedian: median(anchorRuns),
    oursRuns,
    anchorRuns,
    oursTaskMedian: median(oursTask),
    engineMedian: median(engineRuns),
  };

  // --- P4 at 50 apps: 40 more apps and libraries in both workspaces; app-1's allowlist must not change
  log('bench nx: 40 more apps in both workspaces');
  addApps(ours.root, 'docker-ms', 11, 50, 50);
  addApps(anchor.root, 'nx-docker', 11, 50, 50);
  const allow50 = await writeAllowlist(ours, exclusions);
  const ours50 = await nxRun(ours, 'docker-build');
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

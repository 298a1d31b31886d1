// One pruned build: a node app of an Nx workspace built from the workspace root. The generator writes a
// `<Dockerfile>.dockerignore` allowlist of its closure (project graph + root manifests) and the build
// executor writes the app's pruned package.json + lockfile (@nx/js) for the production install. The build
// sees only the app, its library and the manifests; editing another app changes nothing in its build.
import fs from 'node:fs';
import path from 'node:path';
import { DOCKER, describeE2e, log, readState } from './support/env';
import { execSync } from './support/exec';
import { imageExists, runAndGet } from './support/docker';
import { createWorkspace, type Workspace } from './support/workspace';

const APP = 'node-api';
const PLAIN = { BUILDKIT_PROGRESS: 'plain' };

/** BuildKit plain progress: COPY/RUN steps ("[build 3/4] RUN …") that did not come from the cache, and the context bytes. */
function progress(output: string): { rerun: string[]; layers: number; contextBytes: number } {
  const steps = new Map<string, { title: string; cached: boolean }>();
  for (const line of output.split('\n')) {
    const text = line.replace(/^.*?(#\d+ )/, '$1');
    const step = /^#(\d+) (\[[^\]]*\d+\/\d+\] .+)$/.exec(text);
    if (step && !steps.has(step[1])) steps.set(step[1], { title: step[2], cached: false });
    const cached = /^#(\d+) CACHED/.exec(text);
    if (cached && steps.has(cached[1])) steps.get(cached[1])!.cached = true;
  }
  const units: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 };
  const sizes = [...output.matchAll(/transferring context: ([\d.]+)([kKMG]?B)/g)].map((m) => Number(m[1]) * units[m[2]]);
  // FROM lines resolve the base image every time; the layers are the COPY/RUN steps
  const layers = [...steps.values()].filter((s) => /\] (COPY|RUN|ADD) /.test(s.title));
  return { rerun: layers.filter((s) => !s.cached).map((s) => s.title), layers: layers.length, contextBytes: Math.max(0, ...sizes) };
}

describeE2e('pruned build context (node app in an Nx workspace)', () => {
  let ws: Workspace;
  let allowlist: string;
  const file = (p: string) => path.join(ws.root, p);

  beforeAll(async () => {
    const state = readState();
    ws = await createWorkspace({ ...state, tmpDir: path.join(state.tmpDir as string, 'pruned-context') });
    // a library the app depends on through the project graph, and one it does not use
    for (const lib of ['shared', 'unused']) {
      fs.mkdirSync(file(`libs/${lib}/src`), { recursive: true });
      fs.writeFileSync(file(`libs/${lib}/project.json`), JSON.stringify({ name: lib, projectType: 'library', sourceRoot: `libs/${lib}/src` }, null, 2));
      fs.writeFileSync(file(`libs/${lib}/src/index.ts`), `export const ${lib} = '${lib}';\n`);
    }
    const projectJson = JSON.parse(fs.readFileSync(file(`apps/${APP}/project.json`), 'utf8'));
    fs.writeFileSync(file(`apps/${APP}/project.json`), JSON.stringify({ ...projectJson, implicitDependencies: ['shared'] }, null, 2));
    await ws.nx(['g', 'docker-ms:init', '--no-interactive']);
    await ws.nx(['g', 'docker-ms:dockerfile', APP, '--no-interactive']);

    allowlist = fs.readFileSync(file(`apps/${APP}/Dockerfile.dockerignore`), 'utf8');
    log(`${APP} allowlist:\n${allowlist}`);
  }, 30 * 60_000);

  it('the allowlist names the app, its library and the root manifests, nothing else', () => {
    const included = allowlist.split('\n').filter((l) => l.startsWith('!'));
    expect(allowlist.split('\n').filter((l) => l && !l.startsWith('#'))[0]).toBe('*');
    expect(included).toEqual(expect.arrayContaining([`!apps/${APP}/**`, '!libs/shared/**', '!package.json', '!package-lock.json', '!nx.json']));
    expect(included.filter((l) => /python-api|go-api|unused/.test(l))).toEqual([]);
  });

  it('the build stage holds only the closure (BuildKit reads <Dockerfile>.dockerignore)', async () => {
    const r = await ws.nx(['run', `${APP}:docker-build:build`], { env: { ...ws.env, ...PLAIN } });
    expect(imageExists(`${APP}:build`)).toBe(true);
    const ls = (dir: string) => execSync(DOCKER, ['run', '--rm', '--entrypoint', 'ls', `${APP}:build`, dir]).stdout.split('\n').filter(Boolean).sort();
    expect(ls('/app/apps')).toEqual([APP]);
    expect(ls('/app/libs')).toEqual(['shared']);
    const { contextBytes } = progress(r.output);
    log(`${APP}: build context ${contextBytes} bytes`);
    expect(contextBytes).toBeGreaterThan(0);
    expect(contextBytes).toBeLessThan(1e6); // no node_modules, no other apps
  });

  it('the production install reads the pruned manifests the executor wrote; the runtime image answers on 127.0.0.1', async () => {
    const r = await ws.nx(['run', `${APP}:docker-build`], { env: { ...ws.env, ...PLAIN } });
    expect(r.output).toContain(`pruned manifests for ${APP}`);
    const pruned = JSON.parse(fs.readFileSync(file(`dist/docker/apps/${APP}/package.json`), 'utf8'));
    expect(pruned.name).toBe(APP);
    expect(Object.keys(pruned.dependencies ?? {})).toEqual(['ms']);
    expect(pruned.devDependencies).toBeUndefined();
    expect(fs.existsSync(file(`dist/docker/apps/${APP}/package-lock.json`))).toBe(true);
    expect(fs.readFileSync(file(`apps/${APP}/Dockerfile`), 'utf8')).toContain(`COPY dist/docker/apps/${APP}/package.json dist/docker/apps/${APP}/package-lock.json*`);
    const res = await runAndGet(`${APP}:latest`, 3000, 18311);
    expect(res.status).toBe(200);
  });

  it('editing another app changes neither the context nor any layer of this build', async () => {
    await ws.nx(['run', `${APP}:docker-build`, '--skip-nx-cache'], { env: { ...ws.env, ...PLAIN } });
    // edits unique to this run: the engine's layer cache outlives earlier runs on the same machine
    const stamp = Date.now().toString(36);
    fs.appendFileSync(file('apps/python-api/main.py'), `\n# edited by the pruned-context e2e ${stamp}\n`);
    fs.appendFileSync(file('libs/unused/src/index.ts'), `// edited ${stamp}\n`);
    // --rebuild: the engine must run (the up-to-date check would skip it, the inputs being unchanged)
    const after = await ws.nx(['run', `${APP}:docker-build`, '--skip-nx-cache', '--rebuild'], { env: { ...ws.env, ...PLAIN } });
    expect(progress(after.output).layers).toBeGreaterThan(0);
    expect(progress(after.output).rerun).toEqual([]);
    expect(fs.readFileSync(file(`apps/${APP}/Dockerfile.dockerignore`), 'utf8')).toBe(allowlist);
    // and the same edit inside the app does reach the build
    fs.appendFileSync(file(`apps/${APP}/src/main.ts`), `\n// edited by the pruned-context e2e ${stamp}\n`);
    const own = await ws.nx(['run', `${APP}:docker-build`, '--skip-nx-cache'], { env: { ...ws.env, ...PLAIN } });
    expect(progress(own.output).rerun.some((s) => /^\[build /.test(s))).toBe(true);
    expect(progress(own.output).rerun.filter((s) => /RUN .*npm ci/.test(s))).toEqual([]);
  });
});

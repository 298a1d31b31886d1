// Real dependency trees: apps shaped like what teams ship (e2e/fixtures/real-deps, committed with their
// lockfiles) install from their own registries inside the image build — PyPI with pip (hashes), Poetry
// and uv, the Go module proxy, crates.io, Maven Central through the Maven wrapper, and the npm registry
// for a native add-on (better-sqlite3) that compiles from source: its prebuilt binaries live on GitHub,
// which the build cannot reach, and node-gyp must take Node's headers from the image, not nodejs.org.
// For each app the product writes the Dockerfile, `docker-ms build` builds it, the image runs as
// non-root and answers GET /; then one source file is edited and the rebuild must take the dependency
// step from the cache (BuildKit prints CACHED for it) while the edit reaches the new image. The Spring
// Boot runtime is layered: after the edit every layer but the application's keeps its digest.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseProgress, type Step } from '../bench/docker';
import { DOCKER, REPO_ROOT, describeE2e, log } from './support/env';
import { exec, execSync } from './support/exec';
import { imageUser, isNonRoot, runAndGet } from './support/docker';

const CLI = path.join(REPO_ROOT, 'packages/core/bin/docker-ms.js');
export const FIXTURES = path.join(REPO_ROOT, 'e2e/fixtures/real-deps');

interface App {
  name: string;
  /** The source file the rebuild edits (it holds the greeting). */
  edit: string;
  /** The dependency step(s) of the generated Dockerfile, as BuildKit titles them. */
  deps: RegExp;
  port: number;
  answer: RegExp;
  /** The runtime's own layers are a layered jar's: an edit changes the last layer only. */
  layered?: boolean;
}

const APPS: App[] = [
  { name: 'python-pip', edit: 'main.py', deps: /RUN .*pip install -r requirements\.txt/, port: 8000, answer: /"message":"hello from FastAPI","installer":"pip"/ },
  { name: 'python-poetry', edit: 'main.py', deps: /RUN .*poetry install --only main --no-root/, port: 8000, answer: /"installer":"poetry"/ },
  { name: 'python-uv', edit: 'main.py', deps: /RUN .*uv sync --locked/, port: 8000, answer: /"installer":"uv"/ },
  { name: 'go', edit: 'greeting.go', deps: /RUN .*go mod download/, port: 8080, answer: /"message":"hello from chi"/ },
  { name: 'rust', edit: 'src/greeting.rs', deps: /^\[deps .*RUN .*cargo build --release/, port: 8080, answer: /"message":"hello from axum"/ },
  { name: 'java', edit: 'src/main/java/com/example/api/GreetingController.java', deps: /RUN .*dependency:go-offline/, port: 8080, answer: /"message":"hello from Spring Boot"/, layered: true },
  // the compilers, then both installs (deps and prod-deps each compile the add-on); the database file is written by the non-root user
  { name: 'node-native', edit: 'greeting.js', deps: /RUN .*(python3 make g\+\+|npm ci)/, port: 3000, answer: /^\{"message":"hello from better-sqlite3","sqlite":"3\.\d+\.\d+","visits":1,"uid":[1-9]\d*\}$/ },
];

function layers(ref: string): string[] {
  return JSON.parse(execSync(DOCKER, ['image', 'inspect', '-f', '{{json .RootFS.Layers}}', ref]).stdout) as string[];
}

const timings: string[] = [];

async function build(dir: string, tag: string): Promise<{ seconds: number; steps: Step[] }> {
  const r = await exec('node', [CLI, 'build', dir, '--tag', tag, '--progress', 'plain', '--no-git-labels'], {
    env: { DOCKER_BUILDKIT: '1' },
    timeout: 15 * 60_000,
  });
  return { seconds: r.seconds, steps: parseProgress(r.output).steps };
}

describeE2e('real dependency trees from PyPI, the Go proxy, crates.io, Maven Central and the npm registry', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-ms-real-deps-'));

  afterAll(() => {
    log(`real-deps figures (cold build, rebuild after one source edit):\n${timings.join('\n')}`);
    fs.rmSync(work, { recursive: true, force: true });
  });

  it.each(APPS)('$name: builds from its lockfile, answers GET / as non-root, and a source edit re-runs no dependency step', async (app) => {
    const dir = path.join(work, app.name);
    fs.cpSync(path.join(FIXTURES, app.name), dir, { recursive: true });
    await exec('node', [CLI, 'dockerfile', dir, '--write']);
    const tag = `docker-ms-e2e/real-deps-${app.name}`;

    const cold = await build(dir, `${tag}:cold`);
    const coldDeps = cold.steps.filter((s) => app.deps.test(s.title));
    expect(coldDeps.length).toBeGreaterThan(0);
    expect(isNonRoot(imageUser(`${tag}:cold`))).toBe(true);
    const first = await runAndGet(`${tag}:cold`, app.port, 18_400 + APPS.indexOf(app));
    expect(first.status).toBe(200);
    expect(first.body).toMatch(app.answer);

    const file = path.join(dir, app.edit);
    const source = fs.readFileSync(file, 'utf8');
    expect(source).toContain('hello from');
    // a word new to every run, so that even on a machine with the previous run's layers the edit must compile
    const edited = `hello again ${Date.now().toString(36)} from`;
    fs.writeFileSync(file, source.replace('hello from', edited));
    const warm = await build(dir, `${tag}:edited`);
    const warmDeps = warm.steps.filter((s) => app.deps.test(s.title));
    // BuildKit reports steps of parallel stages in the order they finish, so compare them as sets
    expect(warmDeps.map((s) => s.title).sort()).toEqual(coldDeps.map((s) => s.title).sort());
    expect(warmDeps.filter((s) => !s.cached)).toEqual([]);
    // the edit itself did rebuild: some step after the source copy ran, and the new image answers with it
    expect(warm.steps.filter((s) => !s.cached).length).toBeGreaterThan(0);
    const second = await runAndGet(`${tag}:edited`, app.port, 18_400 + APPS.indexOf(app));
    expect(second.body).toContain(edited);
    if (app.layered) {
      // dependencies, spring-boot-loader, snapshot-dependencies: the same layers (digests) as before the edit; application: new
      const [before, after] = [layers(`${tag}:cold`), layers(`${tag}:edited`)];
      const base = layers(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8').match(/^FROM (\S+) AS runtime$/m)![1]);
      expect(before.slice(0, base.length)).toEqual(base);
      expect(before.length - base.length).toBeGreaterThanOrEqual(3);
      expect(after.slice(0, -1)).toEqual(before.slice(0, -1));
      expect(after.at(-1)).not.toBe(before.at(-1));
    }

    timings.push(`${app.name}: cold ${cold.seconds.toFixed(1)} s, rebuild ${warm.seconds.toFixed(1)} s (${((warm.seconds / cold.seconds) * 100).toFixed(0)} %), ${coldDeps.length} dependency step(s) cached`);
    log(timings.at(-1)!);
    await exec(DOCKER, ['image', 'rm', '-f', `${tag}:cold`, `${tag}:edited`], { allowFailure: true });
  });
});

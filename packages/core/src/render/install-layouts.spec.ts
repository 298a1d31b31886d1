import { memoryFileReader } from '../detect';
import { lintDockerfile } from '../lint';
import { generateDockerfile } from './index';
import { stageNames, structure } from './__fixtures__/structure';

const pkg = (o: object) => JSON.stringify({ name: 'api', version: '1.0.0', main: 'index.js', ...o });
const generate = (files: Record<string, string>, options = {}) =>
  generateDockerfile({ workspaceRoot: '/repo', projectRoot: '.', fs: memoryFileReader({ 'index.js': '', ...files }), options });
const runsOf = (text: string, stage: string) =>
  structure(text).stages.find((s) => s.name === stage)!.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);

describe('native add-ons: compilers in the build stages only when the lockfile has packages that build at install time', () => {
  const npmLock = (hasInstallScript: boolean) => JSON.stringify({
    lockfileVersion: 3,
    packages: { '': { dependencies: { bcrypt: '^5.1.1' } }, 'node_modules/bcrypt': { version: '5.1.1', ...(hasInstallScript ? { hasInstallScript } : {}) } },
  });

  it.each(['distroless', 'slim', 'alpine'] as const)('%s: base installs python3 make g++, the runtime starts from a clean image', (variant) => {
    const { detection, dockerfile } = generate({ 'package.json': pkg({ dependencies: { bcrypt: '^5.1.1' } }), 'package-lock.json': npmLock(true) }, { variant });
    expect(detection.nativeAddons).toEqual(['bcrypt']);
    expect(detection.evidence).toContain('package-lock.json: 1 package(s) build at install time (bcrypt) → python3, make and g++ in the build stages, never in the runtime');
    expect(runsOf(dockerfile, 'base').join('\n')).toMatch(variant === 'alpine' ? /^apk add --no-cache python3 make g\+\+$/m : /apt-get install -y --no-install-recommends python3 make g\+\+/);
    // deps, build and prod-deps derive from base; the runtime does not
    expect(structure(dockerfile).stages.find((s) => s.name === 'runtime')!.image).not.toBe('base');
    expect(runsOf(dockerfile, 'runtime').join('\n')).not.toMatch(/python3|g\+\+/);
    expect(lintDockerfile(dockerfile).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('npm: says which add-ons package.json allowScripts does not approve (npm 12 skips their install scripts)', () => {
    const lock = JSON.stringify({
      lockfileVersion: 3,
      packages: { '': {}, 'node_modules/bcrypt': { version: '5.1.1', hasInstallScript: true }, 'node_modules/better-sqlite3': { version: '12.4.1', hasInstallScript: true } },
    });
    const line = (d: { evidence: string[] }) => d.evidence.find((e) => e.includes('allowScripts'));
    const none = generate({ 'package.json': pkg({}), 'package-lock.json': lock }).detection;
    expect(line(none)).toBe(
      'package.json: allowScripts does not approve bcrypt, better-sqlite3: npm 11 (in the node images) runs their install scripts and warns, npm 12 skips them and the add-on fails at run time; approve them with `npm install-scripts approve bcrypt better-sqlite3` and commit package.json',
    );
    // approved by name or pinned version; a false entry is a denial
    const some = generate({ 'package.json': pkg({ allowScripts: { 'bcrypt@5.1.1': true, 'better-sqlite3': false } }), 'package-lock.json': lock }).detection;
    expect(line(some)).toMatch(/^package\.json: allowScripts does not approve better-sqlite3: /);
    const all = generate({ 'package.json': pkg({ allowScripts: { bcrypt: true, 'better-sqlite3': true } }), 'package-lock.json': lock }).detection;
    expect(line(all)).toBeUndefined();
  });

  const envOf = (text: string, stage: string) =>
    structure(text).stages.find((s) => s.name === stage)!.instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args);

  it.each(['distroless', 'alpine'] as const)('%s: node-gyp builds against the node image\'s own headers (/usr/local/include/node), never downloading them', (variant) => {
    const { dockerfile } = generate({ 'package.json': pkg({ dependencies: { bcrypt: '^5.1.1' } }), 'package-lock.json': npmLock(true) }, { variant });
    // set in base, so every install stage (deps, prod-deps) inherits it; the runtime does not
    expect(envOf(dockerfile, 'base')).toEqual(['npm_config_nodedir=/usr/local']);
    expect(envOf(dockerfile, 'runtime').join('\n')).not.toMatch(/nodedir/);
  });

  it('an official node image under a mirror or as baseBuild keeps the headers setting; an image of unknown layout gets none', () => {
    const files = { 'package.json': pkg({}), 'package-lock.json': npmLock(true) };
    expect(envOf(generate(files, { baseBuild: 'node:24-bookworm' }).dockerfile, 'base')).toEqual(['npm_config_nodedir=/usr/local']);
    expect(envOf(generate(files, { registryMirror: 'mirror.example.com/hub' }).dockerfile, 'base')).toEqual(['npm_config_nodedir=/usr/local']);
    const custom = generate(files, { baseBuild: 'corp.example.com/platform/js-builder:7' }).dockerfile;
    expect(runsOf(custom, 'base').join('\n')).toMatch(/python3 make g\+\+/);
    expect(custom).not.toMatch(/nodedir/);
  });

  it('npm: prod-deps is deps without its dev dependencies (npm prune), so the add-ons compile once; a fresh install otherwise', () => {
    const files = { 'package.json': pkg({ dependencies: { bcrypt: '^5.1.1' } }), 'package-lock.json': npmLock(true) };
    const native = structure(generate(files).dockerfile).stages.find((s) => s.name === 'prod-deps')!;
    expect(native.image).toBe('deps');
    expect(runsOf(generate(files).dockerfile, 'prod-deps')).toEqual(['npm prune --omit=dev  && mkdir -p node_modules']);
    // no add-ons, or pruned manifests (another package.json than deps installed from): a fresh production install
    for (const dockerfile of [
      generate({ 'package.json': pkg({}), 'package-lock.json': npmLock(false) }).dockerfile,
      generate(files, { manifestsPath: 'dist/docker/api' }).dockerfile,
    ]) {
      expect(structure(dockerfile).stages.find((s) => s.name === 'prod-deps')!.image).toBe('base');
      expect(runsOf(dockerfile, 'prod-deps').join('\n')).toMatch(/npm ci --omit=dev/);
    }
    // pnpm, Yarn and Bun install afresh (their prune commands re-link from the store or rebuild)
    const pnpm = generate({ 'package.json': pkg({ packageManager: 'pnpm@9.15.9', dependencies: { bcrypt: '^5.1.1' } }), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\npackages:\n  bcrypt@5.1.1:\n    requiresBuild: true\n" });
    expect(runsOf(pnpm.dockerfile, 'prod-deps').join('\n')).toMatch(/pnpm install --frozen-lockfile --prod/);
  });

  it('none without install scripts, and the user can turn it off', () => {
    expect(generate({ 'package.json': pkg({}), 'package-lock.json': npmLock(false) }).dockerfile).not.toMatch(/g\+\+/);
    expect(generate({ 'package.json': pkg({}), 'package-lock.json': npmLock(true) }, { nativeBuildTools: false }).dockerfile).not.toMatch(/g\+\+|nodedir/);
  });
});

describe('no lockfile: the build still installs (without the frozen flag), and detection says it is not reproducible', () => {
  it.each([
    ['npm', {}, 'npm install'],
    ['pnpm', { packageManager: 'pnpm@9.15.9' }, 'pnpm install'],
    ['yarn', { packageManager: 'yarn@1.22.22' }, 'yarn install'],
    ['bun', { packageManager: 'bun@1.2.0' }, 'bun install'],
  ])('%s', (manager, fields, fix) => {
    const { detection, dockerfile } = generate({ 'package.json': pkg({ dependencies: { ms: '2.1.3' }, ...fields }) });
    expect(detection.lockfile).toBeNull();
    expect(detection.evidence).toContain(
      `no ${manager} lockfile (project or above): every build resolves dependency versions afresh, so builds are not reproducible; run \`${fix}\` and commit the lockfile it writes`,
    );
    // every COPY of the manifests is optional but package.json, and the install falls back to a plain one
    const copy = structure(dockerfile).stages.find((s) => s.name === 'deps')!.instructions.find((i) => i.keyword === 'COPY')!.args.split(' ');
    expect(copy.slice(1, -1).every((f) => f.endsWith('*'))).toBe(true);
    expect(stageNames(dockerfile)).toContain('prod-deps');
  });

  it('a lockfile of another manager than the packageManager field is no lockfile for it', () => {
    const { detection } = generate({ 'package.json': pkg({ packageManager: 'pnpm@9.15.9' }), 'package-lock.json': '{"lockfileVersion":3}' });
    expect(detection.lockfile).toBeNull();
  });

  it('with a lockfile: its path, no warning', () => {
    const { detection } = generate({ 'package.json': pkg({}), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" });
    expect(detection.lockfile).toBe('pnpm-lock.yaml');
    expect(detection.evidence.join('\n')).not.toContain('not reproducible');
  });
});

describe('a workspace root whose start runs a member (npm/pnpm/yarn workspaces outside Nx)', () => {
  const member = JSON.stringify({ name: 'api', version: '1.0.0', scripts: { start: 'node server.js' }, dependencies: { express: '^4.21.2' } });
  const web = JSON.stringify({ name: '@acme/web', version: '1.0.0', scripts: { start: 'node dist/main.js' } });

  it.each([
    // npm's workspaces docs: `npm run <script> --workspace=<name or path>`
    ['npm -w <path>', 'npm run start -w apps/api', {}, 'package-lock.json', 'apps/api/server.js'],
    ['npm --workspace=<name>', 'npm start --workspace=api', {}, 'package-lock.json', 'apps/api/server.js'],
    // pnpm's filtering docs: `pnpm --filter <name> <script>`
    ['pnpm --filter', 'pnpm --filter @acme/web start', { packageManager: 'pnpm@9.15.9' }, 'pnpm-lock.yaml', 'apps/web/dist/main.js'],
    // yarn's docs: `yarn workspace <name> <script>`
    ['yarn workspace', 'yarn workspace api run start', { packageManager: 'yarn@1.22.22' }, 'yarn.lock', 'apps/api/server.js'],
  ])('%s', (_, start, fields, lockfile, entry) => {
    const files = {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*'], scripts: { start }, ...fields }),
      ...(lockfile === 'pnpm-lock.yaml' ? { 'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n" } : {}),
      [lockfile]: lockfile === 'package-lock.json' ? '{"lockfileVersion":3}' : lockfile === 'pnpm-lock.yaml' ? "lockfileVersion: '9.0'\n" : '# yarn lockfile v1\n',
      'apps/api/package.json': member,
      'apps/api/server.js': '',
      'apps/web/package.json': web,
    };
    const { detection, options, dockerfile } = generateDockerfile({ workspaceRoot: '/repo', projectRoot: '.', fs: memoryFileReader(files) });
    expect(detection.entry).toBe(entry);
    expect(detection.evidence.some((e) => e.startsWith(`package.json: scripts.start "${start}" runs apps/`))).toBe(true);
    // the root install links every member: their manifests go in before both installs
    expect(options).toMatchObject({ workspaceManifests: ['apps/api/package.json', 'apps/web/package.json'] });
    const deps = structure(dockerfile).stages.find((s) => s.name === 'deps')!.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(deps.slice(1)).toEqual(['apps/api/package.json apps/api/', 'apps/web/package.json apps/web/']);
    expect(lintDockerfile(dockerfile).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a start script that runs no member, or a member that is not there: no entry from it', () => {
    const fs = memoryFileReader({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*'], scripts: { start: 'npm run start -w apps/missing' } }),
      'package-lock.json': '{"lockfileVersion":3}',
    });
    expect(generateDockerfile({ workspaceRoot: '/repo', projectRoot: '.', fs }).detection.entry).toBeNull();
  });
});

import { detectProject } from './detect-project';
import { memoryFileReader } from './file-reader';
import { nodeScriptEntry } from './node';

const APP = 'apps/web';
const pkg = (fields: Record<string, unknown> = {}): string =>
  JSON.stringify({ name: 'web', dependencies: { express: '^4.19.0' }, ...fields });

function detect(files: Record<string, string>, project = APP) {
  return detectProject(project, { workspaceRoot: '/ws', fs: memoryFileReader(files) });
}

describe('node: package manager', () => {
  it.each([
    ['package-lock.json in the project', { [`${APP}/package-lock.json`]: '{}' }, 'npm', 'package-lock.json: lockfile → npm'],
    ['npm-shrinkwrap.json', { [`${APP}/npm-shrinkwrap.json`]: '{}' }, 'npm', 'npm-shrinkwrap.json: lockfile → npm'],
    ['pnpm-lock.yaml only at the workspace root', { 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" }, 'pnpm', 'pnpm-lock.yaml (workspace root): lockfile → pnpm'],
    ['yarn.lock v1', { 'yarn.lock': '# yarn lockfile v1\n\nexpress@^4.19.0:\n  version "4.19.2"\n' }, 'yarn', 'yarn.lock (workspace root): lockfile → yarn (v1 lockfile)'],
    ['yarn.lock berry', { 'yarn.lock': '__metadata:\n  version: 8\n  cacheKey: 10c0\n\n"express@npm:^4.19.0":\n  version: 4.19.2\n' }, 'yarn', 'yarn.lock (workspace root): lockfile → yarn (Berry lockfile: __metadata)'],
    ['bun.lock', { 'bun.lock': '{\n  "lockfileVersion": 1,\n}\n' }, 'bun', 'bun.lock (workspace root): lockfile → bun'],
    ['bun.lockb', { [`${APP}/bun.lockb`]: '\u0000binary' }, 'bun', 'bun.lockb: lockfile → bun'],
    ['a lockfile in a folder between project and root wins over the root one', { 'apps/pnpm-lock.yaml': '', 'package-lock.json': '{}' }, 'pnpm', 'apps/pnpm-lock.yaml (above the project): lockfile → pnpm'],
    ['no lockfile anywhere', {}, 'npm', 'no packageManager field or lockfile found (project or above) → npm'],
  ])('%s', (_name, extra, manager, evidence) => {
    const d = detect({ [`${APP}/package.json`]: pkg(), ...extra });
    expect(d.language).toBe('node');
    expect(d.packageManager).toBe(manager);
    expect(d.evidence).toContain(evidence);
  });

  it('the packageManager field of the root package.json wins over a lockfile', () => {
    const d = detect({
      'package.json': JSON.stringify({ name: 'root', private: true, packageManager: 'pnpm@9.12.0+sha512.abc' }),
      'package-lock.json': '{}',
      [`${APP}/package.json`]: pkg(),
    });
    expect(d.packageManager).toBe('pnpm');
    expect(d.evidence).toContain('package.json (workspace root): packageManager "pnpm@9.12.0+sha512.abc" → pnpm');
    expect(d.evidence).toContain('package-lock.json (workspace root): ignored, the packageManager field wins');
  });

  it('packageManager yarn@4 is noted as Berry; the project field beats the root one', () => {
    const d = detect({
      'package.json': JSON.stringify({ name: 'root', packageManager: 'npm@10.8.0' }),
      [`${APP}/package.json`]: pkg({ packageManager: 'yarn@4.5.0' }),
    });
    expect(d.packageManager).toBe('yarn');
    expect(d.evidence).toContain('package.json: packageManager "yarn@4.5.0" → yarn (Yarn Berry)');
  });

  it('an unknown packageManager is reported and the lockfile decides', () => {
    const d = detect({ [`${APP}/package.json`]: pkg({ packageManager: 'deno@2.0.0' }), [`${APP}/yarn.lock`]: '' });
    expect(d.packageManager).toBe('yarn');
    expect(d.evidence).toContain('package.json: packageManager "deno@2.0.0" is not npm, pnpm, yarn or bun; ignored');
  });
});

describe('node: runtime version', () => {
  it.each([
    ['.nvmrc with a full version', { [`${APP}/.nvmrc`]: 'v20.11.1\n' }, '20', '.nvmrc: "v20.11.1" → 20'],
    ['.node-version', { [`${APP}/.node-version`]: '18.19.0' }, '18', '.node-version: "18.19.0" → 18'],
    ['.nvmrc lts/iron', { [`${APP}/.nvmrc`]: 'lts/iron' }, '20', '.nvmrc: "lts/iron" → 20 (LTS codename iron)'],
    ['.nvmrc lts/* means the default', { [`${APP}/.nvmrc`]: 'lts/*' }, null, '.nvmrc: "lts/*" → default'],
    ['.nvmrc only at the workspace root', { '.nvmrc': '20' }, '20', '.nvmrc (workspace root): "20" → 20'],
    ['.tool-versions nodejs', { '.tool-versions': 'python 3.12.1\nnodejs 20.1.0\n' }, '20', '.tool-versions (workspace root): nodejs "20.1.0" → 20'],
  ])('%s', (_name, extra, version, evidence) => {
    const d = detect({ [`${APP}/package.json`]: pkg(), ...extra });
    expect(d.runtimeVersion).toBe(version);
    expect(d.evidence.some((e) => e.startsWith(evidence))).toBe(true);
  });

  it.each([
    ['>=20', '26'], // only a floor: the catalog default when it satisfies it
    ['>=27', '27'], // a floor newer than the default
    ['^18.17', '18'],
    ['18.x', '18'],
    ['>=18 <21', '20'],
    ['^18 || ^20', '20'],
    ['*', null],
  ])('engines.node "%s" → %s', (range, version) => {
    const d = detect({ [`${APP}/package.json`]: pkg({ engines: { node: range } }) });
    expect(d.runtimeVersion).toBe(version);
    expect(d.evidence.some((e) => e.startsWith(`package.json: engines.node "${range}" → ${version ?? 'default'}`))).toBe(true);
  });

  it('the project folder is asked before the root: project engines beat a root .nvmrc', () => {
    const d = detect({ '.nvmrc': '18', [`${APP}/package.json`]: pkg({ engines: { node: '^20.10' } }) });
    expect(d.runtimeVersion).toBe('20');
  });

  it('within a folder .nvmrc beats engines.node', () => {
    const d = detect({ [`${APP}/.nvmrc`]: '20', [`${APP}/package.json`]: pkg({ engines: { node: '>=18' } }) });
    expect(d.runtimeVersion).toBe('20');
  });

  it('nothing found leaves the version to the default', () => {
    expect(detect({ [`${APP}/package.json`]: pkg() }).runtimeVersion).toBeNull();
  });
});

describe('node: entry', () => {
  it.each([
    ['scripts.start node <file>', { [`${APP}/package.json`]: pkg({ scripts: { start: 'node dist/main.js' } }) }, 'dist/main.js'],
    ['scripts.start with env and flags', { [`${APP}/package.json`]: pkg({ scripts: { start: 'NODE_ENV=production node --enable-source-maps -r dotenv/config ./dist/server.js' } }) }, 'dist/server.js'],
    ['NestJS: start runs nest, start:prod runs node', { [`${APP}/package.json`]: pkg({ scripts: { start: 'nest start', 'start:prod': 'node dist/main' } }), [`${APP}/src/main.ts`]: '' }, 'dist/main'],
    ['main', { [`${APP}/package.json`]: pkg({ main: './lib/index.js' }) }, 'lib/index.js'],
    ['bin object', { [`${APP}/package.json`]: pkg({ bin: { cli: './bin/cli.js' } }) }, 'bin/cli.js'],
    ['bin string', { [`${APP}/package.json`]: pkg({ bin: 'bin/run.mjs' }) }, 'bin/run.mjs'],
    ['start script beats main', { [`${APP}/package.json`]: pkg({ main: 'index.js', scripts: { start: 'node server.js' } }) }, 'server.js'],
    ['server.js on disk', { [`${APP}/package.json`]: pkg(), [`${APP}/server.js`]: '' }, 'server.js'],
    ['src/main.ts → its compiled output under dist/', { [`${APP}/package.json`]: pkg(), [`${APP}/src/main.ts`]: '' }, 'dist/main.js'],
    ['src/index.ts with tsconfig outDir/rootDir', {
      [`${APP}/package.json`]: pkg(), [`${APP}/src/index.ts`]: '',
      [`${APP}/tsconfig.json`]: JSON.stringify({ compilerOptions: { outDir: './build', rootDir: './src' } }),
    }, 'build/index.js'],
    ['next start runs no node file', { [`${APP}/package.json`]: pkg({ scripts: { start: 'next start' } }) }, null],
  ])('%s', (_name, files, entry) => {
    expect(detect(files).entry).toBe(entry);
  });

  it.each([
    ['npm run build && node dist/main.js', 'dist/main.js'],
    ['node --import ./otel.mjs --env-file .env dist/index.mjs', 'dist/index.mjs'],
    ['node -e "require(1)"', null],
    ['tsx watch src/index.ts', null],
  ])('nodeScriptEntry(%j) → %j', (script, entry) => {
    expect(nodeScriptEntry(script)).toBe(entry);
  });
});

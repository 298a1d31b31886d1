// Package managers chosen without a lockfile, as each tool documents it: Bun (`bun init`'s package.json with
// @types/bun, bunfig.toml, `packageManager: bun@…`, scripts that run bun), pnpm through `engines.pnpm` only, and
// Yarn Berry through `packageManager` or `engines.yarn` (Corepack's and Yarn's docs).
import { detectProject } from './detect-project';
import { memoryFileReader } from './file-reader';

const APP = 'apps/web';

function detect(files: Record<string, string>, project = APP) {
  return detectProject(project, { workspaceRoot: '/ws', fs: memoryFileReader(files) });
}

const json = (o: unknown) => JSON.stringify(o, null, 2);

describe('node: Bun without a lockfile', () => {
  it('`bun init` layout: devDependencies @types/bun, module index.ts', () => {
    const d = detect({ [`${APP}/package.json`]: json({ name: 'web', module: 'index.ts', type: 'module', devDependencies: { '@types/bun': 'latest' }, peerDependencies: { typescript: '^5' } }), [`${APP}/index.ts`]: 'Bun.serve({ port: 3000, fetch: () => new Response("hi") });\n' });
    expect(d.packageManager).toBe('bun');
    expect(d.evidence).toContain('package.json: depends on @types/bun → bun');
  });

  it('older bun-types', () => {
    const d = detect({ [`${APP}/package.json`]: json({ name: 'web', dependencies: { hono: '^4' }, devDependencies: { 'bun-types': '^1.1.0' } }) });
    expect(d.packageManager).toBe('bun');
  });

  it('bunfig.toml at the workspace root', () => {
    const d = detect({ 'bunfig.toml': '[install]\nexact = true\n', [`${APP}/package.json`]: json({ name: 'web', dependencies: { elysia: '^1' } }) });
    expect(d.packageManager).toBe('bun');
    expect(d.evidence).toContain("bunfig.toml (workspace root): Bun's config file → bun");
  });

  it('a script that runs bun or bunx', () => {
    for (const script of ['bun run src/index.ts', 'bun --watch src/index.ts', 'tsc && bunx vite build']) {
      const d = detect({ [`${APP}/package.json`]: json({ name: 'web', scripts: { dev: script }, dependencies: { hono: '^4' } }) });
      expect([script, d.packageManager]).toEqual([script, 'bun']);
    }
  });

  it('words that only contain "bun" are not a sign (bundle, bunyan)', () => {
    const d = detect({ [`${APP}/package.json`]: json({ name: 'web', scripts: { build: 'webpack --bundle', log: 'node app.js | bunyan' }, dependencies: { bunyan: '^1' } }) });
    expect(d.packageManager).toBe('npm');
  });

  it('packageManager bun@1.2.0 pins the version; engines.bun alone chooses bun', () => {
    const pinned = detect({ [`${APP}/package.json`]: json({ name: 'web', packageManager: 'bun@1.2.0', dependencies: { hono: '^4' } }) });
    expect(pinned).toMatchObject({ packageManager: 'bun', packageManagerVersion: '1.2.0' });
    const engines = detect({ [`${APP}/package.json`]: json({ name: 'web', engines: { bun: '>=1.1' }, dependencies: { hono: '^4' } }) });
    expect(engines.packageManager).toBe('bun');
    expect(engines.evidence).toContain('package.json: engines.bun → bun');
  });

  it('a lockfile of another manager wins over Bun hints (the lockfile is what was installed)', () => {
    const d = detect({ [`${APP}/package.json`]: json({ name: 'web', devDependencies: { '@types/bun': '^1' } }), [`${APP}/package-lock.json`]: '{}' });
    expect(d.packageManager).toBe('npm');
  });
});

describe('node: pnpm and Yarn Berry without a lockfile', () => {
  it('engines.pnpm only (root package.json of a workspace), version range kept', () => {
    const d = detect({ 'package.json': json({ name: 'ws', private: true, engines: { node: '>=20', pnpm: '>=9.0.0' } }), 'pnpm-workspace.yaml': 'packages:\n  - apps/*\n', [`${APP}/package.json`]: json({ name: 'web', dependencies: { fastify: '^5' } }) });
    expect(d).toMatchObject({ packageManager: 'pnpm', packageManagerVersion: '>=9.0.0' });
    expect(d.evidence).toContain('package.json (workspace root): engines.pnpm ">=9.0.0" → pnpm@>=9.0.0 from the npm registry');
  });

  it('engines.pnpm in the project package.json', () => {
    const d = detect({ [`${APP}/package.json`]: json({ name: 'web', engines: { pnpm: '^9' }, dependencies: { fastify: '^5' } }) });
    expect(d).toMatchObject({ packageManager: 'pnpm', packageManagerVersion: '^9' });
  });

  it('Yarn Berry from packageManager (Corepack) with a hash suffix', () => {
    const d = detect({ 'package.json': json({ name: 'ws', private: true, packageManager: 'yarn@4.9.4+sha512.0123abcd' }), [`${APP}/package.json`]: json({ name: 'web', dependencies: { koa: '^2' } }) });
    expect(d).toMatchObject({ packageManager: 'yarn', packageManagerVersion: '4.9.4' });
    expect(d.evidence).toContain('package.json (workspace root): packageManager "yarn@4.9.4+sha512.0123abcd" → yarn (Yarn Berry) 4.9.4, installed from the npm registry at exactly that version');
  });

  it('Yarn Berry from engines.yarn', () => {
    const d = detect({ [`${APP}/package.json`]: json({ name: 'web', engines: { yarn: '>=4' }, dependencies: { koa: '^2' } }) });
    expect(d).toMatchObject({ packageManager: 'yarn', packageManagerVersion: '>=4' });
  });

  it('engines.pnpm beats Bun hints; packageManager beats engines', () => {
    const both = detect({ [`${APP}/package.json`]: json({ name: 'web', engines: { pnpm: '9' }, devDependencies: { '@types/bun': '^1' } }) });
    expect(both.packageManager).toBe('pnpm');
    const field = detect({ [`${APP}/package.json`]: json({ name: 'web', packageManager: 'pnpm@9.15.9', engines: { yarn: '>=4' } }) });
    expect(field).toMatchObject({ packageManager: 'pnpm', packageManagerVersion: '9.15.9' });
  });
});

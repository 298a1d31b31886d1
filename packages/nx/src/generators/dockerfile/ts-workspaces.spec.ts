// Nx's TS-workspaces layout per package manager, from what `create-nx-workspace --preset=ts --workspaces --pm=<pm>`
// (Nx 23.2.1) wrote, followed by `nx g @nx/node:application apps/fastify-api --framework=fastify` and
// `nx g @nx/js:library libs/greeting` (and libs/other, which the app does not use); the app depends on the library by
// its package name. Lockfiles are trimmed to their header, importers and a few entries.
import fs from 'node:fs';
import path from 'node:path';
import { logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { lintDockerfile } from '@docker-ms/core';
import { dockerfileGenerator } from './generator';

const FIXTURES = path.join(__dirname, '__fixtures__');

function loadFixture(name: string): Tree {
  const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(FIXTURES, name, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) visit(rel);
      else tree.write(rel, fs.readFileSync(path.join(FIXTURES, name, rel)));
    }
  };
  visit('');
  return tree;
}

const read = (tree: Tree, file: string) => tree.read(file, 'utf-8') ?? '';
const stage = (dockerfile: string, name: string) => {
  const from = dockerfile.indexOf(` AS ${name}\n`);
  const next = dockerfile.indexOf('\nFROM ', from);
  return dockerfile.slice(from, next === -1 ? undefined : next);
};

describe.each([
  {
    pm: 'pnpm',
    fixture: 'nx-ts-pnpm',
    scope: '@ws-pnpm',
    // pnpm-lock.yaml lockfileVersion 9.0 (pnpm 12 still writes it); no packageManager field
    setup: "npm install --global 'pnpm@9'",
    manifests: 'COPY package.json pnpm-lock.yaml* pnpm-workspace.yaml* ./',
    // pnpm links each member's dependencies into the member's own node_modules: the app's fastify and its link to the
    // library (apps/fastify-api/node_modules/@ws-pnpm/greeting -> ../../../../libs/greeting), the library's tslib
    memberModules: ['apps/fastify-api/node_modules', 'libs/greeting/node_modules'],
    contextFiles: ['pnpm-lock.yaml', 'pnpm-workspace.yaml'],
    installMembers: ['apps/fastify-api', 'libs/greeting'],
    pin: 'pnpm@12.23.0',
    pinnedSetup: "npm install --global 'pnpm@12.23.0'",
  },
  {
    pm: 'yarn',
    fixture: 'nx-ts-yarn',
    scope: '@ws-yarn',
    // yarn.lock v1 and no packageManager field: Yarn 1 from the npm registry at the catalog's exact 1.22.22
    // (the default node 26 image ships no yarn)
    setup: "npm install --global 'yarn@1.22.22'",
    manifests: 'COPY package.json yarn.lock* .yarnrc.yml* ./',
    // Yarn 1 hoists into the root node_modules (node_modules/@ws-yarn/greeting -> ../../libs/greeting); a member's own
    // node_modules holds only what could not be hoisted, so each exists (possibly empty) in the runtime
    memberModules: ['apps/fastify-api/node_modules', 'libs/greeting/node_modules'],
    contextFiles: ['yarn.lock'],
    installMembers: ['apps/fastify-api', 'libs/greeting'],
    pin: 'yarn@1.22.22',
    pinnedSetup: "npm install --global --force 'yarn@1.22.22'",
  },
  {
    // The Yarn 1 workspace moved to Yarn 4 (packageManager yarn@4.9.4, nodeLinker: node-modules, "workspace:*", scope
    // renamed), its yarn.lock written by Yarn 4.9.4 (create-nx-workspace --pm=yarn with Yarn 4 runs `yarn set version`,
    // which needs repo.yarnpkg.com, unreachable here)
    pm: 'yarn4',
    fixture: 'nx-ts-yarn-berry',
    scope: '@ws-berry',
    setup: "npm install --global --force '@yarnpkg/cli-dist@4.9.4'",
    manifests: 'COPY package.json yarn.lock* .yarnrc.yml* ./',
    memberModules: ['apps/fastify-api/node_modules', 'libs/greeting/node_modules'],
    contextFiles: ['yarn.lock', '.yarnrc.yml', 'libs/other/package.json'],
    // `yarn install --immutable` stops when a member the lockfile records is missing: every member's manifest goes in
    installMembers: ['apps/fastify-api', 'libs/greeting', 'libs/other'],
    pin: 'yarn@4.9.4',
    pinnedSetup: "npm install --global --force '@yarnpkg/cli-dist@4.9.4'",
  },
])('create-nx-workspace --preset=ts --pm=$pm: a fastify app importing an @nx/js library', ({ fixture, scope, setup, manifests, memberModules, contextFiles, installMembers, pin, pinnedSetup }) => {
  let tree: Tree;
  beforeEach(() => {
    tree = loadFixture(fixture);
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('the fixture is the real layout: the app declares the library, the workspace lists both', () => {
    const app = JSON.parse(read(tree, 'apps/fastify-api/package.json'));
    expect(Object.keys(app.dependencies)).toContain(`${scope}/greeting`);
    expect(read(tree, 'apps/fastify-api/src/app/routes/root.ts')).toContain(`from '${scope}/greeting'`);
  });

  it('the members the install needs go in before both installs, with the workspace settings', async () => {
    await dockerfileGenerator(tree, { addPlugin: false, project: 'fastify-api' });
    const dockerfile = read(tree, 'apps/fastify-api/Dockerfile');
    const members = `${manifests}\n${installMembers.map((m) => `COPY ${m}/package.json ${m}/\n`).join('')}# Registry`;
    expect(stage(dockerfile, 'deps')).toContain(members);
    expect(stage(dockerfile, 'prod-deps')).toContain(members.replace('# Registry', '# node_modules'));
    // the unused library is never built or shipped
    expect(stage(dockerfile, 'runtime')).not.toContain('libs/other/dist');
    expect(dockerfile).not.toContain('dist/docker'); // workspace members, not the executor's pruned manifests
    // the context holds the app's closure only: sync generators would call the root tsconfig.json's references out of sync
    expect(stage(dockerfile, 'build')).toContain('\nRUN NX_DAEMON=false NX_NO_CLOUD=true npx nx run fastify-api:build --skip-sync\n');
    expect(stage(dockerfile, 'base')).toContain(`RUN --mount=type=cache,target=/root/.npm \\\n    ${setup}\n`);
    expect(dockerfile).not.toMatch(/corepack|@latest/);
    expect(lintDockerfile(dockerfile).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('the runtime gets the library where the links point (package.json + dist, no sources) and each member\'s node_modules', async () => {
    await dockerfileGenerator(tree, { addPlugin: false, project: 'fastify-api' });
    const runtime = stage(read(tree, 'apps/fastify-api/Dockerfile'), 'runtime');
    expect(runtime).toContain('COPY --from=prod-deps /app/node_modules ./node_modules\n');
    for (const m of memberModules) expect(runtime).toContain(`COPY --from=prod-deps /app/${m} ./${m}\n`);
    expect(runtime).toContain('COPY --from=build /app/libs/greeting/package.json ./libs/greeting/package.json\nCOPY --from=build /app/libs/greeting/dist ./libs/greeting/dist\n');
    expect(runtime).not.toMatch(/libs\/greeting\/src/);
    expect(runtime).toContain('COPY --from=build /app/apps/fastify-api/dist ./apps/fastify-api/dist\n');
    // Nx's fastify template: host from HOST with a loopback default, port from PORT
    expect(runtime).toContain('ENV HOST=0.0.0.0 PORT=3000\n');
    expect(runtime).toContain('EXPOSE 3000\n');
    expect(runtime).toMatch(/^CMD \[.*"apps\/fastify-api\/dist\/main\.js"\]$/m);
  });

  it('the build context holds the workspace settings, the app and the library, not the unused member', async () => {
    await dockerfileGenerator(tree, { addPlugin: false, project: 'fastify-api' });
    const allowed = read(tree, 'apps/fastify-api/Dockerfile.dockerignore').split('\n').filter((l) => l.startsWith('!'));
    expect(allowed).toEqual(expect.arrayContaining(['!apps/fastify-api/**', '!libs/greeting/**']));
    expect(allowed.filter((l) => l.includes('libs/other'))).toEqual(contextFiles.filter((f) => f.startsWith('libs/other')).map((f) => `!${f}`));
    expect(allowed).toEqual(expect.arrayContaining(['!package.json', '!tsconfig.base.json', '!tsconfig.json', '!nx.json', ...contextFiles.map((f) => `!${f}`)]));
  });

  it(`a packageManager pin ("${pin}") is installed at exactly that version`, async () => {
    const root = JSON.parse(read(tree, 'package.json'));
    tree.write('package.json', JSON.stringify({ ...root, packageManager: pin }, null, 2));
    await dockerfileGenerator(tree, { addPlugin: false, project: 'fastify-api' });
    expect(stage(read(tree, 'apps/fastify-api/Dockerfile'), 'base')).toContain(`    ${pinnedSetup}\n`);
  });
});

describe('create-nx-workspace --preset=ts --pm=yarn with Yarn 4: the committed release', () => {
  it('a yarnPath release (what `yarn set version` writes) and committed plugins reach the context the Dockerfile copies them from', async () => {
    const tree = loadFixture('nx-ts-yarn-berry');
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    tree.write('.yarnrc.yml', `${read(tree, '.yarnrc.yml')}yarnPath: .yarn/releases/yarn-4.9.4.cjs\n`);
    tree.write('.yarn/releases/yarn-4.9.4.cjs', '// the Yarn release\n');
    tree.write('.yarn/plugins/@yarnpkg/plugin-workspace-tools.cjs', '// a plugin\n');
    await dockerfileGenerator(tree, { addPlugin: false, project: 'fastify-api' });
    const dockerfile = read(tree, 'apps/fastify-api/Dockerfile');
    expect(dockerfile).toContain('COPY .yarn/releases/yarn-4.9.4.cjs /usr/local/lib/yarn-release.cjs\n');
    expect(dockerfile).toContain('COPY .yarn/plugins ./.yarn/plugins/\n');
    const allowed = read(tree, 'apps/fastify-api/Dockerfile.dockerignore').split('\n').filter((l) => l.startsWith('!'));
    expect(allowed).toEqual(expect.arrayContaining(['!.yarnrc.yml', '!.yarn/releases/**', '!.yarn/plugins/**']));
    jest.restoreAllMocks();
  });
});

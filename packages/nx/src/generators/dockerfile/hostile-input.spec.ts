import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addProjectConfiguration, logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { FsTree } from 'nx/src/generators/tree';
import { parseDockerfile } from '@docker-ms/core';
import { dockerfileGenerator } from './generator';

function nodeApp(tree: Tree, name: string, root: string): void {
  addProjectConfiguration(tree, name, {
    root,
    projectType: 'application',
    targets: { build: { executor: '@nx/esbuild:esbuild', options: { outputPath: `dist/${root}`, main: `${root}/src/main.ts` } } },
  });
  tree.write(`${root}/src/main.ts`, 'console.log("x");\n');
}

describe('dockerfile generator: hostile project names', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    tree.write('package.json', JSON.stringify({ name: 'ws', private: true, devDependencies: { nx: '23.2.1' } }));
    tree.write('package-lock.json', JSON.stringify({ name: 'ws', lockfileVersion: 3, packages: {} }));
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('passes the project name to `nx run` as one quoted shell word', async () => {
    nodeApp(tree, "inj$(id -u>&2)'x", 'apps/inj');
    await dockerfileGenerator(tree, { project: "inj$(id -u>&2)'x" });
    const dockerfile = tree.read('apps/inj/Dockerfile', 'utf-8')!;
    const runs = parseDockerfile(dockerfile).instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent());
    expect(runs).toContain(`NX_DAEMON=false NX_NO_CLOUD=true npx nx run 'inj$(id -u>&2)'\\''x:build' --skip-sync`);
  });
});

describe('dockerfile generator: never writes through a link', () => {
  afterEach(() => jest.restoreAllMocks());

  function diskWorkspace(): string {
    const root = mkdtempSync(join(tmpdir(), 'docker-ms-nx-links-'));
    const files: Record<string, string> = {
      'nx.json': '{}\n',
      'package.json': JSON.stringify({ name: 'ws', private: true }),
      'apps/svc/project.json': JSON.stringify({ name: 'svc', root: 'apps/svc', projectType: 'application' }),
      'apps/svc/go.mod': 'module example.com/svc\n\ngo 1.22\n',
      'apps/svc/main.go': 'package main\n\nfunc main() {}\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  it.each(['apps/svc/Dockerfile', 'apps/svc/.dockerignore'])('refuses %s when it is a dangling link on disk; the Tree records no change', async (link) => {
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    const root = diskWorkspace();
    const outside = join(mkdtempSync(join(tmpdir(), 'docker-ms-outside-')), 'pwned');
    symlinkSync(outside, join(root, link));
    const tree = new FsTree(root, false);
    await expect(dockerfileGenerator(tree, { project: 'svc', skipFormat: true })).rejects.toThrow(
      `${link}: is a symbolic link; docker-ms does not write through links (remove it, then run the generator again)`,
    );
    expect(tree.listChanges()).toEqual([]);
    expect(existsSync(outside)).toBe(false);
  });

  it('refuses when the project folder on the way is a link', async () => {
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    const root = diskWorkspace();
    const elsewhere = mkdtempSync(join(tmpdir(), 'docker-ms-elsewhere-'));
    mkdirSync(join(root, 'apps/other'));
    writeFileSync(join(root, 'apps/other/project.json'), JSON.stringify({ name: 'other', root: 'apps/other/src', projectType: 'application' }));
    symlinkSync(elsewhere, join(root, 'apps/other/src'));
    writeFileSync(join(elsewhere, 'go.mod'), 'module x\n\ngo 1.22\n');
    const tree = new FsTree(root, false);
    addProjectConfiguration(tree, 'linked', { root: 'apps/other/src', projectType: 'application' });
    await expect(dockerfileGenerator(tree, { project: 'linked', skipFormat: true })).rejects.toThrow(
      'apps/other/src/Dockerfile: apps/other/src is a symbolic link; docker-ms does not write through links',
    );
    expect(readdirSync(elsewhere)).toEqual(['go.mod']);
  });
});

describe('dockerfile generator: bad manifests', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['package.json', '{\n  "name": "web"\n  "main": "server.js"\n}\n', 'apps/web/package.json:3:3: expected "," or "}" but found "\\""'],
    ['go.mod', 'module x\ngo 1.22\nrequre a v1\n', 'apps/web/go.mod:3:1: unknown directive: requre'],
    ['pom.xml', '<project><artifactId>x</artifactId></projec>', 'apps/web/pom.xml:1:'],
  ])('%s: the file, the position and the parse error; nothing written', async (name, text, message) => {
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    addProjectConfiguration(tree, 'web', { root: 'apps/web', projectType: 'application' });
    tree.write(`apps/web/${name}`, text);
    const before = tree.listChanges().length;
    await expect(dockerfileGenerator(tree, { project: 'web' })).rejects.toThrow(message);
    expect(tree.listChanges()).toHaveLength(before);
    expect(tree.exists('apps/web/Dockerfile')).toBe(false);
  });
});

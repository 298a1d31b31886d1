import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { addProjectConfiguration, logger, readProjectConfiguration, type TargetConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { dockerfileGenerator } from '../generators/dockerfile/generator';
import { snapshotFiles } from '../utils/testing';
import { createNodes } from './plugin';

/** What the generator writes into project.json is what the plugin infers from the same files, so init can swap one for the other. */
describe('inferred docker-build equals the written one', () => {
  let tree: Tree;
  let root: string;
  beforeEach(() => {
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    tree.write('package.json', '{"name":"ws","devDependencies":{"nx":"23.2.1"}}');
    tree.write('package-lock.json', '{"lockfileVersion":3}');
    root = mkdtempSync(join(tmpdir(), 'docker-ms-same-'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  async function inferred(projectRoot: string): Promise<TargetConfiguration | undefined> {
    for (const [path, content] of Object.entries(snapshotFiles(tree))) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const [[, result]] = await createNodes[1]([`${projectRoot}/Dockerfile`], {}, { workspaceRoot: root, nxJsonConfiguration: {} });
    return result.projects?.[projectRoot]?.targets?.['docker-build'];
  }

  it('node app built by Nx (workspace-root context)', async () => {
    addProjectConfiguration(tree, 'api', {
      root: 'apps/api',
      projectType: 'application',
      targets: { build: { executor: '@nx/esbuild:esbuild', options: { outputPath: 'dist/apps/api', main: 'apps/api/src/main.ts' } } },
    });
    tree.write('apps/api/src/main.ts', '');
    await dockerfileGenerator(tree, { addPlugin: false, project: 'api' });
    expect(await inferred('apps/api')).toEqual(readProjectConfiguration(tree, 'api').targets?.['docker-build']);
  });

  it.each([
    ['go', { 'go.mod': 'module x\n\ngo 1.22\n', 'main.go': 'package main\nfunc main() {}\n' }],
    ['python', { 'requirements.txt': '', 'main.py': '' }],
    ['rust', { 'Cargo.toml': '[package]\nname = "x"\nversion = "0.1.0"\nedition = "2021"\n', 'src/main.rs': 'fn main() {}\n' }],
    ['node with its own lockfile', { 'package.json': '{"name":"x","dependencies":{"ms":"2.1.3"}}', 'package-lock.json': '{}', 'index.js': '' }],
  ])('%s app (project-root context): the same target, neither depending on a host build (the image builds the app)', async (_label, files) => {
    addProjectConfiguration(tree, 'app', { root: 'apps/app', projectType: 'application', targets: { build: { command: 'echo build' } } });
    for (const [path, content] of Object.entries(files)) tree.write(`apps/app/${path}`, content);
    await dockerfileGenerator(tree, { addPlugin: false, project: 'app' });
    const written = readProjectConfiguration(tree, 'app').targets?.['docker-build'] as TargetConfiguration;
    expect(written.dependsOn).toBeUndefined();
    expect(await inferred('apps/app')).toEqual(written);
  });
});

import { addProjectConfiguration, logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { DockerfileParser } from 'dockerfile-ast';
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
    const runs = DockerfileParser.parse(dockerfile).getInstructions().filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent());
    expect(runs).toContain(`NX_DAEMON=false NX_NO_CLOUD=true npx nx run 'inj$(id -u>&2)'\\''x:build'`);
  });
});

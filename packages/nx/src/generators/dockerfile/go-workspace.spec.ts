import { addProjectConfiguration, logger, readProjectConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { contextSources, inferContext } from '@docker-ms/core';
import { dockerfileGenerator } from './generator';

// An Nx workspace holding a Go workspace (go.work at the root, modules in sub-folders, no root go.mod), as
// @nx-go sets one up: the Nx project points at services/api, which imports pkg/greet through the workspace.
const FILES: Record<string, string> = {
  'go.work': 'go 1.26\n\nuse (\n\t./pkg/greet\n\t./pkg/unused\n\t./services/api\n)\n',
  'go.work.sum': '',
  'services/api/go.mod': 'module example.com/services/api\n\ngo 1.26\n',
  'services/api/cmd/api/main.go': 'package main\n\nimport "example.com/pkg/greet"\n\nfunc main() { println(greet.Hello()) }\n',
  'pkg/greet/go.mod': 'module example.com/pkg/greet\n\ngo 1.26\n',
  'pkg/greet/go.sum': '',
  'pkg/greet/greet.go': 'package greet\n\nfunc Hello() string { return "hi" }\n',
  'pkg/unused/go.mod': 'module example.com/pkg/unused\n\ngo 1.26\n',
  'pkg/unused/u.go': 'package unused\n',
};

describe('dockerfile generator: a module of a go.work', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    tree.write('package.json', JSON.stringify({ name: 'ws', private: true, devDependencies: { nx: '23.2.1' } }, null, 2));
    for (const [path, text] of Object.entries(FILES)) tree.write(path, text);
    addProjectConfiguration(tree, 'api', { root: 'services/api', projectType: 'application' });
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('builds from the go.work folder in workspace mode; the allowlist sends the modules the app reads and every go.mod', async () => {
    await dockerfileGenerator(tree, { addPlugin: false, project: 'api' });
    const dockerfile = tree.read('services/api/Dockerfile', 'utf-8')!;
    expect(dockerfile).toContain('ENV GOWORK=/src/go.work\nCOPY go.work go.work.sum* ./\n');
    expect(dockerfile).toContain('COPY pkg/unused/go.mod pkg/unused/go.sum* pkg/unused/\n');
    expect(dockerfile).toMatch(/-o \/out\/api \.\/services\/api\/cmd\/api\n/);
    expect(readProjectConfiguration(tree, 'api').targets?.['docker-build']?.options?.context).toBe('.');

    const allow = tree.read('services/api/Dockerfile.dockerignore', 'utf-8')!.split('\n').filter((l) => l.startsWith('!'));
    expect(allow).toEqual(['!pkg/greet/**', '!services/api/**', '!go.work', '!go.work.sum', '!pkg/unused/go.mod']);
  });

  it('the plugin infers the same context from the Dockerfile it wrote', async () => {
    await dockerfileGenerator(tree, { addPlugin: false, project: 'api' });
    const sources = contextSources(tree.read('services/api/Dockerfile', 'utf-8')!);
    expect(inferContext(sources, 'services/api', (p) => tree.exists(p))).toBe('.');
  });
});

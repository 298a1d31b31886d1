import type { ProjectConfiguration } from '@nx/devkit';
import { nxProjectFacts } from './nx-metadata';

const project = (targets: ProjectConfiguration['targets']): ProjectConfiguration => ({ name: 'api', root: 'apps/api', targets });

describe('nxProjectFacts', () => {
  it.each([
    ['@nx/js:tsc', 'node'],
    ['@nx/node:node', 'node'],
    ['@nx/webpack:webpack', 'node'],
    ['@nx/esbuild:esbuild', 'node'],
    ['@nxlv/python:build', 'python'],
    ['@nx-go/nx-go:build', 'go'],
    ['@monodon/rust:build', 'rust'],
    ['@jnxplus/nx-maven:run-task', 'java'],
    ['@nx/gradle:gradle', 'java'],
    ['@nx/maven:maven', 'java'],
  ])('executor %s hints %s', (executor, language) => {
    expect(nxProjectFacts(project({ build: { executor } })).languageHint?.language).toBe(language);
  });

  it.each([
    ['@nx/esbuild (integrated app, no package.json)', { build: '@nx/esbuild:esbuild', lint: '@nx/eslint:lint' }, [], ['node']],
    ['@nx-go/nx-go', { build: '@nx-go/nx-go:build', serve: '@nx-go/nx-go:serve' }, [], ['go', 'go']],
    ['@nxlv/python', { install: '@nxlv/python:install' }, [], ['python']],
    ['@monodon/rust', { build: '@monodon/rust:build' }, [], ['rust']],
    ['@nrwl/node', { build: '@nrwl/node:webpack' }, [], ['node']],
    ['@jnxplus/nx-maven', { build: '@jnxplus/nx-maven:run-task' }, [], ['java']],
    ['tag nx-gradle', { build: 'nx:run-commands' }, ['nx-gradle'], ['java']],
    ['generic executors', { build: 'nx:run-commands', test: '@nx/jest:jest' }, [], []],
  ])('%s → hints %j for detection', (_name, executors, tags, languages) => {
    const targets = Object.fromEntries(Object.entries(executors).map(([name, executor]) => [name, { executor }]));
    expect(nxProjectFacts({ ...project(targets), tags }).languageHints.map((h) => h.language)).toEqual(languages);
  });

  it('hints only by executor: technologies are left to the fallback', () => {
    const facts = nxProjectFacts(project({ build: { command: 'cargo build', metadata: { technologies: ['cargo'] } } }));
    expect(facts.languageHints).toEqual([]);
  });

  it('reads metadata.technologies of inferred targets', () => {
    const facts = nxProjectFacts(project({ build: { command: 'cargo build', metadata: { technologies: ['cargo'] } } }));
    expect(facts.languageHint).toEqual({ language: 'rust', because: 'target "build" lists technology "cargo"' });
  });

  it('has no hint for run-commands without technologies', () => {
    expect(nxProjectFacts(project({ build: { command: 'make' } })).languageHint).toBeUndefined();
  });

  it('prefers the build target for the hint', () => {
    const facts = nxProjectFacts(project({ lint: { executor: '@nx/eslint:lint' }, test: { executor: '@nx/jest:jest', metadata: { technologies: ['jest'] } }, build: { executor: '@nxlv/python:build' } }));
    expect(facts.languageHint?.language).toBe('python');
    expect(facts.buildTarget).toBe('build');
  });

  it('takes outputPath from the build options', () => {
    expect(nxProjectFacts(project({ build: { executor: '@nx/js:tsc', options: { outputPath: 'dist/apps/api' } } })).outputPath).toBe('dist/apps/api');
  });

  it('resolves tokens in outputs when there is no outputPath option', () => {
    expect(nxProjectFacts(project({ build: { executor: '@nx/esbuild:esbuild', outputs: ['{workspaceRoot}/dist/{projectRoot}'] } })).outputPath).toBe('dist/apps/api');
    expect(nxProjectFacts(project({ build: { command: 'tsc -b', outputs: ['{projectRoot}/dist'] } })).outputPath).toBe('apps/api/dist');
    expect(nxProjectFacts(project({ build: { executor: '@nx/webpack:webpack', outputs: ['{options.outputPath}'], options: { outputPath: 'dist/x' } } })).outputPath).toBe('dist/x');
  });

  it('an outputs glob of a folder\'s contents names the folder: @nx/next/plugin\'s `.next/!(cache)` → .next', () => {
    // what `nx show project` prints for an app of create-nx-workspace --preset=next (Nx 23.2.1)
    const next = { executor: 'nx:run-commands', options: { cwd: 'apps/api', command: 'next build' }, outputs: ['{workspaceRoot}/apps/api/.next/!(cache)/**/*', '{workspaceRoot}/apps/api/.next/!(cache)'] };
    expect(nxProjectFacts(project({ build: next })).outputPath).toBe('apps/api/.next');
    expect(nxProjectFacts(project({ build: { command: 'x', outputs: ['{projectRoot}/dist/**/*', '{projectRoot}/*.tsbuildinfo'] } })).outputPath).toBe('apps/api/dist');
    expect(nxProjectFacts(project({ build: { command: 'x', outputs: ['{projectRoot}/dist/*.js', '{projectRoot}/dist/!(cache)/*.map'] } })).outputPath).toBeUndefined();
  });

  it('gives no outputPath for globs, several outputs or paths outside the workspace', () => {
    expect(nxProjectFacts(project({ build: { command: 'x', outputs: ['{projectRoot}/dist/**/*.js'] } })).outputPath).toBeUndefined();
    expect(nxProjectFacts(project({ build: { command: 'x', outputs: ['{projectRoot}/dist', '{projectRoot}/types'] } })).outputPath).toBeUndefined();
    expect(nxProjectFacts(project({ build: { command: 'x', options: { outputPath: '../elsewhere' } } })).outputPath).toBeUndefined();
  });

  it('finds a build target by executor when none is named build', () => {
    const facts = nxProjectFacts(project({ compile: { executor: '@nx/js:tsc', options: { outputPath: 'dist/apps/api' } } }));
    const hint = { language: 'node', because: 'target "compile" uses @nx/js:tsc' };
    expect(facts).toEqual({ buildTarget: 'compile', outputPath: 'dist/apps/api', languageHint: hint, languageHints: [hint], warnings: [] });
  });

  it('has no build target for a project without one', () => {
    const hint = { language: 'node', because: 'target "serve" uses @nx/js:node' };
    expect(nxProjectFacts(project({ serve: { executor: '@nx/js:node' } }))).toEqual({ languageHint: hint, languageHints: [hint], warnings: [] });
  });

  it.each([
    [{ executor: '@nx/js:tsc', options: { outputPath: 'dist/apps/api', main: 'apps/api/src/main.ts' } }, 'src/main.js'],
    [{ executor: '@nx/js:swc', options: { outputPath: 'dist/apps/api', main: 'apps/api/src/main.ts', rootDir: 'apps/api/src' } }, 'main.js'],
    [{ executor: '@nx/esbuild:esbuild', options: { outputPath: 'dist/apps/api', main: 'apps/api/src/server.ts' } }, 'server.js'],
    [{ executor: '@nx/esbuild:esbuild', options: { outputPath: 'dist/apps/api', main: 'apps/api/src/main.ts', outputFileName: 'index.js' } }, 'index.js'],
    [{ executor: '@nx/webpack:webpack', options: { outputPath: 'dist/apps/api', main: 'apps/api/src/main.ts' } }, 'main.js'],
  ])('derives the start script inside outputPath from %j', (build, entry) => {
    expect(nxProjectFacts(project({ build })).entry).toBe(entry);
  });

  it('derives no entry when it cannot tell the layout', () => {
    expect(nxProjectFacts(project({ build: { executor: '@nx/js:tsc', options: { outputPath: 'dist/x', main: 'other/main.ts' } } })).entry).toBeUndefined();
    expect(nxProjectFacts(project({ build: { command: 'tsc', outputs: ['{projectRoot}/dist'] } })).entry).toBeUndefined();
  });
});

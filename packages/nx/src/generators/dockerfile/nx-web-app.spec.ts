import { nxProjectFacts } from './nx-metadata';

const project = (executor: string, options: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({ name: 'shop', root: 'apps/shop', projectType: 'application' as const, targets: { build: { executor, options, ...extra } } });

describe('Nx web build executors: static sites', () => {
  it('@nx/angular:application writes <outputPath>/browser', () => {
    const facts = nxProjectFacts(project('@nx/angular:application', { outputPath: 'dist/apps/shop', index: 'apps/shop/src/index.html', browser: 'apps/shop/src/main.ts' }));
    expect(facts.staticSite?.root).toBe('dist/apps/shop/browser');
    expect(facts.staticSite?.hint).toEqual({
      because: 'project.json: target "build" uses @nx/angular:application',
      framework: { name: 'angular', kind: 'static', build: null, outputDir: '../../dist/apps/shop/browser', spaFallback: true },
    });
    expect(facts.languageHints).toEqual([{ language: 'node', because: 'target "build" uses @nx/angular:application' }]);
  });

  it('@angular-devkit/build-angular:browser-esbuild writes outputPath; an SSR application is no static site', () => {
    expect(nxProjectFacts(project('@angular-devkit/build-angular:browser-esbuild', { outputPath: 'dist/apps/shop' })).staticSite?.root).toBe('dist/apps/shop');
    expect(nxProjectFacts(project('@nx/angular:application', { outputPath: 'dist/apps/shop', ssr: { entry: 'apps/shop/src/server.ts' } })).staticSite).toBeUndefined();
  });

  it('@nx/webpack:webpack with an index.html and target web', () => {
    const facts = nxProjectFacts(project('@nx/webpack:webpack', { outputPath: 'dist/apps/shop', index: 'apps/shop/src/index.html', main: 'apps/shop/src/main.tsx', target: 'web' }));
    expect(facts.staticSite?.root).toBe('dist/apps/shop');
    expect(facts.staticSite?.hint.framework.name).toBe('webpack');
  });

  it('@nx/vite:build finds the index.html in the project folder', () => {
    const exists = (p: string) => p === 'apps/shop/index.html';
    expect(nxProjectFacts(project('@nx/vite:build', { outputPath: 'dist/apps/shop' }), exists).staticSite?.root).toBe('dist/apps/shop');
    expect(nxProjectFacts(project('@nx/vite:build', { outputPath: 'dist/apps/shop' })).staticSite).toBeUndefined();
  });

  it('server builds are not sites: @nx/esbuild (platform node by default), @nx/webpack target node', () => {
    const exists = () => true;
    expect(nxProjectFacts(project('@nx/esbuild:esbuild', { outputPath: 'dist/apps/shop', main: 'apps/shop/src/main.ts' }), exists).staticSite).toBeUndefined();
    expect(nxProjectFacts(project('@nx/webpack:webpack', { outputPath: 'dist/apps/shop', target: 'node', main: 'apps/shop/src/main.ts' }), exists).staticSite).toBeUndefined();
    expect(nxProjectFacts(project('@nx/esbuild:esbuild', { outputPath: 'dist/apps/shop', platform: 'browser' }), exists).staticSite?.root).toBe('dist/apps/shop');
  });
});

describe('Nx Angular SSR (create-nx-workspace --preset=angular-monorepo --ssr)', () => {
  // the build target Nx 23.2.1 writes into apps/shop/project.json
  const ssr = { outputPath: 'dist/apps/shop', browser: 'apps/shop/src/main.ts', server: 'apps/shop/src/main.server.ts', ssr: { entry: 'apps/shop/src/server.ts' }, outputMode: 'server' };

  it.each(['@angular/build:application', '@angular-devkit/build-angular:application', '@nx/angular:application'])('%s: the server starts from <outputPath>/server/server.mjs', (executor) => {
    const facts = nxProjectFacts(project(executor, ssr));
    expect([facts.outputPath, facts.entry, facts.staticSite]).toEqual(['dist/apps/shop', 'server/server.mjs', undefined]);
  });

  it('an outputPath object names the base and the server folder; outputMode static is a site', () => {
    const facts = nxProjectFacts(project('@angular/build:application', { ...ssr, outputPath: { base: 'dist/shop', server: 'node' } }));
    expect([facts.outputPath, facts.entry]).toEqual(['dist/shop', 'node/server.mjs']);
    expect(nxProjectFacts(project('@angular/build:application', { ...ssr, outputMode: 'static' })).entry).toBeUndefined();
  });
});

describe('Nx Angular SSR: allowed hosts', () => {
  const ssr = { outputPath: 'dist/apps/shop', ssr: { entry: 'apps/shop/src/server.ts' }, outputMode: 'server' };

  it('warns when the build lists no allowed hosts (Nx writes none; Angular 22 then answers 400 to every request)', () => {
    expect(nxProjectFacts(project('@angular/build:application', ssr)).warnings).toEqual([
      'target "build": build option security.allowedHosts is empty → the server renders no request (Angular 21 serves the client-side shell, Angular 22 answers 400); list the host names the app is reached by (e.g. ["shop.example.com"]) or set NG_ALLOWED_HOSTS when the container starts',
    ]);
    expect(nxProjectFacts(project('@angular/build:application', { ...ssr, security: { allowedHosts: ['shop.example.com'] } })).warnings).toEqual([]);
    expect(nxProjectFacts(project('@nx/esbuild:esbuild', { outputPath: 'dist/apps/shop', main: 'apps/shop/src/main.ts' })).warnings).toEqual([]);
  });
});

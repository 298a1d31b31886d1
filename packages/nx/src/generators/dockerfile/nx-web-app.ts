import type { ProjectConfiguration, TargetConfiguration } from '@nx/devkit';
import { angularBrowserOutput, type FrameworkHint } from '@docker-ms/core';

/** Nx's Angular executors → the Angular CLI builder that lays out the same output. */
const ANGULAR_BUILDERS: Record<string, string> = {
  '@nx/angular:application': '@angular/build:application',
  '@nx/angular:browser-esbuild': '@angular-devkit/build-angular:browser-esbuild',
  '@nx/angular:webpack-browser': '@angular-devkit/build-angular:browser',
};
const ANGULAR = /^@angular(?:-devkit\/build-angular|\/build):/;
/** Bundlers of web apps when the target names an HTML index (webpack/rspack `index`, esbuild `platform: browser`). */
const BUNDLERS = /^@nx\/(?:webpack:webpack|rspack:rspack|esbuild:esbuild|vite:build)$/;

/** A workspace path relative to the app folder ('dist/apps/web' from 'apps/web' → '../../dist/apps/web'). */
function fromApp(root: string, wsPath: string): string {
  const up = root.split('/').filter(Boolean).map(() => '..');
  return [...up, wsPath].join('/');
}

/**
 * A web app an Nx build executor writes as files (Angular's builders; webpack, rspack, esbuild or Vite with an
 * index.html and no server entry): the document root, workspace-relative, and the hint core's detection uses when
 * the app's own files do not say so (project.json options instead of a config file).
 */
export function nxStaticSite(
  project: ProjectConfiguration,
  target: { name: string; config: TargetConfiguration },
  outputPath: string | undefined,
  exists: (path: string) => boolean,
): { root: string; hint: FrameworkHint } | null {
  const executor = target.config.executor ?? '';
  const options = (target.config.options ?? {}) as Record<string, unknown>;
  const because = `project.json: target "${target.name}" uses ${executor}`;
  const hint = (root: string, name: string) => ({
    root,
    hint: { because, framework: { name, kind: 'static' as const, build: null, outputDir: fromApp(project.root, root), spaFallback: true } },
  });
  const builder = ANGULAR_BUILDERS[executor] ?? (ANGULAR.test(executor) ? executor : undefined);
  if (builder) {
    const out = angularBrowserOutput(builder, options, project.name ?? project.root.split('/').pop() ?? 'app');
    return out ? hint(out.dir, 'angular') : null;
  }
  if (!BUNDLERS.test(executor) || !outputPath) return null;
  if (options.ssr || options.platform === 'node' || options.target === 'node') return null;
  const index = typeof options.index === 'string' ? options.index : undefined;
  const html = index ?? ['index.html', 'src/index.html'].map((f) => `${project.root}/${f}`).find(exists);
  if (!html || !html.endsWith('.html')) return null;
  // @nx/esbuild builds for node unless told otherwise; it copies the index.html through `assets`
  if (executor === '@nx/esbuild:esbuild' && options.platform !== 'browser') return null;
  return hint(outputPath, executor.split(':')[0].slice('@nx/'.length));
}

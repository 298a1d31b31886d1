// Fixtures follow each tool's documented project layout: create-vite's templates (vite.dev/guide), Create React
// App's folder structure, `ng new` workspaces (angular.dev/reference/configs/workspace-config), webpack with
// html-webpack-plugin, Nx's generated webpack apps (NxAppWebpackPlugin), and esbuild's CLI (esbuild.github.io/api).
import { detectProject } from '../detect-project';
import { memoryFileReader } from '../file-reader';
import { frameworkEvidenceProblem } from './__fixtures__/framework-evidence';
import { generateDockerfile } from '../../render/generate';
import { lintDockerfile } from '../../lint';

const json = (v: unknown) => JSON.stringify(v, null, 2);
function detect(files: Record<string, string>, project = '.', extra: Parameters<typeof detectProject>[1] extends infer O ? Partial<O> : never = {}) {
  const d = detectProject(project, { workspaceRoot: '/ws', fs: memoryFileReader(files), ...extra });
  expect(frameworkEvidenceProblem(d)).toBeNull();
  return d;
}

// create-vite 7 react-ts: index.html at the root, `tsc -b && vite build`, defineConfig({ plugins: [react()] })
const viteReact = {
  'package.json': json({
    name: 'vite-react', private: true, version: '0.0.0', type: 'module',
    scripts: { dev: 'vite', build: 'tsc -b && vite build', lint: 'eslint .', preview: 'vite preview' },
    dependencies: { react: '^19.1.1', 'react-dom': '^19.1.1' },
    devDependencies: { '@vitejs/plugin-react': '^5.0.0', typescript: '~5.8.3', vite: '^7.1.2' },
  }),
  'package-lock.json': '{}',
  'index.html': '<!doctype html>\n<html lang="en"><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>\n',
  'vite.config.ts': "import { defineConfig } from 'vite'\nimport react from '@vitejs/plugin-react'\n\n// https://vite.dev/config/\nexport default defineConfig({\n  plugins: [react()],\n})\n",
  'src/main.tsx': "import { createRoot } from 'react-dom/client'\ncreateRoot(document.getElementById('root')!).render(null)\n",
};

describe('Vite single-page apps', () => {
  it('create-vite react-ts: static, dist/, the build script, SPA fallback, and the evidence says why', () => {
    const d = detect(viteReact);
    expect(d.framework).toEqual({ name: 'vite', kind: 'static', build: 'build', outputDir: 'dist', spaFallback: true });
    expect(d.evidence).toContain('vite.config.ts: Vite react single-page app (index.html, no SSR or library build) → static files in dist/ served by nginx with SPA fallback; scripts.build "tsc -b && vite build"');
    expect(d.evidence).toContain('port: 8080, nginx in the static image (--port changes it)');
    expect(d.listen.port).toBeNull();
  });

  it('create-vite svelte-ts: the svelte plugin names the flavor', () => {
    const d = detect({
      ...viteReact,
      'package.json': json({ name: 'vite-svelte', type: 'module', scripts: { build: 'vite build' }, devDependencies: { '@sveltejs/vite-plugin-svelte': '^6.1.1', svelte: '^5.38.1', vite: '^7.1.2' } }),
      'vite.config.ts': "import { defineConfig } from 'vite'\nimport { svelte } from '@sveltejs/vite-plugin-svelte'\n\nexport default defineConfig({\n  plugins: [svelte()],\n})\n",
    });
    expect(d.framework?.outputDir).toBe('dist');
    expect(d.evidence.join('\n')).toContain('Vite svelte single-page app');
  });

  it('reads build.outDir when it is a literal, relative to `root`', () => {
    const outDir = detect({ ...viteReact, 'vite.config.ts': "export default defineConfig({ build: { outDir: './build/site/' } })\n" });
    expect(outDir.framework?.outputDir).toBe('build/site');
    const rooted = detect({
      'package.json': viteReact['package.json'],
      'src/index.html': '<!doctype html>',
      'vite.config.js': "export default { root: 'src', build: { outDir: '../dist', emptyOutDir: true } }\n",
    });
    expect(rooted.framework?.outputDir).toBe('dist');
  });

  it('a computed outDir is said so, and dist assumed', () => {
    const d = detect({ ...viteReact, 'vite.config.ts': 'export default defineConfig({ build: { outDir: process.env.OUT } })\n' });
    expect(d.framework?.outputDir).toBe('dist');
    expect(d.evidence).toContain('vite.config.ts: build.outDir is not a string literal; assuming dist (pass --output-path if the build writes elsewhere)');
  });

  it.each([
    ['library mode', { 'vite.config.ts': "export default defineConfig({ build: { lib: { entry: 'src/index.ts', name: 'Lib' } } })\n" }],
    ['an SSR build', { 'vite.config.ts': "export default defineConfig({ build: { ssr: 'src/server.ts' } })\n" }],
    ['a Vitest-only config (no index.html)', { 'index.html': undefined }],
  ])('%s is no site', (_name, change) => {
    const files: Record<string, string> = { ...viteReact };
    for (const [k, v] of Object.entries(change)) if (v === undefined) delete files[k]; else files[k] = v;
    expect(detect(files).framework).toBeUndefined();
  });

  it('an Nx integrated app (no package.json of its own): Vite from the root, outDir into the workspace dist', () => {
    const files = {
      'package.json': json({ name: 'ws', private: true, devDependencies: { vite: '^7.0.0', '@vitejs/plugin-react': '^5.0.0', nx: '23.2.1' } }),
      'package-lock.json': '{}',
      'apps/web/index.html': '<!doctype html>',
      'apps/web/tsconfig.app.json': '{}',
      'apps/web/vite.config.ts': "export default defineConfig(() => ({\n  root: __dirname,\n  build: {\n    outDir: '../../dist/apps/web',\n    emptyOutDir: true,\n  },\n}));\n",
    };
    const d = detect(files, 'apps/web');
    expect(d.framework).toMatchObject({ name: 'vite', kind: 'static', build: null, outputDir: '../../dist/apps/web' });
    const g = generateDockerfile({ workspaceRoot: '/ws', projectRoot: 'apps/web', fs: memoryFileReader(files), options: { projectRoot: 'apps/web', buildCommand: 'npx nx run web:build' } });
    expect(g.options).toMatchObject({ variant: 'static', outputPath: 'dist/apps/web' });
    expect(g.dockerfile).toContain('COPY --from=build /app/dist/apps/web/ /usr/share/nginx/html/\n');
  });
});

describe('Create React App', () => {
  const cra = {
    'package.json': json({ name: 'cra', private: true, dependencies: { react: '^18.2.0', 'react-dom': '^18.2.0', 'react-scripts': '5.0.1' }, scripts: { start: 'react-scripts start', build: 'react-scripts build' } }),
    'public/index.html': '<!doctype html><div id="root"></div>',
    'src/index.js': "import ReactDOM from 'react-dom/client';\n",
  };

  it('react-scripts builds public/ and src/ into build/', () => {
    const d = detect(cra);
    expect(d.framework).toEqual({ name: 'cra', kind: 'static', build: 'build', outputDir: 'build', spaFallback: true });
  });

  it('BUILD_PATH in .env moves the output', () => {
    expect(detect({ ...cra, '.env': 'BUILD_PATH=./www\n' }).framework?.outputDir).toBe('www');
  });
});

describe('Angular CLI workspaces (angular.json)', () => {
  const ng = (build: Record<string, unknown>, name = 'my-app') => ({
    'package.json': json({ name, scripts: { ng: 'ng', start: 'ng serve', build: 'ng build' }, dependencies: { '@angular/core': '^20.1.0' }, devDependencies: { '@angular/cli': '^20.1.0', '@angular/build': '^20.1.0' } }),
    'angular.json': json({ version: 1, newProjectRoot: 'projects', projects: { [name]: { projectType: 'application', root: '', sourceRoot: 'src', architect: { build } } } }),
    'src/index.html': '<!doctype html><app-root></app-root>',
    'src/main.ts': "import { bootstrapApplication } from '@angular/platform-browser';\n",
  });

  it.each([
    ['v17+ application builder with outputPath', { builder: '@angular-devkit/build-angular:application', options: { outputPath: 'dist/my-app', index: 'src/index.html', browser: 'src/main.ts' } }, 'dist/my-app/browser'],
    ['v20 ng new: @angular/build, no outputPath (default dist/<project>)', { builder: '@angular/build:application', options: { browser: 'src/main.ts', tsConfig: 'tsconfig.app.json' } }, 'dist/my-app/browser'],
    ['outputPath as { base, browser: "" }', { builder: '@angular/build:application', options: { outputPath: { base: 'out', browser: '' } } }, 'out'],
    ['the webpack browser builder writes outputPath itself', { builder: '@angular-devkit/build-angular:browser', options: { outputPath: 'dist/my-app' } }, 'dist/my-app'],
  ])('%s', (_name, build, outputDir) => {
    const d = detect(ng(build));
    expect(d.framework).toEqual({ name: 'angular', kind: 'static', build: 'build', outputDir, spaFallback: true });
  });

  it('an SSR build is not a static site', () => {
    const d = detect(ng({ builder: '@angular/build:application', options: { browser: 'src/main.ts', server: 'src/main.server.ts', ssr: { entry: 'src/server.ts' } } }));
    expect(d.framework?.kind).not.toBe('static');
  });
});

describe('webpack and esbuild web apps', () => {
  it('html-webpack-plugin with output.path', () => {
    const d = detect({
      'package.json': json({ name: 'wp', scripts: { build: 'webpack --mode production' }, devDependencies: { webpack: '^5.101.0', 'webpack-cli': '^6.0.1', 'html-webpack-plugin': '^5.6.3' } }),
      'webpack.config.js': "const path = require('path');\nconst HtmlWebpackPlugin = require('html-webpack-plugin');\nmodule.exports = {\n  entry: './src/index.js',\n  output: { filename: '[name].[contenthash].js', path: path.resolve(__dirname, 'build'), clean: true },\n  plugins: [new HtmlWebpackPlugin({ template: './src/index.html' })],\n};\n",
    });
    expect(d.framework).toEqual({ name: 'webpack', kind: 'static', build: 'build', outputDir: 'build', spaFallback: true });
  });

  it("Nx's generated webpack app (NxAppWebpackPlugin with index and outputPath)", () => {
    const d = detect({
      'package.json': json({ name: 'ws', devDependencies: { '@nx/webpack': '23.2.1' } }),
      'apps/shop/tsconfig.app.json': '{}',
      'apps/shop/src/index.html': '<!doctype html>',
      'apps/shop/webpack.config.js': "const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');\nconst { join } = require('path');\n\nmodule.exports = {\n  output: { path: join(__dirname, '../../dist/apps/shop') },\n  plugins: [\n    new NxAppWebpackPlugin({\n      tsConfig: './tsconfig.app.json',\n      compiler: 'babel',\n      main: './src/main.tsx',\n      index: './src/index.html',\n      outputPath: '../../dist/apps/shop',\n    }),\n  ],\n};\n",
    }, 'apps/shop');
    expect(d.framework).toMatchObject({ name: 'webpack', kind: 'static', outputDir: '../../dist/apps/shop' });
  });

  it('a webpack server build (target node) is no site', () => {
    const d = detect({
      'package.json': json({ name: 'api', main: 'dist/main.js', devDependencies: { webpack: '^5.0.0', 'html-webpack-plugin': '^5.0.0' } }),
      'webpack.config.js': "module.exports = { target: 'node', plugins: [new HtmlWebpackPlugin()] };\n",
    });
    expect(d.framework).toBeUndefined();
  });

  it('esbuild bundling into public/build: the document root is public/ (its index.html)', () => {
    const d = detect({
      'package.json': json({ name: 'es', scripts: { build: 'esbuild src/app.tsx --bundle --minify --sourcemap --outdir=public/build' }, devDependencies: { esbuild: '^0.25.9' } }),
      'public/index.html': '<!doctype html><script src="build/app.js"></script>',
      'src/app.tsx': 'export {};\n',
    });
    expect(d.framework).toEqual({ name: 'esbuild', kind: 'static', build: 'build', outputDir: 'public', spaFallback: true });
  });

  it('esbuild for node is no site', () => {
    const d = detect({
      'package.json': json({ name: 'es', main: 'dist/main.js', scripts: { build: 'esbuild src/main.ts --bundle --platform=node --outdir=dist' }, devDependencies: { esbuild: '^0.25.9' } }),
      'src/main.ts': 'export {};\n',
    });
    expect(d.framework).toBeUndefined();
  });
});

describe('a framework the caller knows (Nx build executors)', () => {
  const hint = { because: 'project.json: target "build" uses @nx/angular:application', framework: { name: 'angular', kind: 'static' as const, build: null, outputDir: '../../dist/apps/ng/browser', spaFallback: true } };
  const files = { 'package.json': json({ name: 'ws', dependencies: { '@angular/core': '^20.0.0' } }), 'package-lock.json': '{}', 'apps/ng/tsconfig.app.json': '{}', 'apps/ng/src/index.html': '<!doctype html>' };

  it('is used when the files name no framework, with its reason in the evidence', () => {
    const d = detect(files, 'apps/ng', { framework: hint });
    expect(d.framework).toEqual(hint.framework);
    expect(d.evidence).toContain('project.json: target "build" uses @nx/angular:application → static files in ../../dist/apps/ng/browser/ served by nginx with SPA fallback');
  });

  it("loses to the app's own files", () => {
    expect(detect(viteReact, '.', { framework: hint }).framework?.name).toBe('vite');
  });
});

describe('generation: a static detection renders the static variant', () => {
  const g = (options = {}) => generateDockerfile({ workspaceRoot: '/ws', projectRoot: '.', fs: memoryFileReader(viteReact), options });

  it('Node build stage with the pinned install, nginx-unprivileged runtime as 101 on 8080, lint-clean', () => {
    const { dockerfile, options } = g();
    expect(options).toMatchObject({ variant: 'static', outputPath: 'dist', spaFallback: true, buildCommand: 'npm run build' });
    expect(dockerfile).toContain('FROM node:26-trixie-slim AS base\n');
    expect(dockerfile).toContain('npm ci');
    expect(dockerfile).toContain('FROM nginxinc/nginx-unprivileged:1.30-trixie AS runtime\n');
    expect(dockerfile).toMatch(/\nUSER 101\nEXPOSE 8080\nHEALTHCHECK .* CMD \["curl","-fsS","-o","\/dev\/null","http:\/\/127\.0\.0\.1:8080\/"\]\nCMD \["nginx","-g","daemon off;"\]\n$/);
    expect(lintDockerfile(dockerfile)).toEqual([]);
    // the runtime stage gets the site config and the built files only
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(runtime.match(/^(COPY|RUN|ADD) .*/gm)).toEqual([
      'COPY --from=site-config /default.conf /etc/nginx/conf.d/default.conf',
      'COPY --from=build /app/dist/ /usr/share/nginx/html/',
    ]);
  });

  it('a Turborepo app (pruneWith turbo) builds through turbo prune, then the same nginx runtime', () => {
    const { dockerfile } = generateDockerfile({
      workspaceRoot: '/ws', projectRoot: 'apps/web', fs: memoryFileReader(Object.fromEntries(Object.entries(viteReact).map(([k, v]) => [`apps/web/${k}`, v]))),
      options: { projectRoot: 'apps/web', pruneWith: 'turbo', pruneScope: 'web' },
    });
    expect(dockerfile).toContain('RUN turbo run build --filter=web --cache=local:,remote:\nRUN test -f apps/web/dist/index.html');
    expect(dockerfile).toContain('COPY --from=build /app/apps/web/dist/ /usr/share/nginx/html/\n');
    expect(lintDockerfile(dockerfile)).toEqual([]);
  });

  it('the user wins: --port, --no-spa-fallback, another variant', () => {
    const custom = g({ port: 9090, spaFallback: false }).dockerfile;
    expect(custom).toContain("'    listen 9090;'");
    expect(custom).toContain("'        try_files $uri $uri/ $uri.html =404;'");
    expect(custom).toContain('\nEXPOSE 9090\n');
    const node = g({ variant: 'slim' });
    expect(node.options.variant).toBe('slim');
    expect(node.dockerfile).not.toContain('nginx');
  });
});

import { lintDockerfile } from '../../lint';
import { generateDockerfile } from '../../render';
import { detectProject } from '../detect-project';
import { memoryFileReader } from '../file-reader';
import { frameworkEvidenceProblem } from './__fixtures__/framework-evidence';

// Fixtures follow each framework's documented project layout (what its own generator writes): package.json,
// lockfile, the framework's config file and a source file. Config files are read as text, never run.
const LOCK = { 'package-lock.json': '{"lockfileVersion":3}' };
const pkg = (deps: Record<string, string>, scripts: Record<string, string>, extra: object = {}) =>
  JSON.stringify({ name: 'app', version: '1.0.0', private: true, scripts, dependencies: deps, ...extra });

function detect(files: Record<string, string>, project = '.') {
  const d = detectProject(project, { workspaceRoot: '/ws', fs: memoryFileReader({ ...LOCK, ...files }) });
  expect(frameworkEvidenceProblem(d)).toBeNull();
  return d;
}

function render(files: Record<string, string>) {
  const result = generateDockerfile({ workspaceRoot: '/ws', projectRoot: '.', fs: memoryFileReader({ ...LOCK, ...files }) });
  expect(lintDockerfile(result.dockerfile).filter((f) => f.severity === 'error')).toEqual([]);
  return result;
}

/** The final stage's lines, without comments. */
function runtime(dockerfile: string): string[] {
  return dockerfile.slice(dockerfile.lastIndexOf('\nFROM ')).split('\n').filter((l) => l && !l.startsWith('#'));
}

const NEXT_PKG = pkg({ next: '16.4.3', react: '19.3.0', 'react-dom': '19.3.0' }, { dev: 'next dev', build: 'next build', start: 'next start' });
const NEXT_PAGE = { 'app/page.tsx': 'export default function Home() { return <main>Hello</main>; }\n', 'public/robots.txt': 'User-agent: *\n' };
const nextConfig = (body: string) => `import type { NextConfig } from "next";\n\nconst nextConfig: NextConfig = {\n  /* config options here */\n${body}};\n\nexport default nextConfig;\n`;

describe('Next.js', () => {
  it('output "standalone": server.js with .next/static and public next to it, no node_modules of ours, HOSTNAME=0.0.0.0', () => {
    const files = { 'package.json': NEXT_PKG, 'next.config.ts': nextConfig('  output: "standalone",\n'), ...NEXT_PAGE };
    const d = detect(files);
    expect(d.framework).toMatchObject({ name: 'next', kind: 'server', outputDir: '.next/standalone', start: ['node', 'server.js'], nodeModules: false });
    expect(d.evidence).toContain('next.config.ts: output "standalone" → Next.js standalone server: .next/standalone/server.js with .next/static and public/ copied next to it, no node_modules besides its own; start "node server.js"');
    expect(d.listen).toMatchObject({ port: 3000, portEnv: 'PORT', hostEnv: ['HOSTNAME', '0.0.0.0'] });
    const { dockerfile, dockerignore } = render(files);
    // a local .next would only go stale in the context: the image builds its own
    expect(dockerignore.split('\n')).toContain('.next');
    expect(runtime(dockerfile)).toEqual([
      'FROM gcr.io/distroless/nodejs26-debian13:nonroot AS runtime',
      'WORKDIR /app',
      'ENV NODE_ENV=production',
      'COPY --from=build /app/.next/standalone ./',
      'COPY --from=build /app/.next/static ./.next/static',
      'COPY --from=build /app/public ./public',
      // Next.js writes its image and data cache there at run time: only that folder is the runtime user's
      'COPY --from=build --chown=65532 /runtime-writable/0/ ./.next/',
      'ENV HOSTNAME=0.0.0.0 PORT=3000',
      'USER 65532',
      'EXPOSE 3000',
      'CMD ["server.js"]',
    ]);
    expect(dockerfile).toContain('\nRUN npm run build\n');
    expect(dockerfile).toContain('\nRUN rm -rf .next/cache && mkdir -p /runtime-writable/0/cache\n');
    // nothing uses a production install: the stage is not generated
    expect(dockerfile).not.toContain('AS prod-deps');
  });

  it('no output setting (what create-next-app writes): next start over .next with the production dependencies', () => {
    const files = { 'package.json': NEXT_PKG, 'next.config.ts': nextConfig('  cacheComponents: true,\n'), ...NEXT_PAGE };
    const d = detect(files);
    expect(d.framework).toMatchObject({ name: 'next', kind: 'server', outputDir: '.next', start: ['node', 'node_modules/next/dist/bin/next', 'start'] });
    expect(d.evidence).toContain('next.config.ts: no output setting → Next.js server: next start over .next/ and public/ with the production dependencies; start "next start" (output: \'standalone\' gives a smaller image)');
    expect(d.listen).toMatchObject({ port: 3000, portEnv: 'PORT', hostEnv: null });
    const lines = runtime(render(files).dockerfile);
    expect(lines).toEqual(expect.arrayContaining([
      'COPY --from=prod-deps /app/node_modules ./node_modules',
      'COPY --from=build /app/.next ./.next',
      'COPY --from=build /app/public ./public',
      'COPY --from=build /app/next.config.ts ./next.config.ts',
      'COPY --from=build --chown=65532 /runtime-writable/0/ ./.next/',
      'CMD ["/app/node_modules/next/dist/bin/next","start"]',
    ]));
  });

  it.each([
    ['output "export" → out/', "  output: 'export',\n", 'out'],
    ['output "export" with distDir → distDir', "  output: 'export',\n  distDir: 'dist',\n", 'dist'],
  ])('%s: a static site (the static runtime serves it)', (_name, body, outputDir) => {
    const d = detect({ 'package.json': NEXT_PKG, 'next.config.mjs': `/** @type {import('next').NextConfig} */\nconst nextConfig = {\n${body}};\nexport default nextConfig;\n` });
    // pages as files (about.html), not index.html for every path
    expect(d.framework).toEqual({ name: 'next', kind: 'static', build: 'build', outputDir, spaFallback: false });
    expect(d.evidence.some((e) => e.startsWith('next.config.mjs: output "export"') && e.includes(`static export: static files in ${outputDir}/ served by nginx as pages`))).toBe(true);
  });

  it('distDir moves the standalone output; an output that is not a literal is assumed the default server, and said so', () => {
    const standalone = detect({ 'package.json': NEXT_PKG, 'next.config.js': "module.exports = { output: 'standalone', distDir: 'build' };\n" });
    expect(standalone.framework?.copy).toEqual([{ from: 'build/standalone', to: '.' }, { from: 'build/static', to: 'build/static' }]);
    const dynamic = detect({ 'package.json': NEXT_PKG, 'next.config.js': "module.exports = { output: process.env.NEXT_OUTPUT };\n" });
    expect(dynamic.framework).toMatchObject({ kind: 'server', outputDir: '.next' });
    expect(dynamic.evidence.some((e) => e.includes('output is not a literal (assumed the default server)'))).toBe(true);
  });

  it('a commented-out output line is not read', () => {
    const d = detect({ 'package.json': NEXT_PKG, 'next.config.ts': nextConfig("  // output: 'export',\n") });
    expect(d.framework?.kind).toBe('server');
  });
});

describe('Nuxt', () => {
  const NUXT_PKG = pkg({ nuxt: '^4.2.0', vue: '^3.5.0' }, { build: 'nuxt build', dev: 'nuxt dev', generate: 'nuxt generate', preview: 'nuxt preview', postinstall: 'nuxt prepare' }, { type: 'module' });
  const CONFIG = "// https://nuxt.com/docs/api/configuration/nuxt-config\nexport default defineNuxtConfig({\n  compatibilityDate: '2025-07-15',\n  devtools: { enabled: true }\n})\n";

  it('nuxt build: .output/server/index.mjs, self-contained (no node_modules copied), PORT 3000', () => {
    const files = { 'package.json': NUXT_PKG, 'nuxt.config.ts': CONFIG, 'app/app.vue': '<template><div>Hello</div></template>\n' };
    const d = detect(files);
    expect(d.framework).toMatchObject({ name: 'nuxt', kind: 'server', outputDir: '.output', nodeModules: false, start: ['node', '.output/server/index.mjs'] });
    expect(d.evidence).toContain('nuxt.config.ts: no nitro.preset (node-server) → Nuxt server: .output/ (self-contained, no node_modules copied); start "node .output/server/index.mjs" (scripts.generate exists, but the build script builds the server)');
    expect(d.listen).toMatchObject({ port: 3000, portEnv: 'PORT' });
    const lines = runtime(render(files).dockerfile);
    expect(lines).toContain('COPY --from=build /app/.output ./.output');
    expect(lines).toContain('CMD [".output/server/index.mjs"]');
    expect(lines.some((l) => l.includes('node_modules'))).toBe(false);
  });

  it('nuxt generate as the build script, or the static preset: .output/public', () => {
    const generate = detect({ 'package.json': pkg({ nuxt: '^4.2.0' }, { build: 'nuxt generate' }), 'nuxt.config.ts': CONFIG });
    expect(generate.framework).toEqual({ name: 'nuxt', kind: 'static', build: 'build', outputDir: '.output/public', spaFallback: false });
    expect(generate.evidence).toContain('package.json: scripts.build "nuxt generate" → Nuxt prerendered site: static files in .output/public/ served by nginx as pages (<path>.html, then 404)');
    const preset = detect({ 'package.json': NUXT_PKG, 'nuxt.config.ts': "export default defineNuxtConfig({\n  nitro: { preset: 'static' },\n})\n" });
    expect(preset.framework).toMatchObject({ kind: 'static', outputDir: '.output/public' });
  });
});

describe('React Router / Remix', () => {
  const RR_PKG = pkg(
    { '@react-router/node': '^7.9.2', '@react-router/serve': '^7.9.2', isbot: '^5.1.31', react: '^19.1.1', 'react-dom': '^19.1.1', 'react-router': '^7.9.2' },
    { build: 'react-router build', dev: 'react-router dev', start: 'react-router-serve ./build/server/index.js', typecheck: 'react-router typegen && tsc' },
    { type: 'module', devDependencies: { '@react-router/dev': '^7.9.2', vite: '^7.1.7' } },
  );
  const RR_CONFIG = (ssr: string) => `import type { Config } from "@react-router/dev/config";\n\nexport default {\n  // Config options...\n  ssr: ${ssr},\n} satisfies Config;\n`;

  it('ssr true (create-react-router): react-router-serve runs build/server/index.js with the production dependencies', () => {
    const files = { 'package.json': RR_PKG, 'react-router.config.ts': RR_CONFIG('true'), 'app/root.tsx': 'export default function App() { return null; }\n' };
    const d = detect(files);
    expect(d.framework).toMatchObject({ name: 'react-router', kind: 'server', outputDir: 'build', start: ['node', 'node_modules/@react-router/serve/bin.js', 'build/server/index.js'] });
    expect(d.evidence).toContain('react-router.config.ts: ssr true, buildDirectory build (default) → react-router server build build/server/index.js; package.json: scripts.start "react-router-serve ./build/server/index.js"; start "node node_modules/@react-router/serve/bin.js build/server/index.js" with the production dependencies');
    expect(d.listen).toMatchObject({ port: 3000, portEnv: 'PORT' });
    const lines = runtime(render(files).dockerfile);
    expect(lines).toEqual(expect.arrayContaining(['COPY --from=build /app/build ./build', 'CMD ["/app/node_modules/@react-router/serve/bin.js","build/server/index.js"]']));
  });

  it('@react-router/serve 8 ships bin.cjs', () => {
    const d = detect({ 'package.json': RR_PKG.replace(/"@react-router\/serve":"\^7.9.2"/, '"@react-router/serve":"^8.4.0"'), 'react-router.config.ts': RR_CONFIG('true') });
    expect(d.framework?.start).toEqual(['node', 'node_modules/@react-router/serve/bin.cjs', 'build/server/index.js']);
  });

  it('ssr false: a SPA in build/client with index.html for every path', () => {
    const d = detect({ 'package.json': RR_PKG, 'react-router.config.ts': RR_CONFIG('false') });
    expect(d.framework).toEqual({ name: 'react-router', kind: 'static', build: 'build', outputDir: 'build/client', spaFallback: true });
  });

  it("a custom server (the node-custom-server template): the app's server.js is copied and started, and says where it listens", () => {
    const files = {
      'package.json': RR_PKG.replace('react-router-serve ./build/server/index.js', 'cross-env NODE_ENV=production node server.js'),
      'react-router.config.ts': RR_CONFIG('true'),
      'server.js': "import express from 'express';\nconst PORT = Number.parseInt(process.env.PORT || '3000');\nconst app = express();\napp.listen(PORT, () => {});\n",
    };
    const d = detect(files);
    expect(d.framework).toMatchObject({ kind: 'server', start: ['node', 'server.js'], copy: [{ from: 'build', to: 'build' }, { from: 'server.js', to: 'server.js' }] });
    expect(d.evidence.some((e) => e.startsWith('server.js: PORT defaults to 3000'))).toBe(true);
  });

  it('Remix 2 on Vite: remix-serve; the classic compiler: build/index.js and public/', () => {
    const vite = detect({
      'package.json': pkg({ '@remix-run/node': '^2.17.0', '@remix-run/serve': '^2.17.0' }, { build: 'remix vite:build', start: 'remix-serve ./build/server/index.js' }, { devDependencies: { '@remix-run/dev': '^2.17.0' } }),
      'vite.config.ts': 'import { vitePlugin as remix } from "@remix-run/dev";\nimport { defineConfig } from "vite";\nexport default defineConfig({ plugins: [remix({ future: { v3_fetcherPersist: true } })] });\n',
    });
    expect(vite.framework).toMatchObject({ name: 'remix', kind: 'server', start: ['node', 'node_modules/@remix-run/serve/dist/cli.js', 'build/server/index.js'] });
    const classic = detect({
      'package.json': pkg({ '@remix-run/serve': '^1.19.3' }, { build: 'remix build', start: 'remix-serve build' }, { devDependencies: { '@remix-run/dev': '^1.19.3' } }),
      'public/favicon.ico': '',
    });
    expect(classic.framework).toMatchObject({ name: 'remix', kind: 'server', start: ['node', 'node_modules/@remix-run/serve/dist/cli.js', 'build'], copy: [{ from: 'build', to: 'build' }, { from: 'public', to: 'public' }] });
  });
});

describe('Astro', () => {
  const ASTRO_PKG = pkg({ astro: '^5.14.1', '@astrojs/node': '^9.4.4' }, { dev: 'astro dev', build: 'astro build', preview: 'astro preview', astro: 'astro' }, { type: 'module' });

  it('output "server" with @astrojs/node standalone: dist/server/entry.mjs, PORT 4321, HOST=0.0.0.0 (its default is localhost)', () => {
    const files = {
      'package.json': ASTRO_PKG,
      'astro.config.mjs': "// @ts-check\nimport { defineConfig } from 'astro/config';\nimport node from '@astrojs/node';\n\nexport default defineConfig({\n  output: 'server',\n  adapter: node({\n    mode: 'standalone',\n  }),\n});\n",
      'src/pages/index.astro': '---\n---\n<h1>Hello</h1>\n',
    };
    const d = detect(files);
    expect(d.framework).toMatchObject({ name: 'astro', kind: 'server', outputDir: 'dist', start: ['node', 'dist/server/entry.mjs'] });
    expect(d.evidence).toContain('astro.config.mjs: output "server", @astrojs/node standalone, outDir dist (default) → Astro server dist/server/entry.mjs with the production dependencies; start "node dist/server/entry.mjs"');
    expect(d.listen).toMatchObject({ port: 4321, portEnv: 'PORT', hostEnv: ['HOST', '0.0.0.0'] });
    const { dockerfile } = render(files);
    expect(dockerfile).toContain('\nENV HOST=0.0.0.0 PORT=4321\n');
    expect(runtime(dockerfile)).toContain('COPY --from=build /app/dist ./dist');
  });

  it('the default (static, no adapter): files in dist/, or outDir', () => {
    const d = detect({ 'package.json': ASTRO_PKG, 'astro.config.mjs': "import { defineConfig } from 'astro/config';\nexport default defineConfig({ outDir: './public-site' });\n" });
    expect(d.framework).toEqual({ name: 'astro', kind: 'static', build: 'build', outputDir: 'public-site', spaFallback: false });
    expect(d.evidence).toContain('astro.config.mjs: no output (static), outDir "public-site", no server adapter → Astro static site: static files in public-site/ served by nginx as pages (<path>.html, then 404)');
  });

  it('middleware mode is the app\'s own server: no framework, the plain Node detection applies', () => {
    const d = detect({ 'package.json': ASTRO_PKG, 'astro.config.mjs': "import node from '@astrojs/node';\nexport default { output: 'server', adapter: node({ mode: 'middleware' }) };\n" });
    expect(d.framework).toBeUndefined();
  });
});

describe('SvelteKit', () => {
  const KIT_PKG = (adapter: string) => pkg({}, { dev: 'vite dev', build: 'vite build', preview: 'vite preview' }, { type: 'module', devDependencies: { '@sveltejs/kit': '^2.43.2', [adapter]: '^5.3.2', svelte: '^5.39.5', vite: '^7.1.7' } });
  const CONFIG = (adapter: string, options = '') => `import adapter from '${adapter}';\nimport { vitePreprocess } from '@sveltejs/vite-plugin-svelte';\n\n/** @type {import('@sveltejs/kit').Config} */\nconst config = {\n\tpreprocess: vitePreprocess(),\n\tkit: {\n\t\tadapter: adapter(${options})\n\t}\n};\n\nexport default config;\n`;

  it('adapter-node: build/index.js with package.json and the production dependencies, PORT 3000', () => {
    const files = { 'package.json': KIT_PKG('@sveltejs/adapter-node'), 'svelte.config.js': CONFIG('@sveltejs/adapter-node'), 'src/routes/+page.svelte': '<h1>Hello</h1>\n' };
    const d = detect(files);
    expect(d.framework).toMatchObject({ name: 'sveltekit', kind: 'server', outputDir: 'build', start: ['node', 'build/index.js'] });
    expect(d.listen).toMatchObject({ port: 3000, portEnv: 'PORT', hostEnv: null });
    const lines = runtime(render(files).dockerfile);
    expect(lines).toEqual(expect.arrayContaining(['COPY --from=prod-deps /app/node_modules ./node_modules', 'COPY --from=build /app/package.json ./package.json', 'COPY --from=build /app/build ./build', 'CMD ["build/index.js"]']));
  });

  it('sv create (SvelteKit 2.6x): the adapter in the sveltekit() plugin of vite.config.ts, no svelte.config.js', () => {
    const d = detect({
      'package.json': KIT_PKG('@sveltejs/adapter-node'),
      'vite.config.ts': "import adapter from '@sveltejs/adapter-node';\nimport { sveltekit } from '@sveltejs/kit/vite';\nimport { defineConfig } from 'vite';\n\nexport default defineConfig({\n\tplugins: [\n\t\tsveltekit({\n\t\t\tcompilerOptions: {\n\t\t\t\t// Force runes mode\n\t\t\t\trunes: ({ filename }) => filename.split(/[/\\\\]/).includes('node_modules') ? undefined : true\n\t\t\t},\n\t\t\tadapter: adapter()\n\t\t})\n\t]\n});\n",
    });
    expect(d.framework).toMatchObject({ name: 'sveltekit', kind: 'server', start: ['node', 'build/index.js'] });
    expect(d.evidence[2]).toMatch(/^vite\.config\.ts: @sveltejs\/adapter-node, out build \(default\) → SvelteKit server build\/index\.js/);
  });

  it("adapter-node's out option moves the server", () => {
    const d = detect({ 'package.json': KIT_PKG('@sveltejs/adapter-node'), 'svelte.config.js': CONFIG('@sveltejs/adapter-node', "{ out: 'server-build' }") });
    expect(d.framework?.start).toEqual(['node', 'server-build/index.js']);
  });

  it('adapter-static: pages folder, and fallback makes a SPA', () => {
    const d = detect({ 'package.json': KIT_PKG('@sveltejs/adapter-static'), 'svelte.config.js': CONFIG('@sveltejs/adapter-static', "{ pages: 'www', assets: 'www', fallback: '200.html' }") });
    expect(d.framework).toEqual({ name: 'sveltekit', kind: 'static', build: 'build', outputDir: 'www', spaFallback: true });
  });

  it('adapter-auto (what `sv create` picks): no framework, and the evidence names the adapters that work', () => {
    const d = detect({ 'package.json': KIT_PKG('@sveltejs/adapter-auto'), 'svelte.config.js': CONFIG('@sveltejs/adapter-auto') });
    expect(d.framework).toBeUndefined();
    expect(d.evidence).toContain('svelte.config.js: adapter @sveltejs/adapter-auto builds nothing a container runs; use @sveltejs/adapter-node (server) or @sveltejs/adapter-static (files) in svelte.config.js');
  });
});

describe('Angular SSR', () => {
  const NG_PKG = pkg({ '@angular/core': '^20.3.0', '@angular/ssr': '^20.3.0', express: '^5.1.0' }, { ng: 'ng', build: 'ng build', 'serve:ssr:shop': 'node dist/shop/server/server.mjs' });
  const angularJson = (options: object) => JSON.stringify({ version: 1, projects: { shop: { projectType: 'application', root: '', sourceRoot: 'src', architect: { build: { builder: '@angular/build:application', options } } } } });

  it('ssr in angular.json: dist/<project>/server/server.mjs, PORT 4000 from src/server.ts', () => {
    const files = {
      'package.json': NG_PKG,
      'angular.json': angularJson({ browser: 'src/main.ts', server: 'src/main.server.ts', outputMode: 'server', ssr: { entry: 'src/server.ts' } }),
      'src/server.ts': "const app = express();\nif (isMainModule(import.meta.url)) {\n  const port = process.env['PORT'] || 4000;\n  app.listen(port, (error) => {});\n}\n",
    };
    const d = detect(files);
    expect(d.framework).toMatchObject({ name: 'angular', kind: 'server', outputDir: 'dist/shop', start: ['node', 'dist/shop/server/server.mjs'] });
    expect(d.evidence).toContain('angular.json: project "shop" builds with ssr, no outputPath (dist/shop) → Angular SSR server dist/shop/server/server.mjs with the production dependencies; start "node dist/shop/server/server.mjs"');
    expect(d.listen).toMatchObject({ port: 4000, portEnv: 'PORT' });
    expect(runtime(render(files).dockerfile)).toEqual(expect.arrayContaining(['COPY --from=build /app/dist/shop ./dist/shop', 'CMD ["dist/shop/server/server.mjs"]']));
  });

  it('security.allowedHosts empty (what ng new writes): the evidence says the server renders nothing until it lists the hosts', () => {
    const line = (security: object) => detect({ 'package.json': NG_PKG, 'angular.json': angularJson({ ssr: { entry: 'src/server.ts' }, security }) }).evidence.find((e) => e.includes('allowedHosts'));
    expect(line({ allowedHosts: [] })).toBe(
      'angular.json: build option security.allowedHosts is empty → the server renders no request (Angular 21 serves the client-side shell, Angular 22 answers 400); list the host names the app is reached by (e.g. ["shop.example.com"]) or set NG_ALLOWED_HOSTS when the container starts',
    );
    expect(line({})).toBeDefined();
    expect(line({ allowedHosts: ['shop.example.com', '*.example.org'] })).toBeUndefined();
  });

  it('outputPath as an object; no ssr leaves the browser app to the static detectors', () => {
    const withBase = detect({ 'package.json': NG_PKG, 'angular.json': angularJson({ ssr: { entry: 'src/server.ts' }, outputPath: { base: 'out/shop', browser: '' } }) });
    expect(withBase.framework?.start).toEqual(['node', 'out/shop/server/server.mjs']);
    const browser = detect({ 'package.json': NG_PKG, 'angular.json': angularJson({ browser: 'src/main.ts' }) });
    expect(browser.framework?.name === 'angular' && browser.framework.kind === 'server').toBe(false);
  });
});

describe('NestJS', () => {
  const NEST_PKG = pkg({ '@nestjs/common': '^12.0.1', '@nestjs/core': '^12.0.1', '@nestjs/platform-express': '^12.0.1', 'reflect-metadata': '^0.2.2', rxjs: '^7.8.1' }, { build: 'nest build', start: 'nest start', 'start:prod': 'node dist/main' }, { type: 'module', devDependencies: { '@nestjs/cli': '^12.0.0' } });
  const MAIN = "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module.js';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(process.env.PORT ?? 3000);\n}\nawait bootstrap();\n";

  it('nest new: dist/main.js from nest-cli.json and tsconfig outDir, PORT from src/main.ts', () => {
    const files = {
      'package.json': NEST_PKG,
      'nest-cli.json': JSON.stringify({ $schema: 'https://json.schemastore.org/nest-cli', collection: '@nestjs/schematics', sourceRoot: 'src', compilerOptions: { deleteOutDir: true } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', outDir: './dist', baseUrl: './' } }),
      'tsconfig.build.json': JSON.stringify({ extends: './tsconfig.json', exclude: ['node_modules', 'test', 'dist', '**/*spec.ts'] }),
      'src/main.ts': MAIN,
    };
    const d = detect(files);
    expect(d.framework).toMatchObject({ name: 'nest', kind: 'server', outputDir: 'dist', start: ['node', 'dist/main.js'] });
    expect(d.evidence).toContain('nest-cli.json entryFile main, outDir "dist" → NestJS server dist/main.js with the production dependencies; start "node dist/main.js"');
    expect(d.evidence).toContain('src/main.ts: PORT defaults to 3000 (line 6) → port 3000 (EXPOSE 3000)');
    expect(runtime(render(files).dockerfile)).toEqual(expect.arrayContaining(['COPY --from=build /app/dist ./dist', 'ENV PORT=3000', 'CMD ["dist/main.js"]']));
  });

  it('a Nest monorepo is left to the plain Node detection', () => {
    const d = detect({ 'package.json': NEST_PKG, 'nest-cli.json': JSON.stringify({ monorepo: true, root: 'apps/api' }) });
    expect(d.framework).toBeUndefined();
  });
});

describe('framework apps in a workspace folder, and user options', () => {
  const files = {
    'apps/web/package.json': NEXT_PKG,
    'apps/web/next.config.ts': nextConfig("  output: 'standalone',\n"),
    'apps/web/public/robots.txt': '',
  };

  it("built from the workspace root: standalone keeps apps/web/ under the lockfile's folder; copies and start in the app's folder", () => {
    const fs = memoryFileReader({ ...LOCK, ...files });
    expect(detect({ ...files }, 'apps/web').evidence).toContain('package-lock.json (workspace root): Next.js traces from this lockfile\'s folder, so .next/standalone keeps apps/web/ inside it (set outputFileTracingRoot to change that)');
    const result = generateDockerfile({ workspaceRoot: '/ws', projectRoot: 'apps/web', fs, options: { projectRoot: 'apps/web' } });
    expect(runtime(result.dockerfile)).toEqual(expect.arrayContaining([
      'COPY --from=build /app/apps/web/.next/standalone ./',
      'COPY --from=build /app/apps/web/.next/static ./apps/web/.next/static',
      'COPY --from=build /app/apps/web/public ./apps/web/public',
      'WORKDIR /app/apps/web',
      'CMD ["server.js"]',
    ]));
  });

  it('built from the app folder (the lockfile stays outside the context): a flat standalone output', () => {
    const result = generateDockerfile({ workspaceRoot: '/ws', projectRoot: 'apps/web', fs: memoryFileReader({ ...LOCK, ...files }) });
    expect(runtime(result.dockerfile)).toEqual(expect.arrayContaining(['COPY --from=build /app/.next/standalone ./', 'CMD ["server.js"]']));
    expect(result.dockerfile).not.toContain('WORKDIR /app/');
  });

  it('a lockfile in the app folder and none above: flat; one at the root as well: the highest wins, as in Next.js', () => {
    const own = detectProject('apps/web', { workspaceRoot: '/ws', fs: memoryFileReader({ 'apps/web/package-lock.json': '{"lockfileVersion":3}', ...files }) });
    expect(own.framework?.copy?.[0]).toEqual({ from: '.next/standalone', to: '.' });
    const both = detect({ 'apps/web/package-lock.json': '{"lockfileVersion":3}', ...files }, 'apps/web');
    expect(both.framework?.copy?.[0]).toEqual({ from: '.next/standalone', to: '../..' });
  });

  it('on an image with node on PATH (variant slim) the start command runs through node; --start-command still wins', () => {
    const fs = memoryFileReader({ ...LOCK, 'package.json': NEXT_PKG, 'next.config.ts': nextConfig('') });
    const slim = generateDockerfile({ workspaceRoot: '/ws', projectRoot: '.', fs, options: { variant: 'slim' } });
    expect(runtime(slim.dockerfile)).toContain('CMD ["node","/app/node_modules/next/dist/bin/next","start"]');
    const own = generateDockerfile({ workspaceRoot: '/ws', projectRoot: '.', fs, options: { startCommand: ['node', 'node_modules/next/dist/bin/next', 'start', '-p', '8080'], port: 8080 } });
    expect(runtime(own.dockerfile)).toContain('ENTRYPOINT ["/nodejs/bin/node","node_modules/next/dist/bin/next","start","-p","8080"]');
    expect(runtime(own.dockerfile)).toContain('COPY --from=build /app/.next ./.next');
  });

  it('--entry or --output-path hand the runtime back to the user', () => {
    const result = generateDockerfile({ workspaceRoot: '/ws', projectRoot: 'apps/web', fs: memoryFileReader({ ...LOCK, ...files }), options: { entry: 'server.js', outputPath: '.next/standalone' } });
    expect(result.options).not.toHaveProperty('framework');
    expect(runtime(result.dockerfile)).toContain('CMD [".next/standalone/server.js"]');
  });

  it('a plain server has no framework: start script or main, as before', () => {
    const d = detect({ 'package.json': pkg({ express: '^5.1.0' }, { start: 'node server.js' }), 'server.js': "require('express')().listen(process.env.PORT || 8080);\n" });
    expect(d.framework).toBeUndefined();
    expect(d.entry).toBe('server.js');
  });
});

describe('framework evidence', () => {
  it('the check every detection above passes fails when a line leaves out the start command or the output folder', () => {
    const framework = { name: 'nest', kind: 'server' as const, build: 'build', outputDir: 'dist', start: ['node', 'dist/main.js'] };
    expect(frameworkEvidenceProblem({ framework, evidence: ['nest-cli.json → NestJS server dist/main.js; start "node dist/main.js"'] })).toBeNull();
    expect(frameworkEvidenceProblem({ framework, evidence: ['nest-cli.json → NestJS server dist/main.js'] })).toMatch(/^no evidence line names nest, dist\/ and its start command/);
    expect(frameworkEvidenceProblem({ framework, evidence: ['nest-cli.json → NestJS server; start "node main.js"'] })).not.toBeNull();
  });
});

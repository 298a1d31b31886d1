import { memoryFileReader } from '../detect';
import { lintDockerfile } from '../lint';
import { generateDockerfile } from './index';

// A server framework's own layout (output folder, what the runtime copies, start command) applies in the Turborepo
// prune variant and next to an outputPath that names the framework's own output (an Nx target running the
// framework's CLI in the app folder); an outputPath elsewhere is another build's layout and wins.
const json = (o: object) => JSON.stringify(o);
const WORKSPACE = {
  'package.json': json({ name: 'acme', private: true, packageManager: 'npm@11.6.2', workspaces: ['apps/*', 'packages/*'], devDependencies: { turbo: '2.11.9' } }),
  'package-lock.json': json({ lockfileVersion: 3 }),
  'turbo.json': json({ tasks: { build: { outputs: ['.next/**', 'build/**'] } } }),
  'packages/ui/package.json': json({ name: '@acme/ui', version: '0.0.0', main: 'dist/index.js' }),
};
const NEXT_APP = (config: string) => ({
  'apps/web/package.json': json({ name: 'web', private: true, scripts: { build: 'next build', start: 'next start' }, dependencies: { next: '16.4.3', react: '19.3.0', '@acme/ui': '*' } }),
  'apps/web/next.config.ts': `import type { NextConfig } from "next";\nconst nextConfig: NextConfig = {\n${config}};\nexport default nextConfig;\n`,
  'apps/web/app/page.tsx': 'export default function Home() { return <main>Hello</main>; }\n',
  'apps/web/public/robots.txt': 'User-agent: *\n',
});
const RR_APP = {
  'apps/shop/package.json': json({
    name: 'shop', private: true, type: 'module',
    scripts: { build: 'react-router build', start: 'react-router-serve ./build/server/index.js' },
    dependencies: { '@react-router/node': '^7.9.2', '@react-router/serve': '^7.9.2', react: '^19.1.1', 'react-router': '^7.9.2' },
    devDependencies: { '@react-router/dev': '^7.9.2' },
  }),
  'apps/shop/react-router.config.ts': 'import type { Config } from "@react-router/dev/config";\nexport default { ssr: true } satisfies Config;\n',
  'apps/shop/app/root.tsx': 'export default function App() { return null; }\n',
};

function generate(files: Record<string, string>, projectRoot: string, options: Record<string, unknown>) {
  const result = generateDockerfile({ workspaceRoot: '/ws', projectRoot, fs: memoryFileReader({ ...WORKSPACE, ...files }), options: { projectRoot, ...options } });
  expect(lintDockerfile(result.dockerfile).filter((f) => f.severity === 'error')).toEqual([]);
  return result;
}

/** The final stage's lines, without comments. */
const runtime = (dockerfile: string) => dockerfile.slice(dockerfile.lastIndexOf('\nFROM ')).split('\n').filter((l) => l && !l.startsWith('#'));

describe('turbo prune variant with a server framework', () => {
  const turbo = { pruneWith: 'turbo' };

  it("Next.js standalone: only the standalone server, .next/static and public/ (nested under the workspace root's lockfile), no prod install", () => {
    const { detection, dockerfile } = generate(NEXT_APP('  output: "standalone",\n'), 'apps/web', { ...turbo, pruneScope: 'web' });
    expect(detection.framework).toMatchObject({ name: 'next', outputDir: '.next/standalone', start: ['node', 'server.js'] });
    expect(dockerfile).toContain('RUN turbo prune web --docker\n');
    expect(dockerfile).toContain('RUN turbo run build --filter=web --cache=local:,remote:\n');
    // the build's own cache stays behind; the runtime gets an empty one
    expect(dockerfile).toContain('\nRUN rm -rf apps/web/.next/cache && mkdir -p /runtime-writable/0/cache\n');
    // the standalone output has its own node_modules: neither a production install nor the pruned tree
    expect(dockerfile).not.toContain('AS prod-deps');
    expect(dockerfile).not.toContain('/built');
    expect(runtime(dockerfile)).toEqual([
      'FROM gcr.io/distroless/nodejs26-debian13:nonroot AS runtime',
      'WORKDIR /app',
      'ENV NODE_ENV=production',
      'COPY --from=build /app/apps/web/.next/standalone ./',
      'COPY --from=build /app/apps/web/.next/static ./apps/web/.next/static',
      'COPY --from=build /app/apps/web/public ./apps/web/public',
      // Next.js writes its image and data cache there at run time
      'COPY --from=build --chown=65532 /runtime-writable/0/ ./apps/web/.next/',
      'WORKDIR /app/apps/web',
      'ENV HOSTNAME=0.0.0.0 PORT=3000',
      'USER 65532',
      'EXPOSE 3000',
      'CMD ["server.js"]',
    ]);
  });

  it('next start: production dependencies and the internal packages from the pruned tree, the app folder as the framework copies it', () => {
    const { dockerfile } = generate(NEXT_APP(''), 'apps/web', { ...turbo, pruneScope: 'web' });
    // the app folder (sources, .next/cache) is left out of the pruned tree; the framework's copies bring what runs
    expect(dockerfile).toMatch(/^RUN mkdir \/built && tar -c .*--exclude='\.\/apps\/web' \. \| tar -x -C \/built$/m);
    expect(runtime(dockerfile)).toEqual([
      'FROM gcr.io/distroless/nodejs26-debian13:nonroot AS runtime',
      'WORKDIR /app',
      'ENV NODE_ENV=production',
      'COPY --from=prod-deps /out/ ./',
      'COPY --from=build /built ./',
      'COPY --from=build /app/apps/web/package.json ./apps/web/package.json',
      'COPY --from=build /app/apps/web/.next ./apps/web/.next',
      'COPY --from=build /app/apps/web/public ./apps/web/public',
      // TypeScript sources are left out of the pruned tree, but next start reads its config
      'COPY --from=build /app/apps/web/next.config.ts ./apps/web/next.config.ts',
      'COPY --from=build --chown=65532 /runtime-writable/0/ ./apps/web/.next/',
      'WORKDIR /app/apps/web',
      'ENV PORT=3000',
      'USER 65532',
      'EXPOSE 3000',
      'CMD ["/app/node_modules/next/dist/bin/next","start"]',
    ]);
  });

  it('React Router: react-router-serve over build/ from the app folder', () => {
    const { dockerfile } = generate(RR_APP, 'apps/shop', { ...turbo, pruneScope: 'shop' });
    const lines = runtime(dockerfile);
    expect(lines).toContain('COPY --from=build /app/apps/shop/build ./apps/shop/build');
    expect(lines.slice(-2)).toEqual(['EXPOSE 3000', 'CMD ["/app/node_modules/@react-router/serve/bin.js","build/server/index.js"]']);
  });

  it('without a framework the pruned tree is still the whole app and its entry starts', () => {
    const files = { 'apps/api/package.json': json({ name: 'api', scripts: { build: 'tsc' }, main: 'dist/main.js', dependencies: { express: '^5.1.0' } }) };
    const { dockerfile } = generate(files, 'apps/api', { ...turbo, pruneScope: 'api', entry: 'dist/main.js' });
    expect(dockerfile).not.toContain("--exclude='./apps/api'");
    expect(runtime(dockerfile).slice(3, 5)).toEqual(['COPY --from=prod-deps /out/ ./', 'COPY --from=build /built ./']);
    expect(dockerfile).toContain('CMD ["apps/api/dist/main.js"]');
  });
});

describe('an outputPath given next to a detected server framework (Nx build targets)', () => {
  const nx = { buildCommand: 'NX_DAEMON=false npx nx run shop:build' };

  it.each([
    ['the framework output itself (an inferred target running react-router build)', 'apps/shop/build'],
    ['a folder inside it', 'apps/shop/build/server'],
  ])('%s: the framework copies and starts the app', (_what, outputPath) => {
    const { options, dockerfile } = generate(RR_APP, 'apps/shop', { ...nx, outputPath });
    expect(options).toMatchObject({ framework: { name: 'react-router' } });
    expect(dockerfile).toContain('\nRUN NX_DAEMON=false npx nx run shop:build\n');
    expect(runtime(dockerfile)).toEqual(expect.arrayContaining([
      'COPY --from=build /app/apps/shop/build ./apps/shop/build',
      'WORKDIR /app/apps/shop',
      'CMD ["/app/node_modules/@react-router/serve/bin.js","build/server/index.js"]',
    ]));
  });

  it("elsewhere (an executor's dist/ layout), or with an entry: the given output and entry win", () => {
    const dist = generate(RR_APP, 'apps/shop', { ...nx, outputPath: 'dist/apps/shop' });
    expect(dist.options).not.toHaveProperty('framework');
    expect(runtime(dist.dockerfile)).toContain('COPY --from=build /app/dist/apps/shop ./dist/apps/shop');
    expect(dist.dockerfile).toContain('CMD ["dist/apps/shop/main.js"]');
    const entry = generate(RR_APP, 'apps/shop', { ...nx, outputPath: 'apps/shop/build', entry: 'server/index.js' });
    expect(entry.options).not.toHaveProperty('framework');
    expect(entry.dockerfile).toContain('CMD ["apps/shop/build/server/index.js"]');
  });
});

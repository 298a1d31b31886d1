import { listStages } from '../dockerfile';
import { lintDockerfile } from '../lint';
import { OptionsError } from '../options/errors';
import { flatOptionsSchema } from '../options/json-schema';
import { renderDockerfile, renderDockerignore } from './dockerfile';

const turbo = { language: 'node', projectRoot: 'apps/web', pruneWith: 'turbo', pruneScope: '@acme/web', entry: 'server.js' } as const;

describe('node: Turborepo prune variant (pruneWith "turbo")', () => {
  it('prunes in the image, installs from out/json only, builds through turbo, copies the pruned tree', () => {
    const text = renderDockerfile({ ...turbo, turboVersion: 'v2.10.1' });
    expect(listStages(text).map((s) => `${s.name}=${s.image}`)).toEqual([
      'base=node:26-trixie-slim',
      'prune=base',
      'deps=base',
      'build=deps',
      'prod-deps=base',
      'runtime=gcr.io/distroless/nodejs26-debian13:nonroot',
    ]);
    expect(text).toContain('npm install --global turbo@2.10.1\n');
    expect(text).toMatch(/FROM base AS prune\nCOPY \. \.\nRUN turbo prune @acme\/web --docker\n/);
    const deps = text.slice(text.indexOf('FROM base AS deps'), text.indexOf('FROM deps AS build'));
    expect(deps.match(/^COPY .*/gm)).toEqual(['COPY --from=prune /app/out/json/ ./']);
    expect(text).toContain('RUN turbo run build --filter=@acme/web --cache=local:,remote:\n');
    // production dependencies go into a fresh tree from the pruned manifests: nothing of the full install can remain
    const prod = text.slice(text.indexOf('FROM base AS prod-deps'), text.indexOf('FROM gcr.io'));
    expect(prod.match(/^COPY .*/gm)).toEqual(['COPY --from=prune /app/out/json/ ./']);
    // only its node_modules folders reach the runtime (/out): no manifest settings such as the root .npmrc
    expect(prod).toMatch(/npm ci --omit=dev; else npm install --omit=dev; fi \\\n && mkdir -p node_modules \/out && find \. -name node_modules -type d -prune \| tar -c -T - \| tar -x -C \/out\n/);
    // the build output of the app and its internal packages, without node_modules, turbo's cache or TypeScript sources
    const built = /^RUN mkdir \/built && tar -c (.*) \. \| tar -x -C \/built$/m.exec(text);
    expect(built?.[1].split(' ')).toEqual(expect.arrayContaining(["--exclude='node_modules'", "--exclude='.turbo'", "--exclude='*.ts'", "--exclude='tsconfig*.json'", "--exclude='.npmrc'", "--exclude='.yarnrc.yml'", "--exclude='pnpm-lock.yaml'"]));
    expect(text).toMatch(/COPY --from=prod-deps \/out\/ \.\/\nCOPY --from=build \/built \.\/\nUSER 65532\nCMD \["apps\/web\/server\.js"\]/);
    expect(lintDockerfile(text)).toEqual([]);
  });

  it('mounts the npmrc secret on every step that reaches the registry, never as ARG/ENV; none without BuildKit', () => {
    const text = renderDockerfile(turbo);
    expect(text.match(/--mount=type=secret,id=npmrc,target=\/root\/\.npmrc/g)).toHaveLength(3);
    // Yarn 2+ reads a token from the environment ("${NPM_TOKEN}" in .yarnrc.yml): set from the npm_token secret file
    expect(text.match(/--mount=type=secret,id=npm_token \\\n {4}if \[ -f \/run\/secrets\/npm_token \]; then export NPM_TOKEN="\$\(cat \/run\/secrets\/npm_token\)"; fi;/g)).toHaveLength(3);
    expect(text).not.toMatch(/^(ARG|ENV) .*(TOKEN|NPMRC)/im);
    const legacy = renderDockerfile({ ...turbo, cacheMounts: false });
    expect(legacy).not.toContain('--mount');
    expect(legacy).toContain('RUN npm install --global turbo@2.11.9\n');
    expect(lintDockerfile(legacy)).toEqual([]);
  });

  it('Yarn: the build step gets NPM_TOKEN too (yarn run re-reads .yarnrc.yml and its ${NPM_TOKEN}); npm: no secret there', () => {
    const yarn = renderDockerfile({ ...turbo, packageManager: 'yarn' });
    expect(yarn).toMatch(/FROM deps AS build\nCOPY --from=prune \/app\/out\/full\/ \.\/\nRUN --mount=type=secret,id=npm_token \\\n {4}if \[ -f \/run\/secrets\/npm_token \]; then export NPM_TOKEN="\$\(cat \/run\/secrets\/npm_token\)"; fi; \\\n {4}turbo run build /);
    expect(renderDockerfile(turbo)).toMatch(/FROM deps AS build\nCOPY --from=prune \/app\/out\/full\/ \.\/\nRUN turbo run build /);
    expect(lintDockerfile(yarn)).toEqual([]);
  });

  it('keeps TypeScript sources when the app starts from a .ts entry', () => {
    expect(renderDockerfile({ ...turbo, entry: 'src/main.ts' })).not.toContain("--exclude='*.ts'");
  });

  it('keeps the package manager steps and a given build command', () => {
    const text = renderDockerfile({ ...turbo, packageManager: 'pnpm', buildCommand: 'pnpm turbo run bundle --filter=@acme/web' });
    expect(text).toContain("npm install --global 'pnpm@9'\n");
    expect(text).toContain('then pnpm install --frozen-lockfile; else pnpm install; fi\n');
    expect(text).toContain('then pnpm install --frozen-lockfile --prod; else pnpm install --prod; fi \\\n');
    expect(text).toContain('RUN pnpm turbo run bundle --filter=@acme/web\n');
  });

  it('needs the package name, and stays out of the Nx/CLI flag set', () => {
    expect(() => renderDockerfile({ language: 'node', pruneWith: 'turbo' })).toThrow(OptionsError);
    expect(() => renderDockerfile({ language: 'node', pruneWith: 'turbo' })).toThrow('pruneScope: required with pruneWith "turbo"');
    expect(() => renderDockerfile({ language: 'node', pruneWith: 'turbo', pruneScope: 'Bad Name' })).toThrow(/pruneScope: must be a package name/);
    expect(() => renderDockerfile({ language: 'go', pruneWith: 'turbo' } as never)).toThrow(/pruneWith: unknown option/);
    expect(Object.keys(flatOptionsSchema.shape)).not.toContain('pruneWith');
  });

  it('ignores node_modules and a host-side prune output in the workspace-root .dockerignore', () => {
    const ignore = renderDockerignore(turbo);
    expect(ignore.split('\n')[0]).toBe('# Build context filter of the Turborepo workspace root, shared by its JS apps (generated by docker-ms)');
    expect(ignore).toMatch(/^\*\*\/node_modules$/m);
    expect(ignore).toMatch(/^out$/m);
    expect(renderDockerignore({ language: 'node' })).not.toMatch(/^out$/m);
  });
});

import { OptionsError, type DockerfileOptionsInput } from '../options';
import { renderDockerfile, renderDockerignore } from './index';
import { execForm, finalStage, lastOf, stageNames, structure, type ParsedStage } from './__fixtures__/structure';

function images(text: string): string[] {
  return structure(text).stages.map((s) => s.image);
}

function copies(stage: ParsedStage): string[] {
  return stage.instructions.filter((i) => i.keyword === 'COPY').map((i) => (i.from ? `--from=${i.from} ${i.args}` : i.args));
}

function command(stage: ParsedStage): { entrypoint: string[] | null; cmd: string[] | null } {
  const entrypoint = lastOf(stage, 'ENTRYPOINT');
  const cmd = lastOf(stage, 'CMD');
  return { entrypoint: entrypoint ? execForm(entrypoint.args) : null, cmd: cmd ? execForm(cmd.args) : null };
}

function runs(text: string): string[] {
  return structure(text).stages.flatMap((s) => s.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args));
}

describe('every language: shared structure', () => {
  const inputs: DockerfileOptionsInput[] = [
    { language: 'node' },
    { language: 'python' },
    { language: 'go' },
    { language: 'rust', entry: 'server' },
    { language: 'java' },
  ];
  it.each(inputs)('%j parses, ends with runtime, runs as numeric non-root, starts in exec form', (input) => {
    const text = renderDockerfile(input);
    const parsed = structure(text);
    expect(parsed.problems).toBe(0);
    const names = parsed.stages.map((s) => s.name);
    expect(names[names.length - 1]).toBe('runtime');
    expect(names).toContain('build');
    expect(new Set(names).size).toBe(names.length);
    const final = finalStage(text);
    expect(lastOf(final, 'USER')?.args).toMatch(/^[1-9]\d*$/);
    const { entrypoint, cmd } = command(final);
    expect(entrypoint ?? cmd).not.toBeNull();
    expect(text).not.toMatch(/^# *syntax=/m);
    expect(text).not.toMatch(/<<-?\s*["']?[A-Z]+/);
    expect(text).not.toMatch(/--link\b/);
    expect(text).not.toMatch(/sharing=locked/);
    expect(images(text).every((i) => !/:latest$/.test(i) && !i.includes('$'))).toBe(true);
  });
});

describe('node', () => {
  it('installs from manifests in deps, builds in build, prunes dev deps in prod-deps, runs on distroless', () => {
    const text = renderDockerfile({ language: 'node', buildCommand: 'npm run build', entry: 'dist/main.js', port: 3000 });
    expect(stageNames(text)).toEqual(['base', 'deps', 'build', 'prod-deps', 'runtime']);
    expect(images(text)).toEqual(['node:26-trixie-slim', 'base', 'deps', 'base', 'gcr.io/distroless/nodejs26-debian13:nonroot']);
    const [, deps, build, prod, runtime] = structure(text).stages;
    expect(copies(deps)).toEqual(['package.json package-lock.json* npm-shrinkwrap.json* ./']);
    expect(deps.instructions.find((i) => i.keyword === 'RUN')?.args).toMatch(/npm ci;/);
    expect(copies(build)).toEqual(['. .']);
    expect(lastOf(build, 'RUN')?.args).toBe('npm run build');
    expect(lastOf(prod, 'RUN')?.args).toMatch(/npm ci --omit=dev/);
    expect(copies(runtime)).toEqual([
      '--from=prod-deps /app/node_modules ./node_modules',
      '--from=build /app/package.json ./package.json',
      '--from=build /app/dist ./dist',
    ]);
    // NODE_ENV only in the runtime, so the build still gets devDependencies
    expect(text.match(/NODE_ENV/g)).toHaveLength(1);
    expect(lastOf(runtime, 'ENV')?.args).toBe('NODE_ENV=production');
    // distroless node's entrypoint is node: CMD is the script
    expect(command(runtime)).toEqual({ entrypoint: null, cmd: ['dist/main.js'] });
    expect(lastOf(runtime, 'USER')?.args).toBe('65532');
    expect(lastOf(runtime, 'EXPOSE')?.args).toBe('3000');
  });

  it('without a build command the runtime gets an allowlist of the app (JS files and folders holding JS), never the context', () => {
    const text = renderDockerfile({ language: 'node', entry: 'server.js' });
    const runtime = finalStage(text);
    expect(copies(runtime)).toEqual(['--from=prod-deps /app/node_modules ./node_modules', '--from=build /out/app ./']);
    const build = structure(text).stages.find((s) => s.name === 'build')!;
    const assemble = lastOf(build, 'RUN')!.args;
    expect(assemble).toMatch(/^mkdir -p \/out\/app && for f in \*; do/);
    expect(assemble).toMatch(/\*\.js\|\*\.mjs\|\*\.cjs\|\*\.json\) cp -a "\$f" \/out\/app\/ ;;/);
    // `*` skips dotfiles (.npmrc, .env, .yarnrc.yml)
    expect(assemble).not.toMatch(/\.\*|dotglob/);
    expect(command(runtime).cmd).toEqual(['server.js']);
  });

  it('prod-deps leaves a node_modules folder even for an app without dependencies', () => {
    const prod = structure(renderDockerfile({ language: 'node' })).stages.find((s) => s.name === 'prod-deps')!;
    expect(lastOf(prod, 'RUN')!.args).toMatch(/npm install --omit=dev; fi\s+&& mkdir -p node_modules$/);
  });

  it('Nx app built from the workspace root: projectRoot + buildCommand + outputPath', () => {
    const text = renderDockerfile({
      language: 'node',
      projectRoot: 'apps/api',
      buildCommand: 'npx nx build api',
      outputPath: 'dist/apps/api',
    });
    const build = structure(text).stages.find((s) => s.name === 'build')!;
    expect(copies(build)).toEqual(['. .']);
    expect(lastOf(build, 'RUN')?.args).toBe('npx nx build api');
    const runtime = finalStage(text);
    expect(copies(runtime)).toContain('--from=build /app/dist/apps/api ./dist/apps/api');
    expect(command(runtime).cmd).toEqual(['dist/apps/api/main.js']);
    // entry is relative to outputPath when that is set
    const custom = renderDockerfile({ language: 'node', projectRoot: 'apps/api', buildCommand: 'x', outputPath: 'dist/apps/api', entry: 'src/main.js' });
    expect(command(finalStage(custom)).cmd).toEqual(['dist/apps/api/src/main.js']);
  });

  it('workspace app without a build: copies the app folder and the root package.json, entry relative to projectRoot', () => {
    const text = renderDockerfile({ language: 'node', projectRoot: 'apps/web', entry: 'index.js', variant: 'slim' });
    const runtime = finalStage(text);
    expect(copies(runtime)).toEqual(['--from=prod-deps /app/node_modules ./node_modules', '--from=build /app/package.json ./package.json', '--from=build /out/app ./apps/web/']);
    const build = structure(text).stages.find((s) => s.name === 'build')!;
    expect(lastOf(build, 'RUN')!.args).toMatch(/^mkdir -p \/out\/app && cd apps\/web && for f in \*; do/);
    expect(command(runtime).cmd).toEqual(['node', 'apps/web/index.js']);
  });

  it.each([
    ['pnpm', /npm install --global 'pnpm@9'$/, /then pnpm install --frozen-lockfile; else pnpm install; fi$/, /then pnpm install --frozen-lockfile --prod; else pnpm install --prod; fi/, 'pnpm-lock.yaml*'],
    ['yarn', /npm install --global --force '@yarnpkg\/cli-dist@4\.5\.3'$/, /if \[ -f yarn\.lock \]; then frozen=1; fi; .* \*\) yarn install \$\{frozen:\+--immutable\} ;;/, /yarn workspaces focus --all --production/, 'yarn.lock*'],
    ['bun', /npm install --global 'bun@\d+\.\d+\.\d+'$/, /then bun install --frozen-lockfile; else bun install; fi$/, /then bun install --frozen-lockfile --production; else bun install --production; fi/, 'bun.lock*'],
  ] as const)('%s: sets itself up, installs frozen from a lockfile (plain install without one), prunes for production', (pm, setup, install, prod, lock) => {
    const text = renderDockerfile({ language: 'node', packageManager: pm, ...(pm === 'yarn' ? { packageManagerVersion: '4.5.3' } : {}) });
    const [base, deps, , prodDeps] = structure(text).stages;
    expect(lastOf(base, 'RUN')?.args).toMatch(setup);
    expect(copies(deps)[0].split(' ')).toContain(lock);
    expect(lastOf(deps, 'RUN')?.args).toMatch(install);
    expect(lastOf(prodDeps, 'RUN')?.args).toMatch(prod);
  });

  describe('package manager versions: what the project pins, never corepack or "latest"', () => {
    const baseRuns = (o: object) => structure(renderDockerfile({ language: 'node', ...o } as DockerfileOptionsInput)).stages[0].instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    it.each([
      [{ packageManager: 'pnpm', packageManagerVersion: '9.12.0' }, ["npm install --global 'pnpm@9.12.0'"]],
      [{ packageManager: 'pnpm', packageManagerVersion: '>=8.6 <9', cacheMounts: false }, ["npm install --global 'pnpm@>=8.6 <9'"]],
      // Node 25+ images ship no yarn: yarn 1 comes from the npm registry; up to 24 the image's own yarn 1.22 serves
      [{ packageManager: 'yarn' }, ["npm install --global 'yarn@1.22.22'"]],
      [{ packageManager: 'yarn', packageManagerVersion: '1' }, ["npm install --global 'yarn@1.22.22'"]],
      [{ packageManager: 'yarn', runtimeVersion: '24' }, []],
      [{ packageManager: 'yarn', packageManagerVersion: '1', runtimeVersion: '22' }, []],
      [{ packageManager: 'yarn', packageManagerVersion: '1.22.19', cacheMounts: false }, ["npm install --global --force 'yarn@1.22.19'"]],
      [{ packageManager: 'yarn', packageManagerVersion: '4', cacheMounts: false }, ["npm install --global --force '@yarnpkg/cli-dist@4'"]],
      [{ packageManager: 'npm', packageManagerVersion: '10.9.0', cacheMounts: false }, ["npm install --global 'npm@10.9.0'"]],
      [{ packageManager: 'npm' }, []],
    ] as Array<[Record<string, unknown>, string[]]>)('%j', (o, runs) => {
      expect(baseRuns(o)).toEqual(runs);
      expect(renderDockerfile({ language: 'node', ...o } as DockerfileOptionsInput)).not.toMatch(/corepack|@latest/);
    });

    it('a committed Yarn release is copied into the base stage and runs as yarn (no download)', () => {
      const text = renderDockerfile({ language: 'node', packageManager: 'yarn', packageManagerVersion: '4.5.3', yarnPath: '.yarn/releases/yarn-4.5.3.cjs' });
      const base = structure(text).stages[0];
      expect(copies(base)).toEqual(['.yarn/releases/yarn-4.5.3.cjs /usr/local/lib/yarn-release.cjs']);
      expect(lastOf(base, 'RUN')?.args).toContain('exec node /usr/local/lib/yarn-release.cjs');
      expect(text).toContain('YARN_IGNORE_PATH=1');
      expect(text).not.toMatch(/npm install --global/);
    });

    it('the install is a cached layer (npm cache mount)', () => {
      expect(renderDockerfile({ language: 'node', packageManager: 'pnpm', packageManagerVersion: '9.12.0' })).toContain("RUN --mount=type=cache,target=/root/.npm \\\n    npm install --global 'pnpm@9.12.0'\n");
    });

    it('rejects a dist-tag', () => {
      expect(() => renderDockerfile({ language: 'node', packageManager: 'pnpm', packageManagerVersion: 'latest' })).toThrow('packageManagerVersion: must pin a version, not a dist-tag such as "latest"');
    });
  });

  it('yarn handles v1 and berry (node-modules linker) in one file', () => {
    const text = renderDockerfile({ language: 'node', packageManager: 'yarn' });
    expect(text).toContain('YARN_NODE_LINKER=node-modules');
    expect(text).toMatch(/1\.\*\) yarn install \$\{frozen:\+--frozen-lockfile\} ;;/);
  });

  it('runs node by path in an exec-form healthcheck (distroless has no shell)', () => {
    const text = renderDockerfile({ language: 'node', port: 8080, healthcheck: '/healthz' });
    const hc = lastOf(finalStage(text), 'HEALTHCHECK')!;
    const argv = execForm(hc.args)!;
    expect(argv.slice(0, 2)).toEqual(['/nodejs/bin/node', '-e']);
    // the URL is an argument of the probe (process.argv[1]), never part of its code
    expect(argv[2]).toContain('fetch(process.argv[1])');
    expect(argv.slice(3)).toEqual(['http://127.0.0.1:8080/healthz']);
  });

  it('seed: node:20-alpine build → node:20-alpine runtime (musl node_modules need a musl runtime)', () => {
    const text = renderDockerfile({ language: 'node', variant: 'alpine', runtimeVersion: '20', entry: 'index.js' });
    expect(images(text)).toEqual(['node:20-alpine', 'base', 'deps', 'base', 'node:20-alpine']);
    const runtime = finalStage(text);
    expect(lastOf(runtime, 'USER')?.args).toBe('65534');
    expect(command(runtime)).toEqual({ entrypoint: null, cmd: ['node', 'index.js'] });
  });

  it('startCommand becomes the ENTRYPOINT, with node resolved inside distroless', () => {
    const text = renderDockerfile({ language: 'node', startCommand: ['node', '--enable-source-maps', 'main.js'] });
    expect(command(finalStage(text))).toEqual({ entrypoint: ['/nodejs/bin/node', '--enable-source-maps', 'main.js'], cmd: null });
  });
});

describe('python', () => {
  it('refuses a distroless python runtime: the venv would point at a python it does not have', () => {
    expect(() => renderDockerfile({ language: 'python', baseRuntime: 'gcr.io/distroless/python3-debian13:nonroot' })).toThrow(
      /^baseRuntime: "gcr\.io\/distroless\/python3-debian13:nonroot" has no \/usr\/local\/bin\/python3 for the venv built on "python:3\.14-slim-trixie"; use a python:<version>-slim runtime/,
    );
  });

  it('builds a venv from requirements first, copies only the venv and the app to the runtime', () => {
    const text = renderDockerfile({ language: 'python', entry: 'app.py', port: 8000 });
    expect(stageNames(text)).toEqual(['build', 'runtime']);
    expect(images(text)).toEqual(['python:3.14-slim-trixie', 'python:3.14-slim-trixie']);
    const [build, runtime] = structure(text).stages;
    expect(copies(build)).toEqual(['requirements*.txt pyproject.toml* ./', '. .']);
    expect(build.instructions.findIndex((i) => /pip install -r requirements.txt/.test(i.args))).toBeLessThan(
      build.instructions.findIndex((i) => i.keyword === 'COPY' && i.args === '. .'),
    );
    expect(copies(runtime)).toEqual(['--from=build /opt/venv /opt/venv', '--from=build /out/app ./']);
    // the allowlist: top-level .py files and folders holding Python code (no manifests, configs, dotfiles)
    expect(lastOf(build, 'RUN')!.args).toMatch(/^mkdir -p \/out\/app && for f in \*; do .*\*\.py\) cp -a "\$f" \/out\/app\/ ;;/s);
    expect(text).toMatch(/PYTHONUNBUFFERED=1/);
    expect(lastOf(runtime, 'USER')?.args).toBe('65534');
    expect(command(runtime).cmd).toEqual(['python', 'app.py']);
  });

  it.each([
    ['poetry', /pip install poetry==/, /poetry install --only main --no-root/, 'pyproject.toml poetry.lock* ./'],
    ['uv', /pip install uv==/, /uv sync --locked --no-dev --no-install-project/, 'pyproject.toml uv.lock ./'],
    ['pdm', /pip install pdm==[\d.]+ 'hishel<2'/, /pdm export --prod -o \/tmp\/requirements\.txt && pip install --no-deps -r \/tmp\/requirements\.txt/, 'pyproject.toml pdm.lock ./'],
    ['pipenv', /pip install pipenv==[\d.]+/, /pipenv requirements --hash > \/tmp\/requirements\.txt && pip install --no-deps -r \/tmp\/requirements\.txt/, 'Pipfile Pipfile.lock* ./'],
  ] as const)('%s: installs the tool with pip in its own venv, then the locked dependencies', (pm, tool, install, manifests) => {
    const text = renderDockerfile({ language: 'python', packageManager: pm });
    const build = structure(text).stages[0];
    expect(runs(text).some((r) => tool.test(r))).toBe(true);
    expect(runs(text).some((r) => install.test(r))).toBe(true);
    expect(copies(build)[0]).toBe(manifests);
    expect(images(text).every((i) => i.startsWith('python:'))).toBe(true);
  });

  it('runs modules with -m and entry-point references through their function', () => {
    expect(command(finalStage(renderDockerfile({ language: 'python', entry: 'app' }))).cmd).toEqual(['python', '-m', 'app']);
    expect(command(finalStage(renderDockerfile({ language: 'python', entry: 'svc.cli:main' }))).cmd).toEqual([
      'python', '-c', 'import sys; from svc.cli import main; sys.exit(main())',
    ]);
  });

  it.each(['pip', 'poetry', 'uv', 'pdm', 'pipenv'] as const)('%s: the venv copied to runtime leaves the installer behind, after the last install', (pm) => {
    const build = structure(renderDockerfile({ language: 'python', packageManager: pm })).stages[0];
    const buildRuns = build.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    const uninstall = buildRuns.findIndex((r) => /\/opt\/venv\/bin\/pip uninstall --yes --quiet pip setuptools/.test(r));
    const lastInstall = buildRuns.map((r) => /pip install|poetry install|uv sync/.test(r)).lastIndexOf(true);
    expect(uninstall).toBeGreaterThan(lastInstall);
    expect(lastInstall).toBeGreaterThan(-1);
  });

  it('probes an HTTP healthcheck with python itself', () => {
    const text = renderDockerfile({ language: 'python', port: 8000, healthcheck: '/health' });
    const argv = execForm(lastOf(finalStage(text), 'HEALTHCHECK')!.args)!;
    expect(argv.slice(0, 2)).toEqual(['python', '-c']);
    expect(argv[2]).toContain('urlopen(sys.argv[1]');
    expect(argv.slice(3)).toEqual(['http://127.0.0.1:8000/health']);
  });

  it('seed: python:3.14-slim venv copy → python:3.14-slim with USER nobody (65534)', () => {
    const text = renderDockerfile({ language: 'python', variant: 'slim', entry: 'main.py' });
    expect(images(text)).toEqual(['python:3.14-slim', 'python:3.14-slim']);
    const runtime = finalStage(text);
    expect(copies(runtime)[0]).toBe('--from=build /opt/venv /opt/venv');
    expect(lastOf(runtime, 'USER')?.args).toBe('65534');
    expect(command(runtime).cmd).toEqual(['python', 'main.py']);
  });
});

describe('go', () => {
  it('downloads modules from go.mod/go.sum, builds static with -trimpath, runs on distroless static', () => {
    const text = renderDockerfile({ language: 'go', entry: './cmd/api' });
    expect(stageNames(text)).toEqual(['deps', 'build', 'runtime']);
    expect(images(text)).toEqual(['golang:1.26-trixie', 'deps', 'gcr.io/distroless/static-debian13:nonroot']);
    const [deps, build, runtime] = structure(text).stages;
    expect(copies(deps)).toEqual(['go.mod go.sum* ./']);
    expect(lastOf(deps, 'RUN')?.args).toBe('go mod download');
    expect(text).toContain('GOTOOLCHAIN=local');
    expect(lastOf(build, 'RUN')?.args).toBe('CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/api ./cmd/api');
    expect(copies(runtime)).toEqual(['--from=build /out/api /usr/local/bin/api']);
    expect(lastOf(runtime, 'USER')?.args).toBe('65532');
    expect(command(runtime)).toEqual({ entrypoint: ['/usr/local/bin/api'], cmd: null });
    expect(lastOf(runtime, 'HEALTHCHECK')).toBeUndefined();
  });

  it('seed: golang:1.26-alpine → scratch with CA certificates and USER 65534', () => {
    const text = renderDockerfile({ language: 'go', variant: 'scratch', entry: '.' });
    expect(images(text)).toEqual(['golang:1.26-alpine', 'deps', 'scratch']);
    const runtime = finalStage(text);
    expect(copies(runtime)).toEqual([
      '--from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt',
      '--from=build /rootfs/ /',
      '--from=build /out/app /usr/local/bin/app',
    ]);
    // scratch has no /tmp and no zoneinfo: a 1777 /tmp from the build stage, tzdata embedded in the binary
    expect(runs(text).some((r) => r.includes('mkdir -p /rootfs/tmp && chmod 1777 /rootfs/tmp'))).toBe(true);
    expect(runs(text).some((r) => r.includes('go build -trimpath -tags timetzdata'))).toBe(true);
    expect(lastOf(runtime, 'USER')?.args).toBe('65534');
    expect(command(runtime).entrypoint).toEqual(['/usr/local/bin/app']);
  });

  it('builds a project below the context root and names the binary after it', () => {
    const text = renderDockerfile({ language: 'go', projectRoot: 'services/billing' });
    const [deps, build] = structure(text).stages;
    expect(copies(deps)).toEqual(['services/billing/go.mod services/billing/go.sum* ./']);
    expect(copies(build)).toEqual(['services/billing/ .']);
    expect(command(finalStage(text)).entrypoint).toEqual(['/usr/local/bin/billing']);
  });

  it('takes a healthcheck command but refuses an HTTP path (no shell, no client in the image)', () => {
    const text = renderDockerfile({ language: 'go', healthcheck: ['/usr/local/bin/app', 'health'] });
    expect(execForm(lastOf(finalStage(text), 'HEALTHCHECK')!.args)).toEqual(['/usr/local/bin/app', 'health']);
    expect(() => renderDockerfile({ language: 'go', port: 8080, healthcheck: '/healthz' })).toThrow(
      /^healthcheck: go runtime images cannot probe an HTTP path.*command array/,
    );
  });
});

describe('rust', () => {
  it('builds with --locked whenever Cargo.lock is in the context', () => {
    const text = renderDockerfile({ language: 'rust', entry: 'api' });
    expect(runs(text).filter((r) => r.includes('$(test -f Cargo.lock && echo --locked)'))).toHaveLength(2);
  });

  it('caches dependencies with a placeholder main, builds the named binary, runs on distroless cc', () => {
    const text = renderDockerfile({ language: 'rust', entry: 'server' });
    expect(stageNames(text)).toEqual(['deps', 'build', 'runtime']);
    expect(images(text)).toEqual(['rust:1-slim-trixie', 'deps', 'gcr.io/distroless/cc-debian13:nonroot']);
    const [deps, build, runtime] = structure(text).stages;
    expect(copies(deps)).toEqual(['Cargo.toml Cargo.lock* ./']);
    expect(lastOf(deps, 'RUN')?.args).toMatch(/fn main\(\) \{\}.*cargo build --release/s);
    expect(lastOf(build, 'RUN')?.args).toMatch(/cargo build --release --bin server.*cp target\/release\/server \/out\/server/s);
    expect(copies(runtime)).toEqual(['--from=build /out/server /usr/local/bin/server']);
    expect(lastOf(runtime, 'USER')?.args).toBe('65532');
    expect(command(runtime).entrypoint).toEqual(['/usr/local/bin/server']);
    expect(text).not.toMatch(/cargo[- ]chef/);
  });

  it('seed: rust:1.75-alpine musl → scratch', () => {
    const text = renderDockerfile({ language: 'rust', variant: 'musl', runtimeVersion: '1.75', entry: 'hello' });
    expect(images(text)).toEqual(['rust:1.75-alpine', 'deps', 'scratch']);
    expect(structure(text).stages[0].instructions.some((i) => i.args === 'apk add --no-cache musl-dev')).toBe(true);
    expect(lastOf(structure(text).stages[1], 'RUN')?.args).toMatch(/--target "\$\(uname -m\)-unknown-linux-musl" --bin hello/);
    const runtime = finalStage(text);
    expect(copies(runtime)).toContain('--from=build /out/hello /usr/local/bin/hello');
    expect(lastOf(runtime, 'USER')?.args).toBe('65534');
    expect(command(runtime).entrypoint).toEqual(['/usr/local/bin/hello']);
  });

  it('needs the binary name', () => {
    expect(() => renderDockerfile({ language: 'rust' })).toThrow(/^entry: rust needs the binary to ship/);
    expect(() => renderDockerfile({ language: 'rust', entry: 'src/main.rs' })).toThrow(/^entry: must be a cargo binary name/);
    expect(() => renderDockerfile({ language: 'rust', entry: 'a b' })).toThrow(/^entry: must be a path, module, class or binary name without spaces/);
  });
});

describe('java', () => {
  it('maven: builds with the wrapper when present, copies one jar, runs java -jar on distroless', () => {
    const text = renderDockerfile({ language: 'java', port: 8080 });
    expect(stageNames(text)).toEqual(['build', 'runtime']);
    expect(images(text)).toEqual(['maven:3.9-eclipse-temurin-25', 'gcr.io/distroless/java25-debian13:nonroot']);
    const [build, runtime] = structure(text).stages;
    const [deps, run, collect] = build.instructions.filter((i) => i.keyword === 'RUN');
    // the dependency step sees only pom.xml and the wrapper, so a source edit leaves it cached
    expect(copies(build)).toEqual(['pom.xml mvnw* ./', 'pom.xml .mvn* ./.mvn/', '. .']);
    const order = build.instructions.map((i) => i.keyword + ' ' + i.args.slice(0, 12));
    expect(order.indexOf(`RUN ${deps.args.slice(0, 12)}`)).toBeLessThan(order.indexOf('COPY . .'));
    expect(deps.args).toMatch(/\.\/mvnw -B \$settings -DskipTests dependency:go-offline; else mvn -B \$settings -DskipTests dependency:go-offline; fi/);
    // a multi-module pom needs its modules' poms, which this step does not have: the build step downloads then
    expect(deps.args).toMatch(/^settings=.*if grep -qs '<modules>' pom\.xml; then echo /);
    expect(deps.flags).toEqual(['--mount=type=cache,target=/root/.m2', '--mount=type=secret,id=maven_settings']);
    expect(run.args).toMatch(/\.\/mvnw -B \$settings -DskipTests package; else mvn -B \$settings -DskipTests package; fi$/);
    expect(run.args).not.toMatch(/-Dmaven\.repo\.local|\s-o\s|go-offline/);
    expect(run.flags).toEqual(['--mount=type=cache,target=/root/.m2', '--mount=type=secret,id=maven_settings']);
    // the jar is collected by a RUN of its own, so the build command (user text) cannot swallow it
    expect(collect.args).toMatch(/^mkdir -p \/out .*find target -maxdepth 1 -name '\*\.jar'.*\/out\/app\.jar$/s);
    expect(copies(runtime)).toEqual(['--from=build /out/app.jar /app/app.jar']);
    expect(lastOf(runtime, 'USER')?.args).toBe('65532');
    expect(command(runtime).entrypoint).toEqual(['java', '-XX:MaxRAMPercentage=75', '-jar', '/app/app.jar']);
  });

  it('gradle: assembles without tests and skips the plain jar', () => {
    const text = renderDockerfile({ language: 'java', packageManager: 'gradle' });
    expect(images(text)[0]).toBe('gradle:9.7-jdk25');
    const [run, collect] = structure(text).stages[0].instructions.filter((i) => i.keyword === 'RUN');
    expect(run.args).toMatch(/\.\/gradlew --no-daemon assemble -x test/);
    expect(text).not.toMatch(/go-offline|pom\.xml/);
    expect(collect.args).toMatch(/find build\/libs .*! -name '\*-plain\.jar'/);
  });

  it('a main class entry runs with -cp', () => {
    const text = renderDockerfile({ language: 'java', entry: 'com.example.App' });
    expect(command(finalStage(text)).entrypoint).toEqual(['java', '-XX:MaxRAMPercentage=75', '-cp', '/app/app.jar', 'com.example.App']);
  });

  it('alpine variant: Maven on the temurin 25 JDK alpine → eclipse-temurin:25-jre-alpine (the bare JDK image has no mvn)', () => {
    const text = renderDockerfile({ language: 'java', variant: 'alpine' });
    expect(images(text)).toEqual(['maven:3.9-eclipse-temurin-25-alpine', 'eclipse-temurin:25-jre-alpine']);
  });

  it('seed: eclipse-temurin:21-jdk-alpine → eclipse-temurin:21-jre-alpine with a numeric user (project with a Maven wrapper)', () => {
    const text = renderDockerfile({ language: 'java', variant: 'alpine', runtimeVersion: '21', baseBuild: 'eclipse-temurin:21-jdk-alpine' });
    expect(images(text)).toEqual(['eclipse-temurin:21-jdk-alpine', 'eclipse-temurin:21-jre-alpine']);
    expect(runs(text).some((r) => r.includes('MAVEN_CONFIG= ./mvnw -B $settings -DskipTests package'))).toBe(true);
    const runtime = finalStage(text);
    expect(lastOf(runtime, 'USER')?.args).toBe('65534');
    expect(command(runtime).entrypoint).toEqual(['java', '-XX:MaxRAMPercentage=75', '-jar', '/app/app.jar']);
  });

  it('Spring Boot 3.3+: the tools jar mode extracts the layers; the runtime copies them least-changing first and starts the launcher', () => {
    const text = renderDockerfile({ language: 'java', springBootVersion: '3.5.16' });
    const [build, runtime] = structure(text).stages;
    const extract = lastOf(build, 'RUN')!.args;
    expect(extract).toMatch(/^java -Djarmode=tools -jar \/out\/app\.jar extract --layers --launcher --destination \/out\/layers /);
    // a layer other than the four (a custom layers.xml) would be missing from the runtime: the build stops and names the fix
    expect(extract).toContain('case "$d" in dependencies|spring-boot-loader|snapshot-dependencies|application) ;; *)');
    expect(extract).toContain('--no-layered-jar');
    expect(copies(runtime)).toEqual([
      '--from=build /out/layers/dependencies/ /app/',
      '--from=build /out/layers/spring-boot-loader/ /app/',
      '--from=build /out/layers/snapshot-dependencies/ /app/',
      '--from=build /out/layers/application/ /app/',
    ]);
    expect(command(runtime).entrypoint).toEqual(['java', '-XX:MaxRAMPercentage=75', '-cp', '/app', 'org.springframework.boot.loader.launch.JarLauncher']);
  });

  it.each([
    ['3.2.5', /^java -Djarmode=layertools -jar \/out\/app\.jar extract --destination \/out\/layers /, 'org.springframework.boot.loader.launch.JarLauncher'],
    ['2.7.18', /^java -Djarmode=layertools -jar \/out\/app\.jar extract --destination \/out\/layers /, 'org.springframework.boot.loader.JarLauncher'],
    ['4.0.7', /^java -Djarmode=tools /, 'org.springframework.boot.loader.launch.JarLauncher'],
  ])('Spring Boot %s: its jar mode and launcher', (version, extract, launcher) => {
    const text = renderDockerfile({ language: 'java', packageManager: 'gradle', springBootVersion: version });
    expect(lastOf(structure(text).stages[0], 'RUN')!.args).toMatch(extract);
    expect(command(finalStage(text)).entrypoint?.at(-1)).toBe(launcher);
  });

  it.each<[string, DockerfileOptionsInput]>([
    ['before 2.4 (layers were opt-in)', { language: 'java', springBootVersion: '2.3.12' }],
    ['layeredJar false', { language: 'java', springBootVersion: '3.5.16', layeredJar: false }],
    ['a main class entry', { language: 'java', springBootVersion: '3.5.16', entry: 'com.example.App' }],
    ['a start command', { language: 'java', springBootVersion: '3.5.16', startCommand: 'java -jar /app/app.jar --debug' }],
  ])('the jar as it is: %s', (_name, input) => {
    const text = renderDockerfile(input);
    expect(text).not.toMatch(/jarmode/);
    expect(copies(finalStage(text))).toEqual(['--from=build /out/app.jar /app/app.jar']);
  });

  it('springBootVersion must be a version', () => {
    expect(() => renderDockerfile({ language: 'java', springBootVersion: 'latest' })).toThrow(/^springBootVersion: must be a Spring Boot version/);
  });

  it('outputPath must stay inside the project', () => {
    const text = renderDockerfile({ language: 'java', projectRoot: 'apps/svc', outputPath: 'apps/svc/out/jars' });
    expect(text).toContain('find out/jars -maxdepth 1');
    expect(() => renderDockerfile({ language: 'java', projectRoot: 'apps/svc', outputPath: 'dist/svc' })).toThrow(/^outputPath: for java/);
  });
});

describe('options that shape every file', () => {
  const all: DockerfileOptionsInput[] = [
    { language: 'node', packageManager: 'pnpm' },
    { language: 'node', packageManager: 'yarn', buildCommand: 'yarn build' },
    { language: 'python', packageManager: 'uv' },
    { language: 'python', packageManager: 'poetry' },
    { language: 'python', packageManager: 'pdm' },
    { language: 'python', packageManager: 'pipenv' },
    { language: 'go' },
    { language: 'rust', entry: 'app' },
    { language: 'java' },
    { language: 'java', packageManager: 'gradle' },
  ];

  it.each(all)('cacheMounts false: %j has no --mount and no --chmod (legacy builder)', (input) => {
    const withMounts = renderDockerfile(input);
    expect(withMounts).toContain('--mount=type=cache');
    const legacy = renderDockerfile({ ...input, cacheMounts: false });
    expect(legacy).not.toMatch(/--mount|--chmod/);
    expect(stageNames(legacy)).toEqual(stageNames(withMounts));
  });

  it.each(all)('registryMirror prefixes every base image FROM of %j', (input) => {
    const text = renderDockerfile({ ...input, registryMirror: 'mirror.example.com/hub' });
    const names = stageNames(text);
    for (const image of images(text)) {
      if (names.includes(image) || image === 'scratch') continue;
      expect(image).toMatch(/^mirror\.example\.com\/hub\//);
    }
  });

  it('refuses scratch for runtimes that cannot run there', () => {
    expect(() => renderDockerfile({ language: 'node', baseRuntime: 'scratch' })).toThrow('baseRuntime: scratch has no node runtime (got "scratch")');
    expect(() => renderDockerfile({ language: 'rust', entry: 'x', baseRuntime: 'scratch' })).toThrow(/^baseRuntime: a glibc rust binary needs libc; use variant "musl"/);
    expect(renderDockerfile({ language: 'rust', entry: 'x', variant: 'musl', baseRuntime: 'scratch' })).toContain('FROM scratch AS runtime');
  });

  it('refuses text that would break the file', () => {
    expect(() => renderDockerfile({ language: 'node', buildCommand: 'npm run build\nUSER root' })).toThrow('buildCommand: must be a single line');
    expect(() => renderDockerfile({ language: 'go', entry: './cmd/$(id)' })).toThrow(/^entry: /);
    expect(() => renderDockerfile({ language: 'go', projectRoot: 'my app' })).toThrow(/^projectRoot: must be a path of letters, digits/);
  });

  it('keeps a build command on its own RUN line', () => {
    const swallow = { language: 'node', buildCommand: 'npm run build \\' } as const;
    expect(() => renderDockerfile(swallow)).toThrow('buildCommand: must not end with "\\" (it would join the next Dockerfile line) (got "npm run build \\\\")');
    expect(() => renderDockerfile({ language: 'node', buildCommand: 'npm run build \\   ' })).toThrow(/^buildCommand: must not end with/);
    expect(() => renderDockerfile({ language: 'node', buildCommand: 'npm run build\r' })).toThrow(/^buildCommand: must be a single line/);
    expect(() => renderDockerfile({ language: 'node', buildCommand: 'npm run build\u2028USER root' })).toThrow(/^buildCommand: must be a single line/);
    expect(() => renderDockerfile({ language: 'node', buildCommand: 'cat <<EOF > x' })).toThrow(/^buildCommand: must not contain a heredoc/);
    expect(() => renderDockerfile({ language: 'java', buildCommand: '   ' })).toThrow(/^buildCommand: must not be empty/);
    expect(() => renderDockerfile({ language: 'java', buildCommand: ' # mvn package' })).toThrow(/^buildCommand: must not start with "#"/);
    // found by the property test: dockerfile-ast read "RUN \\ --chown=0" as a RUN flag, BuildKit as the shell command
    expect(() => renderDockerfile({ language: 'node', buildCommand: '\\ --chown=0 npm run build' })).toThrow(/^buildCommand: must not start with "\\"/);
    expect(() => renderDockerfile({ language: 'node', buildCommand: '--mount=type=secret,id=npmrc,target=/x cat /x' })).toThrow(/^buildCommand: must not start with "-" \(docker would read it as a flag of RUN\)/);
    expect(() => renderDockerfile({ language: 'node', projectRoot: '--chown=0' })).toThrow(/^projectRoot: must not start with "-"/);
    expect(() => renderDockerfile({ language: 'go', startCommand: '/app \\' })).toThrow(/^startCommand: must not end with/);
    expect(() => renderDockerfile({ language: 'go', startCommand: '/app\n--debug' })).toThrow(/^startCommand: must be a single line/);
  });

  it('writes label names and values literally: no variable expansion, no doubled backslashes', () => {
    const value = 'cost $5 ${PATH} C:\\dir "quoted" \\$HOME é';
    const text = renderDockerfile({ language: 'go', labels: { 'com.example.note': value } });
    const line = text.split('\n').find((l) => l.startsWith('LABEL '))!;
    expect(line).toBe('LABEL "com.example.note"="cost \\$5 \\${PATH} C:\\\\dir \\"quoted\\" \\\\\\$HOME é"');
    expect(() => renderDockerfile({ language: 'go', labels: { note: 'a\nUSER root' } })).toThrow(/^labels\.note: must be a single line/);
    expect(() => renderDockerfile({ language: 'go', labels: { 'a b': 'x' } })).toThrow('labels."a b": label names must be letters, digits and "._/-", e.g. "org.opencontainers.image.source" (got "a b")');
  });

  it('escapes unicode line separators in exec forms, so no tool reads them as line breaks', () => {
    const text = renderDockerfile({ language: 'go', startCommand: ['/app', 'a\u2028b\u0085c'] });
    expect(text).toContain('ENTRYPOINT ["/app","a\\u2028b\\u0085c"]');
    expect(text).not.toMatch(/[\u0085\u2028\u2029]/);
  });

  it('validates healthcheck paths as URL paths', () => {
    for (const bad of ['/a b', '/$(id)', '/a\nb', '/%zz', 'healthz']) {
      expect(() => renderDockerfile({ language: 'node', port: 8080, healthcheck: bad })).toThrow(/^healthcheck: must be an HTTP path starting with "\/"/);
    }
    // quotes and parentheses are URL characters: they reach the probe as its argument, the probe's code stays the same
    for (const language of ['node', 'python'] as const) {
      const probe = (healthcheck: string) => execForm(lastOf(finalStage(renderDockerfile(language === 'node' ? { language, port: 8000, healthcheck } : { language, port: 8000, healthcheck })), 'HEALTHCHECK')!.args)!;
      const hostile = "/x');require('child_process').execSync('id');('";
      expect(probe(hostile).slice(0, -1)).toEqual(probe('/healthz').slice(0, -1));
      expect(probe(hostile).at(-1)).toBe(`http://127.0.0.1:8000${hostile}`);
    }
  });

  it('passes paths to RUN lines as single shell words', () => {
    for (const bad of ['dist;id', 'dist|x', 'a&b', 'out$(id)', 'a`b`', 'a*', "it's"]) {
      expect(() => renderDockerfile({ language: 'java', outputPath: bad })).toThrow(/^outputPath: must be a path of letters, digits/);
    }
    expect(renderDockerfile({ language: 'java', projectRoot: 'apps/ünï', outputPath: 'apps/ünï/out+1' })).toContain('find out+1 -maxdepth 1');
  });

  it('target must name a stage of the file', () => {
    expect(renderDockerfile({ language: 'go', target: 'build' })).toContain('AS build');
    expect(() => renderDockerfile({ language: 'go', target: 'prod' })).toThrow(OptionsError);
    expect(() => renderDockerfile({ language: 'go', target: 'prod' })).toThrow('target: must be one of deps, build, runtime (got "prod")');
  });

  it('user, labels and port land in the final stage', () => {
    const text = renderDockerfile({ language: 'go', user: '10001:10001', labels: { 'org.opencontainers.image.source': 'https://git.example/x' }, port: 9000 });
    const runtime = finalStage(text);
    expect(lastOf(runtime, 'USER')?.args).toBe('10001:10001');
    expect(lastOf(runtime, 'LABEL')?.args).toBe('"org.opencontainers.image.source"="https://git.example/x"');
    expect(lastOf(runtime, 'EXPOSE')?.args).toBe('9000');
  });

  it('an HTTP healthcheck needs a port', () => {
    expect(() => renderDockerfile({ language: 'node', healthcheck: '/healthz' })).toThrow(/^healthcheck: an HTTP path needs port/);
  });
});

describe('renderDockerignore', () => {
  it.each([
    ['node', ['**/node_modules', '**/.git', '**/Dockerfile*', '**/.nx/cache']],
    ['python', ['**/.venv', '**/__pycache__']],
    ['go', ['**/.git']],
    ['rust', ['**/target']],
    ['java', ['**/target', '**/build', '**/.gradle']],
  ] as const)('%s ignores its build leftovers', (language, patterns) => {
    const lines = renderDockerignore({ language, entry: 'x' } as DockerfileOptionsInput).split('\n');
    for (const p of patterns) expect(lines).toContain(p);
  });

  it('node ignores dist only when the image builds it', () => {
    expect(renderDockerignore({ language: 'node' }).split('\n')).not.toContain('**/dist');
    expect(renderDockerignore({ language: 'node', buildCommand: 'npm run build' }).split('\n')).toContain('**/dist');
    expect(renderDockerignore({ language: 'node', buildCommand: 'nx build api', outputPath: 'dist/apps/api' }).split('\n')).toContain('dist/apps/api');
  });

  it('keeps what the node image needs: sources, manifests, lockfiles', () => {
    const lines = renderDockerignore({ language: 'node' }).split('\n');
    for (const kept of ['package.json', 'package-lock.json', 'src', '*.json', '*.lock']) expect(lines).not.toContain(kept);
  });
});

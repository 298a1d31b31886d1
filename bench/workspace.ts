// Synthetic Nx workspaces for P4–P6: N node apps (TypeScript, @nx/js:tsc build) and libraries, each app
// depending on two libraries through the project graph; installed from the e2e verdaccio.
import fs from 'node:fs';
import path from 'node:path';
import { E2E_VERSION, type E2eState } from '../e2e/support/env';
import { exec } from '../e2e/support/exec';
import { NX_VERSION } from '../e2e/support/workspace';

export type Flavor = 'docker-ms' | 'nx-docker';

export interface SyntheticWorkspace {
  root: string;
  flavor: Flavor;
  env: NodeJS.ProcessEnv;
  nx(args: string[], env?: NodeJS.ProcessEnv): ReturnType<typeof exec>;
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

export const appName = (i: number) => `app-${i}`;
export const libName = (i: number) => `lib-${i}`;
/** Libraries of app i: two of the pool, so apps share some and not others. */
export const libsOf = (i: number, libs: number) => [...new Set([libName(i % libs), libName((i * 7 + 3) % libs)])];

function mainSource(i: number): string {
  return [
    "import http from 'node:http';",
    "import ms from 'ms';",
    "import { describe } from './describe';",
    '',
    'const port = Number(process.env.PORT ?? 3000);',
    'const started = Date.now();',
    'const server = http.createServer((req, res) => {',
    `  const body = { service: '${appName(i)}', path: req.url, uptime: ms(Date.now() - started), about: describe() };`,
    "  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body) + '\\n');",
    '});',
    `server.listen(port, () => console.log('${appName(i)} listening on ' + port));`,
    '',
  ].join('\n');
}

/** A few kB of ordinary code per app and library, so closures have a realistic shape. */
function filler(name: string, n: number): string {
  const fns = Array.from({ length: n }, (_, k) => `export function ${name.replace(/-/g, '_')}_${k}(input: number): number {\n  // step ${k} of ${name}\n  return (input * ${k + 3}) % ${97 + k};\n}\n`);
  return fns.join('\n');
}

export function addApps(root: string, flavor: Flavor, from: number, to: number, libs: number): void {
  for (let j = 0; j < libs; j++) {
    const lib = `libs/${libName(j)}`;
    if (fs.existsSync(path.join(root, lib))) continue;
    write(path.join(root, lib, 'project.json'), json({ name: libName(j), projectType: 'library', sourceRoot: `${lib}/src`, targets: {} }));
    write(path.join(root, lib, 'src/index.ts'), filler(libName(j), 40));
  }
  for (let i = from; i <= to; i++) {
    const name = appName(i);
    const dir = `apps/${name}`;
    const outputPath = flavor === 'docker-ms' ? `dist/apps/${name}` : `${dir}/dist`;
    write(
      path.join(root, dir, 'project.json'),
      json({
        name,
        projectType: 'application',
        sourceRoot: `${dir}/src`,
        implicitDependencies: libsOf(i, libs),
        targets: {
          build: {
            executor: '@nx/js:tsc',
            outputs: ['{options.outputPath}'],
            options: { outputPath, main: `${dir}/src/main.ts`, tsConfig: `${dir}/tsconfig.app.json`, rootDir: `${dir}/src` },
          },
        },
      }),
    );
    write(path.join(root, dir, 'tsconfig.app.json'), json({ extends: '../../tsconfig.base.json', compilerOptions: { outDir: '../../dist/out-tsc' }, include: ['src/**/*.ts'] }));
    write(path.join(root, dir, 'src/main.ts'), mainSource(i));
    write(path.join(root, dir, 'src/describe.ts'), `export function describe(): string {\n  return '${name}';\n}\n` + filler(name, 60));
  }
}

/** Workspace files and apps; `npm install` from verdaccio (docker-ms) or the npm registry through it (@nx/node, @nx/docker). */
export async function createSyntheticWorkspace(state: E2eState, root: string, flavor: Flavor, apps: number, libs: number): Promise<SyntheticWorkspace> {
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  const [, buildHost] = state.registryHosts as string[];
  // image builds reach verdaccio through the docker bridge gateway (as in the e2e workspace)
  write(path.join(root, '.npmrc'), `registry=http://${buildHost}:${state.registryPort}/\n//${buildHost}:${state.registryPort}/:_authToken=bench-dummy-token\n`);
  write(path.join(root, '.gitignore'), 'node_modules/\ndist/\n.nx/\n');
  const tools = flavor === 'docker-ms' ? { 'docker-ms': E2E_VERSION } : { '@nx/node': NX_VERSION, '@nx/docker': NX_VERSION };
  write(
    path.join(root, 'package.json'),
    json({
      name: `bench-${flavor}`,
      version: '0.0.0',
      private: true,
      license: 'MIT',
      dependencies: { ms: '2.1.3' },
      devDependencies: { nx: NX_VERSION, '@nx/js': NX_VERSION, typescript: '5.9.3', '@types/node': '22.20.5', '@types/ms': '2.1.0', ...tools },
    }),
  );
  write(
    path.join(root, 'nx.json'),
    json({
      $schema: './node_modules/nx/schemas/nx-schema.json',
      namedInputs: { default: ['{projectRoot}/**/*'], production: ['default'] },
      targetDefaults: { build: { dependsOn: ['^build'], cache: true } },
    }),
  );
  write(
    path.join(root, 'tsconfig.base.json'),
    json({ compilerOptions: { target: 'es2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node'] } }),
  );
  addApps(root, flavor, 1, apps, libs);
  const env: NodeJS.ProcessEnv = { NPM_CONFIG_USERCONFIG: state.npmrc, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_INTERACTIVE: 'false', CI: 'true' };
  await exec('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, env, timeout: 15 * 60_000 });
  return {
    root,
    flavor,
    env,
    nx: (args, extra = {}) => exec('npx', ['nx', ...args], { cwd: root, env: { ...env, ...extra }, timeout: 30 * 60_000 }),
  };
}

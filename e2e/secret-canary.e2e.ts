// Secret canary: no credential reaches an image layer, an image config or its history.
// For every language (node npm, node without dependencies, python, go, rust, java) and the Turborepo node
// variant: a fixture holding planted credential files, environment tokens and build arguments, each with a
// unique canary string; the product writes the Dockerfile and .dockerignore, EVERY stage is built through
// `docker-ms build --target <stage>` (what each inferred Nx configuration runs), then `docker save` of all
// of them is unpacked (the archive, then each layer tar) and searched byte for byte, with `docker image
// inspect` and `docker history --no-trunc`: zero canary bytes. The node builds install a package from a
// verdaccio scope that needs a token: the npmrc secret reached the install step, and only that step.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DOCKER, REPO_ROOT, RESULTS_DIR, describeE2e, log, readState, type E2eState } from './support/env';
import { exec, execSync } from './support/exec';
import { PRIVATE_SCOPE } from './support/verdaccio';

const CLI = path.join(REPO_ROOT, 'packages/core/bin/docker-ms.js');
const TURBO_VERSION = '2.11.9';
const RUN_ID = crypto.randomBytes(4).toString('hex');

/** Every canary of the run, by where it was planted. */
const canaries = new Map<string, string>();
function canary(where: string): string {
  const value = `dmscanary${crypto.randomBytes(6).toString('hex')}`;
  canaries.set(value, where);
  return value;
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}

/** Credential files as people leave them in a repository, each with its own canary. */
function plantedFiles(prefix: string, npmrc: string): Record<string, string> {
  const c = (file: string) => canary(`${prefix}/${file}`);
  return {
    '.npmrc': `${npmrc}# ${c('.npmrc comment')}\n`,
    '.netrc': `machine git.example.com login ci password ${c('.netrc')}\n`,
    'pip.conf': `[global]\nindex-url = https://ci:${c('pip.conf')}@pypi.example.com/simple\n`,
    '.pypirc': `[pypi]\nusername = __token__\npassword = ${c('.pypirc')}\n`,
    'settings.xml': `<settings><servers><server><id>corp</id><password>${c('settings.xml')}</password></server></servers></settings>\n`,
    'id_rsa': `-----BEGIN OPENSSH PRIVATE KEY-----\n${c('id_rsa')}\n-----END OPENSSH PRIVATE KEY-----\n`,
    '.ssh/id_ed25519': `${c('.ssh/id_ed25519')}\n`,
    '.env': `DATABASE_PASSWORD=${c('.env')}\n`,
    '.env.production': `API_KEY=${c('.env.production')}\n`,
    'server.pem': `-----BEGIN PRIVATE KEY-----\n${c('server.pem')}\n-----END PRIVATE KEY-----\n`,
    'tls.key': `${c('tls.key')}\n`,
    'cert.p12': `${c('cert.p12')}\n`,
    '.git-credentials': `https://ci:${c('.git-credentials')}@github.com\n`,
    '.aws/credentials': `[default]\naws_secret_access_key = ${c('.aws/credentials')}\n`,
    '.docker/config.json': json({ auths: { 'registry.example.com': { auth: c('.docker/config.json') } } }),
    '.cargo/credentials.toml': `[registries.corp]\ntoken = "${c('.cargo/credentials.toml')}"\n`,
  };
}

interface Fixture {
  name: string;
  /** Build context (absolute) and the app folder relative to it. */
  context: string;
  app: string;
  /** Extra `docker-ms build` flags (secrets named per id). */
  flags: string[];
  /** Expected output of `docker run --rm <runtime image>` when the app prints and exits; null to skip. */
  prints: string | null;
}

interface Registry {
  /** http://<bridge>:<port>/ as image builds reach it. */
  buildUrl: string;
  hostUrl: string;
  token: string;
}

/** A verdaccio user (written into its htpasswd), its token, and PRIVATE_SCOPE/lib published with it. */
async function privateRegistry(state: E2eState, work: string): Promise<Registry> {
  const [, buildHost] = state.registryHosts as string[];
  const hostUrl = `http://127.0.0.1:${state.registryPort}/`;
  const password = crypto.randomBytes(12).toString('hex');
  const sha = crypto.createHash('sha1').update(password).digest('base64');
  fs.appendFileSync(path.join(state.tmpDir as string, 'verdaccio/storage/htpasswd'), `canary${RUN_ID}:{SHA}${sha}:autocreated ${new Date().toISOString()}\n`);
  let token = '';
  for (let attempt = 0; attempt < 20 && !token; attempt++) {
    const res = await fetch(`${hostUrl}-/user/org.couchdb.user:canary${RUN_ID}`, {
      method: 'PUT',
      // basic auth makes verdaccio treat the PUT as a login of the existing user (registration is disabled)
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`canary${RUN_ID}:${password}`).toString('base64')}` },
      body: JSON.stringify({ name: `canary${RUN_ID}`, password }),
    });
    const body = (await res.json()) as { token?: string; error?: string };
    if (res.ok && body.token) {
      token = body.token;
    } else {
      log(`verdaccio login: ${res.status} ${JSON.stringify(body)}`);
      await new Promise((r) => setTimeout(r, 500)); // htpasswd is re-read on change
    }
  }
  if (!token) throw new Error('verdaccio issued no token for the canary user');
  canaries.set(token, 'verdaccio token (the npmrc secret)');

  const pkg = path.join(work, 'private-lib');
  write(pkg, {
    'package.json': json({ name: `${PRIVATE_SCOPE}/lib`, version: '1.0.0', main: 'index.js' }),
    'index.js': "exports.hello = () => 'hello from the private registry';\n",
    '.npmrc': `//127.0.0.1:${state.registryPort}/:_authToken=${token}\n`,
  });
  await exec('npm', ['publish', '--registry', hostUrl, '--userconfig', path.join(pkg, '.npmrc')], { cwd: pkg, timeout: 120_000 });
  return { buildUrl: `http://${buildHost}:${state.registryPort}/`, hostUrl, token };
}

/** The project .npmrc that names the private scope and holds its token: what the npmrc secret carries. */
function projectNpmrc(registry: Registry): string {
  const host = registry.buildUrl.replace(/^http:/, '');
  return `registry=${registry.buildUrl}\n${PRIVATE_SCOPE}:registry=${registry.buildUrl}\n${host}:_authToken=${registry.token}\n`;
}

function copyExample(example: string, dest: string): void {
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(path.join(REPO_ROOT, 'examples', example), dest, { recursive: true, filter: (src) => !/node_modules|target|dist/.test(path.basename(src)) });
}

function stagesOf(dockerfile: string): string[] {
  return [...dockerfile.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]);
}

interface Built {
  fixture: string;
  stage: string;
  tag: string;
}

describeE2e('secret canary: no credential in any layer, config or history of any stage', () => {
  let state: E2eState;
  let work: string;
  let registry: Registry;
  let env: NodeJS.ProcessEnv;
  let buildArgs: string[];
  const fixtures: Fixture[] = [];
  const built: Built[] = [];
  const buildLogs: string[] = [];

  beforeAll(async () => {
    state = readState();
    work = path.join(state.tmpDir as string, 'secret-canary');
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    registry = await privateRegistry(state, work);
    const npmrc = projectNpmrc(registry);

    // Files named as secrets live outside every build context, with canaries of their own.
    const outside = (file: string, text: string) => {
      const p = path.join(work, 'secrets', file);
      write(path.dirname(p), { [path.basename(p)]: text });
      return p;
    };
    const netrc = outside('netrc', `machine proxy.golang.org login ci password ${canary('NETRC file')}\n`);
    const pipConf = outside('pip.conf', `[global]\nextra-index-url = https://ci:${canary('pip_conf secret')}@pypi.example.com/simple\n`);
    // offline as the stand-in's global settings: the named user settings replace its <offline> flag
    const mavenSettings = outside('settings.xml', `<settings><offline>true</offline><servers><server><id>corp</id><password>${canary('maven_settings secret')}</password></server></servers></settings>\n`);
    const cargoCredentials = outside('credentials.toml', `[registries.corp]\ntoken = "${canary('cargo_credentials secret')}"\n`);
    env = {
      NPM_CONFIG_USERCONFIG: state.npmrc,
      NPM_TOKEN: canary('NPM_TOKEN env'),
      PIP_INDEX_URL: `https://ci:${canary('PIP_INDEX_URL env')}@pypi.example.com/simple`,
      GITHUB_TOKEN: canary('GITHUB_TOKEN env'),
      NETRC: netrc,
      BUILDKIT_PROGRESS: 'plain',
    };
    buildArgs = ['--build-arg', `NPM_TOKEN=${canary('NPM_TOKEN build-arg')}`, '--build-arg', `GITHUB_TOKEN=${canary('GITHUB_TOKEN build-arg')}`, '--build-arg', `PIP_INDEX_URL=https://ci:${canary('PIP_INDEX_URL build-arg')}@x/simple`];

    // node (npm): depends on the private package, prints from it
    const node = path.join(work, 'node-npm');
    write(node, {
      'package.json': json({ name: 'canary-node', version: '1.0.0', private: true, main: 'index.js', dependencies: { [`${PRIVATE_SCOPE}/lib`]: '1.0.0' } }),
      'index.js': `console.log(require('${PRIVATE_SCOPE}/lib').hello());\n`,
      'lib/format.js': 'module.exports = (s) => s;\n',
      ...plantedFiles('node-npm', npmrc),
    });
    fixtures.push({ name: 'node-npm', context: node, app: '.', flags: [], prints: 'hello from the private registry' });

    // node without any dependency: node_modules must still exist for the runtime's COPY
    const bare = path.join(work, 'node-bare');
    write(bare, {
      'package.json': json({ name: 'canary-bare', version: '1.0.0', private: true, main: 'index.js' }),
      'index.js': "console.log('bare ' + require('./lib/two.js'));\n",
      'lib/two.js': 'module.exports = 2;\n',
      ...plantedFiles('node-bare', npmrc),
    });
    fixtures.push({ name: 'node-bare', context: bare, app: '.', flags: [], prints: 'bare 2' });

    for (const [example, name, flags] of [
      ['python-api', 'python', ['--secret', `id=pip_conf,src=${pipConf}`]],
      ['go-api', 'go', []],
      ['rust-api', 'rust', ['--secret', `id=cargo_credentials,src=${cargoCredentials}`]],
      ['java-api', 'java', ['--secret', `id=maven_settings,src=${mavenSettings}`]],
    ] as const) {
      const dir = path.join(work, name);
      copyExample(example, dir);
      write(dir, plantedFiles(name, npmrc));
      fixtures.push({ name, context: dir, app: '.', flags: [...flags], prints: null });
    }

    // Turborepo (npm workspaces): web imports an internal package and the private one; the root .npmrc holds the token
    const turbo = path.join(work, 'turbo');
    const npmVersion = execSync('npm', ['--version']).stdout.trim();
    write(turbo, {
      'package.json': json({ name: 'canary-turbo', private: true, packageManager: `npm@${npmVersion}`, workspaces: ['apps/*', 'packages/*'], devDependencies: { turbo: TURBO_VERSION } }),
      'turbo.json': json({ tasks: { build: { dependsOn: ['^build'], outputs: ['dist/**'] } } }),
      'packages/shared/package.json': json({ name: '@canary/shared', version: '1.0.0', private: true, main: 'index.js' }),
      'packages/shared/index.js': "exports.shared = () => 'shared';\n",
      'apps/web/package.json': json({ name: 'web', version: '1.0.0', private: true, main: 'index.js', dependencies: { '@canary/shared': '*', [`${PRIVATE_SCOPE}/lib`]: '1.0.0' } }),
      'apps/web/index.js': `console.log(require('@canary/shared').shared() + ' + ' + require('${PRIVATE_SCOPE}/lib').hello());\n`,
      ...plantedFiles('turbo', npmrc),
      ...Object.fromEntries(Object.entries(plantedFiles('turbo/apps/web', npmrc)).map(([f, t]) => [`apps/web/${f}`, t])),
    });
    // the lockfile the image installs from names the registry as builds reach it
    await exec('npm', ['install', '--no-audit', '--no-fund', '--userconfig', path.join(turbo, '.npmrc')], { cwd: turbo, env: { ...env, NPM_CONFIG_USERCONFIG: undefined }, timeout: 10 * 60_000 });
    const { addDockerfile } = require(path.join(REPO_ROOT, 'packages/turbo')) as typeof import('../packages/turbo/src/api');
    const added = addDockerfile({ root: turbo, workspace: 'web', overwrite: true });
    expect(added.pruned).toBe(true);
    fixtures.push({ name: 'turbo', context: turbo, app: 'apps/web', flags: [], prints: 'shared + hello from the private registry' });

    // the Dockerfile and .dockerignore of the other fixtures come from the product's CLI
    for (const f of fixtures.filter((x) => x.name !== 'turbo')) {
      await exec('node', [CLI, 'dockerfile', f.context, '--write', '--overwrite'], { cwd: f.context, env, timeout: 120_000 });
    }
  }, 20 * 60_000);

  it('the private scope needs the token: without it the registry refuses the package', async () => {
    const res = await fetch(`${registry.hostUrl}${PRIVATE_SCOPE.replace('/', '%2f')}%2flib`);
    expect([401, 403, 404]).toContain(res.status);
    const ok = await fetch(`${registry.hostUrl}${PRIVATE_SCOPE.replace('/', '%2f')}%2flib`, { headers: { authorization: `Bearer ${registry.token}` } });
    expect(ok.status).toBe(200);
  });

  it('the generated files copy no credential and keep every planted file out of the context', () => {
    for (const f of fixtures) {
      const dockerfile = fs.readFileSync(path.join(f.context, f.app, 'Dockerfile'), 'utf8');
      expect([f.name, dockerfile.match(/^COPY .*(npmrc|netrc|pip\.conf|settings\.xml|id_rsa|\.pem|\.env).*$/gm)]).toEqual([f.name, null]);
      const ignore = fs.readFileSync(path.join(f.context, '.dockerignore'), 'utf8').split('\n');
      expect(ignore).toEqual(expect.arrayContaining(['**/.npmrc', '**/.netrc', '**/id_rsa*', '**/*.pem', '**/.env*']));
    }
  });

  it('builds every stage of every fixture with the secrets, build args and env tokens', async () => {
    for (const f of fixtures) {
      const dockerfile = fs.readFileSync(path.join(f.context, f.app, 'Dockerfile'), 'utf8');
      const stages = stagesOf(dockerfile);
      expect(stages.at(-1)).toBe('runtime');
      for (const stage of stages) {
        const tag = `docker-ms-canary-${f.name}:${stage}`;
        const args = [CLI, 'build', f.app, '--context', '.', '--target', stage, '--tag', tag, '--no-git-labels', '--verbose', ...buildArgs, ...f.flags];
        const r = await exec('node', args, { cwd: f.context, env, timeout: 20 * 60_000 });
        buildLogs.push(r.output);
        built.push({ fixture: f.name, stage, tag });
        log(`${f.name}:${stage} built in ${r.seconds.toFixed(0)} s`);
      }
      if (f.prints) {
        const out = execSync(DOCKER, ['run', '--rm', `docker-ms-canary-${f.name}:runtime`], { timeout: 120_000 }).stdout.trim();
        expect([f.name, out]).toEqual([f.name, f.prints]);
      }
    }
    const count = fixtures.map((f) => `${f.name} ${built.filter((b) => b.fixture === f.name).length}`).join(', ');
    log(`built ${built.length} images (${count})`);
    expect(built.length).toBeGreaterThanOrEqual(fixtures.length * 2);
  }, 60 * 60_000);

  it('says which secrets it passed, and no log line carries a value', () => {
    const all = buildLogs.join('\n');
    expect(all).toMatch(/secrets: npmrc from .*\.npmrc.*; npm_token from \$NPM_TOKEN/);
    expect(all).toMatch(/--build-arg 'NPM_TOKEN=<redacted>'/);
    expect(found(all)).toEqual([]);
  });

  it('docker save of every stage, each layer tar unpacked, image config and history: zero canary bytes', () => {
    const scan = path.join(work, 'scan');
    const patterns = path.join(work, 'canaries.txt');
    fs.writeFileSync(patterns, [...canaries.keys()].join('\n') + '\n');
    const hits: string[] = [];
    let layers = 0;
    let bytes = 0;
    for (const f of fixtures) {
      const tags = built.filter((b) => b.fixture === f.name).map((b) => b.tag);
      const dir = path.join(scan, f.name);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      const archive = path.join(dir, 'images.tar');
      execSync(DOCKER, ['save', '-o', archive, ...tags], { timeout: 10 * 60_000 });
      bytes += fs.statSync(archive).size;
      execSync('tar', ['-xf', archive, '-C', dir]);
      for (const layer of execSync('find', [dir, '-name', '*.tar', '!', '-path', archive]).stdout.split('\n').filter(Boolean)) {
        const out = `${layer}.d`;
        fs.mkdirSync(out);
        execSync('tar', ['-xf', layer, '-C', out], { allowFailure: true });
        layers++;
      }
      // the archive itself, the layer tars and every unpacked file
      const grep = execSync('grep', ['-rlaF', '-f', patterns, dir], { allowFailure: true });
      if (grep.code > 1) throw new Error(`grep failed: ${grep.stderr}`);
      hits.push(...grep.stdout.split('\n').filter(Boolean));
      for (const tag of tags) {
        const meta = execSync(DOCKER, ['image', 'inspect', tag]).stdout + execSync(DOCKER, ['history', '--no-trunc', tag]).stdout;
        hits.push(...found(meta).map((c) => `${tag} config/history: ${c}`));
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const summary = `secret canary: ${built.length} images (${fixtures.length} fixtures × their stages), ${layers} layer tars, ${(bytes / 1e6).toFixed(0)} MB saved, ${canaries.size} canaries, ${hits.length} hits`;
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(path.join(RESULTS_DIR, 'secret-canary.log'), `${summary}\n${built.map((b) => b.tag).join('\n')}\n${hits.join('\n')}\n`);
    log(summary);
    expect(layers).toBeGreaterThan(0);
    expect(hits).toEqual([]);
  }, 30 * 60_000);

  afterAll(() => {
    for (const { tag } of built) execSync(DOCKER, ['rmi', '-f', tag], { allowFailure: true });
  });
});

/** The canaries a text holds, named by where they were planted. */
function found(text: string): string[] {
  return [...canaries.entries()].filter(([value]) => text.includes(value)).map(([value, where]) => `${where} (${value})`);
}

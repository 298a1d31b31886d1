import { DetectionError } from './detection-error';
import { ManifestError } from './manifest-error';
import { localTarballs, outsideTarballLine } from '../context/local-tarballs';
import { NODE_LOCKFILES } from '../options/lockfiles';
import { currentVersion } from './current-versions';
import type { LanguageDetector, Probe } from './detector';
import { joinPath } from './file-reader';
import { detectFramework } from './frameworks';
import { installScriptPackages } from './install-scripts';
import { listWorkspacePackages } from '../context/workspace-packages';
import { dig, isRecord, managedVersions, MANAGER_TOOL_NAMES, str, type ProjectFiles } from './project-files';
import { reduceVersionRange } from './version-range';

const LOCKFILES = NODE_LOCKFILES;

/** `lts/<codename>` aliases of nvm and friends. */
const LTS_CODENAMES: Record<string, number> = {
  argon: 4, boron: 6, carbon: 8, dubnium: 10, erbium: 12, fermium: 14,
  gallium: 16, hydrogen: 18, iron: 20, jod: 22, krypton: 24,
};

/** Files tried, in order, when package.json names no entry. */
const COMMON_ENTRIES = [
  'server.js', 'index.js', 'main.js', 'app.js', 'server.mjs', 'index.mjs', 'main.mjs',
  'src/main.ts', 'src/index.ts', 'src/server.ts', 'src/main.js', 'src/index.js', 'src/server.js',
];

const DEPENDENCY_KEYS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
const PACKAGE_KEYS = ['main', 'module', 'exports', 'bin', 'browser', 'types', 'typings'];

/**
 * A package.json that only wraps another toolchain: no dependencies, nothing it exports or runs as a
 * module (Turborepo users give Go, Python, Rust and Java apps such a file so `turbo run` finds them).
 */
export function isWrapperPackageJson(pkg: Record<string, unknown>): boolean {
  const hasDeps = DEPENDENCY_KEYS.some((k) => isRecord(pkg[k]) && Object.keys(pkg[k] as object).length > 0);
  return !hasDeps && !PACKAGE_KEYS.some((k) => pkg[k] !== undefined);
}

/** Manifests pnpm reads when package.json is absent; Node and npm read neither. */
const PNPM_ONLY_MANIFESTS = ['package.json5', 'package.yaml'];

/**
 * The generated image needs a package.json (Node reads only that file for `type`/`exports`, the runtime stage
 * copies it), so a pnpm-only manifest is recognised and refused with the fix.
 */
function refusePnpmOnlyManifest(files: ProjectFiles): void {
  if (files.has('package.json')) return;
  const [found] = files.filesIn(files.dir, PNPM_ONLY_MANIFESTS);
  if (!found) return;
  throw new ManifestError(
    `${files.path(found)}: a Node app needs package.json (Node and the image read no other manifest); rename it to package.json with the same fields as JSON`,
  );
}

function probe(files: ProjectFiles): Probe {
  const locks = files.filesIn(files.dir, LOCKFILES.map((l) => l.file));
  if (locks.length) return { strength: 3, signals: locks };
  const pkg = files.readJson(files.path('package.json'));
  if (!pkg) {
    const pnpmOnly = files.filesIn(files.dir, PNPM_ONLY_MANIFESTS);
    if (pnpmOnly.length) return { strength: 3, signals: pnpmOnly };
    // An Nx integrated app has no package.json, only TypeScript config next to its sources.
    const tsconfig = files.filesIn(files.dir, ['tsconfig.app.json', 'tsconfig.json']);
    return tsconfig.length ? { strength: 2, signals: tsconfig } : { strength: 0, signals: [] };
  }
  if (pkg.ok && isWrapperPackageJson(pkg.value)) return { strength: 1, signals: ['package.json (scripts only)'] };
  return { strength: 3, signals: ['package.json'] };
}

interface ManagerChoice {
  manager: (typeof LOCKFILES)[number]['manager'];
  /** Exact version, range or major to install; undefined when nothing says (the template's default applies). */
  version?: string;
  /** Workspace-relative committed Yarn release (`yarnPath` of .yarnrc.yml) that exists. */
  yarnPath?: string;
  /** Workspace-relative `.yarn/plugins` beside the .yarnrc.yml that loads them (Yarn 2+). */
  yarnPlugins?: string;
  /** Workspace-relative lockfile of the chosen manager, when there is one. */
  lockfile?: string;
}

function packageManager(files: ProjectFiles, evidence: string[]): ManagerChoice {
  let fromField: { manager: ManagerChoice['manager']; version?: string } | null = null;
  for (const dir of files.dirs) {
    const path = joinPath(dir, 'package.json');
    const pkg = files.readJson(path);
    const field = pkg?.ok ? str(pkg.value.packageManager) : undefined;
    if (!field) continue;
    const m = /^(npm|pnpm|yarn|bun)@(\d+\.\d+\.\d+(?:-[\w.]+)?)?/.exec(field);
    if (!m) {
      evidence.push(`${files.label(path)}: packageManager "${field}" is not npm, pnpm, yarn or bun; ignored`);
      continue;
    }
    const berry = m[1] === 'yarn' && m[2] !== undefined && Number(m[2].split('.')[0]) >= 2 ? ' (Yarn Berry)' : '';
    // npm itself comes with the node image; replacing it could break that Node's own npm
    const pinned = m[2] && m[1] !== 'npm' ? m[2] : undefined;
    const how = pinned ? ` ${pinned}, installed from the npm registry at exactly that version` : m[1] === 'npm' ? " (the node image's own npm)" : '';
    evidence.push(`${files.label(path)}: packageManager "${field}" → ${m[1]}${berry}${how}`);
    fromField = { manager: m[1] as ManagerChoice['manager'], ...(pinned ? { version: pinned } : {}) };
    break;
  }

  let choice: ManagerChoice | null = null;
  for (const dir of files.dirs) {
    const found = LOCKFILES.filter((l) => files.fs.isFile(joinPath(dir, l.file)));
    if (!found.length) continue;
    const lock = found[0];
    const path = joinPath(dir, lock.file);
    if (fromField) {
      if (lock.manager !== fromField.manager) evidence.push(`${files.label(path)}: ignored, the packageManager field wins`);
      choice = fromField.version || fromField.manager === 'npm' || lock.manager !== fromField.manager ? { ...fromField } : { ...fromField, ...lockVersion(files, lock.file, path, evidence) };
      if (lock.manager === fromField.manager) choice.lockfile = path;
      break;
    }
    let what: string = lock.manager;
    if (lock.file === 'yarn.lock') {
      what = /^__metadata:/m.test(files.fs.read(path) ?? '') ? 'yarn (Berry lockfile: __metadata)' : 'yarn (v1 lockfile)';
    }
    evidence.push(`${files.label(path)}: lockfile → ${what}`);
    for (const other of found.slice(1)) evidence.push(`${files.label(joinPath(dir, other.file))}: also present; ${lock.file} wins`);
    choice = { manager: lock.manager, ...(enginesVersion(files, lock.manager, evidence) ?? lockVersion(files, lock.file, path, evidence)), lockfile: path };
    break;
  }
  if (!choice && fromField) choice = fromField;
  if (!choice) {
    for (const manager of ['pnpm', 'yarn', 'bun'] as const) {
      const engines = enginesVersion(files, manager, evidence);
      if (engines) {
        choice = { manager, ...engines };
        break;
      }
    }
  }
  if (!choice && bunSign(files, evidence)) choice = { manager: 'bun' };
  if (!choice) {
    evidence.push('no packageManager field, lockfile, engines.pnpm/engines.yarn or sign of Bun found (project or above) → npm');
    choice = { manager: 'npm' };
  }
  if (choice.manager === 'yarn') {
    const release = yarnRelease(files, evidence);
    if (release) choice.yarnPath = release;
    const plugins = yarnPluginsDir(files, evidence);
    if (plugins) choice.yarnPlugins = plugins;
  }
  if (!choice.version && !choice.yarnPath && choice.manager !== 'npm') evidence.push(`${choice.manager}: no version pinned; the template's pinned default is installed`);
  return choice;
}

/**
 * A Bun project without a lockfile (nothing installed yet, or bun.lock(b) ignored): bunfig.toml (project or above),
 * engines.bun, a script that runs bun/bunx, or Bun's types (`@types/bun`, `bun-types`) in the project's package.json.
 */
function bunSign(files: ProjectFiles, evidence: string[]): boolean {
  const bunfig = files.findUp(['bunfig.toml']);
  if (bunfig) {
    evidence.push(`${files.label(bunfig.path)}: Bun's config file → bun`);
    return true;
  }
  for (const dir of files.dirs) {
    const pkg = files.readJson(joinPath(dir, 'package.json'));
    if (!pkg?.ok) continue;
    const label = files.label(joinPath(dir, 'package.json'));
    if (str(dig(pkg.value, 'engines', 'bun'))) {
      evidence.push(`${label}: engines.bun → bun`);
      return true;
    }
    if (dir !== files.dir) continue;
    const scripts = dig(pkg.value, 'scripts');
    const script = isRecord(scripts) ? Object.entries(scripts).find(([, v]) => typeof v === 'string' && /(^|[;&|(]\s*)bunx?\s/.test(v)) : undefined;
    if (script) {
      evidence.push(`${label}: scripts.${script[0]} "${String(script[1])}" runs bun → bun`);
      return true;
    }
    const types = ['@types/bun', 'bun-types'].find((t) => DEPENDENCY_KEYS.some((k) => isRecord(pkg.value[k]) && (pkg.value[k] as Record<string, unknown>)[t] !== undefined));
    if (types) {
      evidence.push(`${label}: depends on ${types} → bun`);
      return true;
    }
  }
  return false;
}

/** engines.pnpm / engines.yarn of the nearest package.json that has it: a range npm resolves. */
function enginesVersion(files: ProjectFiles, manager: ManagerChoice['manager'], evidence: string[]): { version: string } | null {
  if (manager !== 'pnpm' && manager !== 'yarn') return null;
  for (const dir of files.dirs) {
    const path = joinPath(dir, 'package.json');
    const pkg = files.readJson(path);
    const range = pkg?.ok ? str(dig(pkg.value, 'engines', manager)) : undefined;
    if (!range) continue;
    if (!/^[\w.^~<>=*| -]+$/.test(range.trim())) {
      evidence.push(`${files.label(path)}: engines.${manager} "${range}" is not a version range I understand; ignored`);
      return null;
    }
    evidence.push(`${files.label(path)}: engines.${manager} "${range}" → ${manager}@${range.trim()} from the npm registry`);
    return { version: range.trim() };
  }
  return null;
}

/** pnpm-lock.yaml lockfileVersion → the pnpm major that writes it. */
const PNPM_LOCK_MAJORS: Array<[RegExp, string]> = [[/^9\./, '9'], [/^6\./, '8'], [/^5\.4/, '7'], [/^5\.3/, '6']];
/** yarn.lock __metadata version → the Yarn major that writes it. */
const BERRY_LOCK_MAJORS: Record<string, string> = { '4': '2', '5': '2', '6': '3', '7': '3', '8': '4' };

/** The package-manager version a lockfile's format implies, when nothing pins one. */
function lockVersion(files: ProjectFiles, file: string, path: string, evidence: string[]): { version?: string } {
  const text = files.fs.read(path) ?? '';
  if (file === 'pnpm-lock.yaml') {
    const v = /^lockfileVersion:\s*['"]?([\d.]+)/m.exec(text)?.[1];
    const major = v ? (PNPM_LOCK_MAJORS.find(([re]) => re.test(v))?.[1] ?? v.split('.')[0]) : undefined;
    if (major) {
      evidence.push(`${files.label(path)}: lockfileVersion ${v} → pnpm ${major} (the major that writes it; nothing pins a version)`);
      return { version: major };
    }
  } else if (file === 'yarn.lock') {
    const meta = /^__metadata:\s*\n\s+version:\s*(\d+)/m.exec(text)?.[1];
    if (meta) {
      const major = BERRY_LOCK_MAJORS[meta] ?? '4';
      evidence.push(`${files.label(path)}: __metadata version ${meta} → Yarn ${major} (nothing pins a version)`);
      return { version: major };
    }
    if (/^# yarn lockfile v1/m.test(text) || text.trim() === '' || !/^__metadata:/m.test(text)) {
      evidence.push(`${files.label(path)}: v1 lockfile → Yarn 1 (the node image's own yarn 1.22 when nothing pins a version)`);
      return { version: '1' };
    }
  }
  return {};
}

/** `.yarn/plugins` beside the nearest .yarnrc.yml, when it holds committed plugins. */
function yarnPluginsDir(files: ProjectFiles, evidence: string[]): string | undefined {
  for (const dir of files.dirs) {
    if (files.fs.read(joinPath(dir, '.yarnrc.yml')) === null) continue;
    const plugins = joinPath(dir, '.yarn/plugins');
    if (!files.fs.list(plugins).length) return undefined;
    evidence.push(`${files.label(plugins)}: committed Yarn plugins → copied before the installs (.yarnrc.yml loads them)`);
    return plugins;
  }
  return undefined;
}

/** `yarnPath` of the nearest .yarnrc.yml, when the release file it names is committed. */
function yarnRelease(files: ProjectFiles, evidence: string[]): string | undefined {
  for (const dir of files.dirs) {
    const rc = joinPath(dir, '.yarnrc.yml');
    const text = files.fs.read(rc);
    if (text === null) continue;
    if (/^nodeLinker:\s*["']?pnp\b/m.test(text)) {
      throw new DetectionError(`${files.label(rc)}: nodeLinker "pnp" — images install Yarn with the node-modules linker; set "nodeLinker: node-modules" in ${files.label(rc)}`);
    }
    const rel = /^yarnPath:\s*["']?([^"'\s#]+)/m.exec(text)?.[1];
    if (!rel) return undefined;
    const release = joinPath(dir, rel.replace(/^\.\//, ''));
    if (!files.fs.isFile(release)) {
      evidence.push(`${files.label(rc)}: yarnPath ${rel} is not in the repository; Yarn comes from the npm registry instead`);
      return undefined;
    }
    evidence.push(`${files.label(rc)}: yarnPath ${rel} → the committed Yarn release runs the installs instead (nothing downloaded)`);
    return release;
  }
  return undefined;
}

/** A node version as written in .nvmrc, .node-version, .tool-versions or engines.node → major, null for "the default". */
function nodeVersion(spec: string): { version: string | null; reason: string } {
  const s = spec.trim();
  const lts = /^lts\/(.+)$/i.exec(s);
  if (lts) {
    const major = LTS_CODENAMES[lts[1].toLowerCase()];
    return major ? { version: String(major), reason: `LTS codename ${lts[1]}` } : { version: null, reason: 'latest LTS; using the default' };
  }
  if (/^(node|stable|latest|current|lts)$/i.test(s)) return { version: null, reason: 'latest; using the default' };
  return reduceVersionRange(s, currentVersion('node'), 1);
}

function runtimeVersion(files: ProjectFiles, evidence: string[]): string | null {
  for (const dir of files.dirs) {
    const sources: Array<{ path: string; what: string; spec: string | null }> = [];
    for (const f of ['.nvmrc', '.node-version']) {
      const path = joinPath(dir, f);
      const text = files.fs.read(path);
      const line = text?.split('\n').map((l) => l.replace(/#.*/, '').trim()).find(Boolean);
      if (text !== null) sources.push({ path, what: '', spec: line ?? null });
    }
    sources.push(...managedVersions(files, dir, MANAGER_TOOL_NAMES.node, evidence));
    const pkg = files.readJson(joinPath(dir, 'package.json'));
    if (pkg?.ok) sources.push({ path: joinPath(dir, 'package.json'), what: 'engines.node ', spec: str(dig(pkg.value, 'engines', 'node')) ?? null });

    for (const { path, what, spec } of sources) {
      if (!spec) continue;
      const r = nodeVersion(spec);
      if (r.version === null && r.reason.startsWith('not a version')) {
        evidence.push(`${files.label(path)}: ${what}"${spec}" is not a version I understand; ignored`);
        continue;
      }
      evidence.push(`${files.label(path)}: ${what}"${spec}" → ${r.version ?? 'default'} (${r.reason})`);
      return r.version;
    }
  }
  return null;
}

/** The file a start script runs with `node`: 'node --enable-source-maps dist/main.js' → 'dist/main.js'. */
export function nodeScriptEntry(script: string): string | null {
  const segments = script.split(/&&|\|\||;/).reverse();
  const takesValue = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '--env-file-if-exists', '--conditions', '-C', '--title']);
  for (const segment of segments) {
    const words = segment.trim().split(/\s+/);
    const at = words.findIndex((w) => w === 'node' || w.endsWith('/node'));
    if (at === -1) continue;
    for (let i = at + 1; i < words.length; i++) {
      const w = words[i];
      if (w === '-e' || w === '--eval' || w === '-p' || w === '--print') return null;
      if (takesValue.has(w)) {
        i++;
        continue;
      }
      if (w.startsWith('-')) continue;
      return w.replace(/^["']|["']$/g, '').replace(/^\.\//, '');
    }
  }
  return null;
}

/** Where tsc puts a source file: outDir/rootDir of tsconfig.json when readable, else dist/ with src/ dropped. */
function compiledEntry(files: ProjectFiles, source: string): string {
  const tsconfig = files.readJson(files.path('tsconfig.json'));
  const options = tsconfig?.ok ? dig(tsconfig.value, 'compilerOptions') : undefined;
  const outDir = (str(dig(options, 'outDir')) ?? 'dist').replace(/^\.\//, '').replace(/\/+$/, '');
  const rootDir = (str(dig(options, 'rootDir')) ?? 'src').replace(/^\.\//, '').replace(/\/+$/, '');
  const rel = rootDir && source.startsWith(`${rootDir}/`) ? source.slice(rootDir.length + 1) : source;
  return `${outDir}/${rel}`.replace(/\.ts$/, '.js').replace(/\.mts$/, '.mjs').replace(/\.cts$/, '.cjs');
}

/**
 * The workspace member a root `start` script hands over to: `npm run start -w apps/api`, `npm start --workspace=api`,
 * `pnpm --filter api start`, `pnpm -C apps/api start`, `yarn workspace api start`. Null for anything else.
 */
export function memberStart(script: string): { member: string; script: string } | null {
  const npm = /\bnpm\s+(?:run\s+(\S+)|(start))\s+(?:-w|--workspace)[=\s]+(\S+)|\bnpm\s+(?:-w|--workspace)[=\s]+(\S+)\s+(?:run\s+(\S+)|(start))/.exec(script);
  if (npm) return { member: npm[3] ?? npm[4], script: npm[1] ?? npm[2] ?? npm[5] ?? npm[6] };
  const pnpm = /\bpnpm\s+(?:--filter|-F|-C|--dir)[=\s]+(\S+)\s+(?:run\s+)?(\S+)/.exec(script);
  if (pnpm) return { member: pnpm[1], script: pnpm[2] };
  const yarn = /\byarn\s+workspace\s+(\S+)\s+(?:run\s+)?(\S+)/.exec(script);
  if (yarn) return { member: yarn[1], script: yarn[2] };
  return null;
}

/** A workspace root whose start script runs a member's: that member's entry, workspace-relative. */
function memberEntry(files: ProjectFiles, command: string, evidence: string[]): string | null {
  const handover = memberStart(command);
  if (!handover || files.dir !== '') return null;
  const name = handover.member.replace(/^["']|["']$/g, '');
  const member = listWorkspacePackages(files.fs).find((p) => p.root === name.replace(/^\.\//, '').replace(/\/+$/, '') || p.name === name);
  if (!member) return null;
  const manifest = files.readJson(`${member.root}/package.json`);
  const script = manifest?.ok ? str(dig(manifest.value, 'scripts', handover.script)) : undefined;
  const file = script ? nodeScriptEntry(script) : null;
  if (!script || !file) return null;
  const path = `${member.root}/${file}`;
  evidence.push(`package.json: scripts.start "${command}" runs ${member.root}'s scripts.${handover.script} "${script}" → entry ${path}`);
  return path;
}

function entry(files: ProjectFiles, pkg: Record<string, unknown> | null, evidence: string[]): string | null {
  const start = str(dig(pkg, 'scripts', 'start'));
  const fromMember = start ? memberEntry(files, start, evidence) : null;
  if (fromMember) return fromMember;
  // NestJS and others keep the production command in start:prod ("node dist/main").
  for (const script of ['start', 'start:prod']) {
    const command = str(dig(pkg, 'scripts', script));
    const file = command ? nodeScriptEntry(command) : null;
    if (file && file !== '.') {
      evidence.push(`package.json: scripts.${script} "${command}" → entry ${file}`);
      return file;
    }
  }
  const main = str(pkg?.main);
  if (main) {
    const file = main.replace(/^\.\//, '');
    evidence.push(`package.json: main → entry ${file}`);
    return file;
  }
  const bin = pkg?.bin;
  const binFile = typeof bin === 'string' ? bin : isRecord(bin) ? str(Object.values(bin)[0]) : undefined;
  if (binFile) {
    const file = binFile.replace(/^\.\//, '');
    evidence.push(`package.json: bin → entry ${file}`);
    return file;
  }
  const common = COMMON_ENTRIES.find((f) => files.has(f));
  if (common && /\.[cm]?ts$/.test(common)) {
    const built = compiledEntry(files, common);
    evidence.push(`${common}: TypeScript source → entry ${built} (its compiled output; pass --entry if the build writes elsewhere)`);
    return built;
  }
  if (common) {
    evidence.push(`${common}: found → entry ${common}`);
    return common;
  }
  if (start) evidence.push(`package.json: scripts.start "${start}" runs no node file; no entry`);
  else evidence.push('no entry: package.json has no start script, main or bin, and no common entry file exists');
  return null;
}

/** The lockfile the installs read (or none: not reproducible) and the packages in it that compile at install time. */
function installFacts(files: ProjectFiles, pm: ManagerChoice, evidence: string[]): { lockfile: string | null; nativeAddons: string[] } {
  if (!pm.lockfile) {
    evidence.push(`no ${pm.manager} lockfile (project or above): every build resolves dependency versions afresh, so builds are not reproducible; run \`${pm.manager} install\` and commit the lockfile it writes`);
    return { lockfile: null, nativeAddons: [] };
  }
  const name = pm.lockfile.slice(pm.lockfile.lastIndexOf('/') + 1);
  const nativeAddons = installScriptPackages(name, files.fs.read(pm.lockfile) ?? '');
  if (nativeAddons.length) {
    const shown = nativeAddons.length > 4 ? `${nativeAddons.slice(0, 4).join(', ')}, …` : nativeAddons.join(', ');
    evidence.push(`${files.label(pm.lockfile)}: ${nativeAddons.length} package(s) build at install time (${shown}) → python3, make and g++ in the build stages, never in the runtime`);
    if (pm.manager === 'npm') unapprovedScripts(files, pm.lockfile, nativeAddons, evidence);
  }
  return { lockfile: pm.lockfile, nativeAddons };
}

/**
 * npm 11.16+ reads `allowScripts` in package.json and only warns about install scripts it does not approve; npm 12
 * skips them, so a native add-on would install without its binary. Says which ones the project has not approved.
 */
function unapprovedScripts(files: ProjectFiles, lockfile: string, packages: string[], evidence: string[]): void {
  const manifest = `${lockfile.includes('/') ? lockfile.slice(0, lockfile.lastIndexOf('/') + 1) : ''}package.json`;
  const parsed = files.fs.read(manifest);
  let allow: unknown;
  try {
    allow = parsed ? (JSON.parse(parsed) as { allowScripts?: unknown }).allowScripts : undefined;
  } catch {
    return;
  }
  const approved = new Set(Object.entries(typeof allow === 'object' && allow !== null ? allow : {}).filter(([, v]) => v === true).map(([k]) => k.replace(/(.)@.*$/, '$1')));
  const missing = packages.filter((p) => !approved.has(p));
  if (!missing.length) return;
  const shown = missing.length > 4 ? `${missing.slice(0, 4).join(', ')}, …` : missing.join(', ');
  evidence.push(
    `${files.label(manifest)}: allowScripts does not approve ${shown}: npm 11 (in the node images) runs their install scripts and warns, npm 12 skips them and the add-on fails at run time; approve them with \`npm install-scripts approve ${missing.slice(0, 4).join(' ')}\` and commit package.json`,
  );
}

/**
 * Dependencies installed from packed tarballs (`file:vendor/x.tgz`) in the package.json files from the project up
 * to the folder of the lockfile the install reads: they are copied in with the manifests. One outside the
 * workspace is refused.
 */
function tarballDependencies(files: ProjectFiles, lockfile: string | null, evidence: string[]): string[] {
  const installRoot = lockfile === null ? files.dir : lockfile.includes('/') ? lockfile.slice(0, lockfile.lastIndexOf('/')) : '';
  const dirs = files.dirs.slice(0, files.dirs.indexOf(installRoot) + 1 || 1);
  const found = dirs.flatMap((dir) => localTarballs(files.fs, dir));
  const outside = found.find((t) => t.path === null);
  if (outside) throw new DetectionError(outsideTarballLine(outside));
  const paths = [...new Set(found.map((t) => t.path as string))];
  if (paths.length) evidence.push(`${found.map((t) => `${files.label(t.manifest)}: ${t.name} ${t.spec}`).join('; ')} → the tarball${paths.length > 1 ? 's are' : ' is'} copied in before the installs`);
  return paths;
}

export const nodeDetector: LanguageDetector = {
  language: 'node',
  checks: ['package.json', ...PNPM_ONLY_MANIFESTS, ...LOCKFILES.map((l) => l.file), 'tsconfig.json', 'tsconfig.app.json'],
  probe,
  details(files) {
    refusePnpmOnlyManifest(files);
    const evidence: string[] = [];
    const parsed = files.readJson(files.path('package.json'));
    if (parsed && !parsed.ok) evidence.push(`package.json: could not parse (${parsed.error})`);
    const pkg = parsed?.ok ? parsed.value : null;
    if (!parsed) evidence.push('package.json: not found in the project');
    const pm = packageManager(files, evidence);
    const install = installFacts(files, pm, evidence);
    const tarballs = tarballDependencies(files, install.lockfile, evidence);
    const framework = detectFramework(files, pkg, evidence);
    return {
      language: 'node',
      ...(framework ? { framework } : {}),
      packageManager: pm.manager,
      ...(pm.version ? { packageManagerVersion: pm.version } : {}),
      ...(pm.yarnPath ? { yarnPath: pm.yarnPath } : {}),
      ...(pm.yarnPlugins ? { yarnPlugins: pm.yarnPlugins } : {}),
      ...install,
      ...(tarballs.length ? { localTarballs: tarballs } : {}),
      runtimeVersion: runtimeVersion(files, evidence),
      entry: entry(files, pkg, evidence),
      evidence,
    };
  },
};

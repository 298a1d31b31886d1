import type { FileReader } from '../types';

/**
 * A package.json whose dependencies its lockfile does not record: `npm ci`, `pnpm install --frozen-lockfile` and
 * `yarn install --frozen-lockfile/--immutable` refuse it in the middle of an image build. Found before the build
 * instead, with the command that fixes it. Only what the lockfile's own format records is compared: the
 * ranges npm and pnpm keep per workspace package, the `name@range` keys of yarn.lock.
 */
const FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

type Deps = Record<string, string>;

function json(fs: FileReader, path: string): Record<string, unknown> | null {
  const text = fs.read(path);
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function declared(manifest: Record<string, unknown>): Deps {
  const out: Deps = {};
  for (const field of FIELDS) {
    const deps = manifest[field];
    if (deps && typeof deps === 'object') for (const [name, range] of Object.entries(deps)) if (typeof range === 'string') out[name] = range;
  }
  return out;
}

const at = (dir: string, file: string) => (dir === '' || dir === '.' ? file : `${dir}/${file}`);

/** The first dependency of `wanted` that `recorded` lacks or records with another range. */
function firstMismatch(wanted: Deps, recorded: Deps, where: string): string | null {
  for (const [name, range] of Object.entries(wanted)) {
    if (!(name in recorded)) return `${where}: ${name}@${range} is not in it`;
    if (recorded[name] !== range) return `${where}: ${name} is ${range} in package.json but ${recorded[name]} in the lockfile`;
  }
  return null;
}

function npmProblem(fs: FileReader, dir: string, lock: Record<string, unknown>): string | null {
  const packages = lock.packages as Record<string, Record<string, unknown>> | undefined;
  if (!packages) return null; // lockfileVersion 1 records no ranges per package
  for (const [path, entry] of Object.entries(packages)) {
    if (path.includes('node_modules/') || path.startsWith('node_modules')) continue;
    const manifest = json(fs, at(dir, at(path, 'package.json')));
    if (!manifest) continue;
    const problem = firstMismatch(declared(manifest), declared(entry), path === '' ? 'package.json' : `${path}/package.json`);
    if (problem) return problem;
  }
  return null;
}

function pnpmProblem(fs: FileReader, dir: string, text: string): string | null {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('yaml') as typeof import('yaml');
  let lock: Record<string, unknown> | null;
  try {
    lock = parse(text) as Record<string, unknown> | null;
  } catch {
    return null;
  }
  const importers = (lock?.importers as Record<string, Record<string, unknown>> | undefined) ?? (lock ? { '.': lock } : {});
  for (const [path, importer] of Object.entries(importers)) {
    const manifest = json(fs, at(dir, at(path === '.' ? '' : path, 'package.json')));
    if (!manifest) continue;
    const recorded: Deps = {};
    // lockfile 6+: { name: { specifier, version } }; 5.x: a `specifiers` map
    const specifiers = importer.specifiers as Deps | undefined;
    for (const field of FIELDS) {
      for (const [name, value] of Object.entries((importer[field] as Record<string, unknown> | undefined) ?? {})) {
        const specifier = (value as { specifier?: unknown } | null)?.specifier;
        recorded[name] = typeof specifier === 'string' ? specifier : (specifiers?.[name] ?? String(value));
      }
    }
    const problem = firstMismatch(declared(manifest), recorded, path === '.' ? 'package.json' : `${path}/package.json`);
    if (problem) return problem;
  }
  return null;
}

function yarnProblem(fs: FileReader, dir: string, text: string): string | null {
  const manifest = json(fs, at(dir, 'package.json'));
  if (!manifest) return null;
  const keys = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line || /^[\s#]/.test(line) || !line.trimEnd().endsWith(':')) continue;
    for (const key of line.trimEnd().slice(0, -1).split(/,\s*/)) keys.add(key.replace(/^"|"$/g, ''));
  }
  const berry = keys.has('__metadata');
  for (const [name, range] of Object.entries(declared(manifest))) {
    // Berry keys carry the protocol (npm: by default); workspace and other protocols are left to Yarn
    if (berry && /^[a-z]+:/.test(range) && !range.startsWith('npm:')) continue;
    if (!berry && /^(workspace|file|link|portal):/.test(range)) continue;
    const key = berry && !range.startsWith('npm:') ? `${name}@npm:${range}` : `${name}@${range}`;
    if (!keys.has(key)) return `package.json: ${name}@${range} is not in it`;
  }
  return null;
}

const FIX: Record<string, string> = {
  'package-lock.json': 'npm install',
  'npm-shrinkwrap.json': 'npm install',
  'pnpm-lock.yaml': 'pnpm install',
  'yarn.lock': 'yarn install',
};

/**
 * One line naming what is out of sync and the command that fixes it, or null when the lockfile in `dir` (context
 * relative) records every dependency of the package.json files next to it, or when there is nothing to compare.
 */
export function lockfileSyncProblem(fs: FileReader, dir: string, lockfile: string): string | null {
  const fix = FIX[lockfile];
  const path = at(dir, lockfile);
  const text = fix ? fs.read(path) : null;
  if (text === null || !fix) return null;
  let problem: string | null = null;
  if (lockfile === 'pnpm-lock.yaml') problem = pnpmProblem(fs, dir, text);
  else if (lockfile === 'yarn.lock') problem = yarnProblem(fs, dir, text);
  else {
    const lock = json(fs, path);
    problem = lock ? npmProblem(fs, dir, lock) : null;
  }
  return problem && `${path} is out of sync with package.json (${problem}); the install in the image would refuse it: run \`${fix}\` and commit ${lockfile}`;
}

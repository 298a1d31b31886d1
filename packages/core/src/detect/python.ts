import { currentVersion } from './current-versions';
import type { LanguageDetector, Probe } from './detector';
import { joinPath } from './file-reader';
import { dig, isRecord, managedVersions, MANAGER_TOOL_NAMES, str, type ProjectFiles } from './project-files';
import { reduceVersionRange } from './version-range';

const MANIFESTS = ['pyproject.toml', 'setup.py', 'setup.cfg', 'Pipfile', 'Pipfile.lock', 'uv.lock', 'poetry.lock', 'pdm.lock'];
/** Lockfiles and the manager that writes each, in the order detection prefers them within one folder. */
const LOCKS: ReadonlyArray<[string, string]> = [['uv.lock', 'uv'], ['poetry.lock', 'poetry'], ['pdm.lock', 'pdm'], ['Pipfile.lock', 'pipenv']];
const REQUIREMENTS = /^requirements.*\.txt$/;
/** Files tried, in order, when nothing names an entry. */
const COMMON_ENTRIES = ['main.py', 'app.py', 'app/main.py', 'src/main.py', 'server.py', 'manage.py', '__main__.py'];

function requirementsFiles(files: ProjectFiles): string[] {
  return files.list().filter((f) => REQUIREMENTS.test(f) && files.has(f));
}

function probe(files: ProjectFiles): Probe {
  const signals = [...files.filesIn(files.dir, MANIFESTS), ...requirementsFiles(files)];
  if (signals.length) return { strength: 3, signals };
  const sources = files.list().filter((f) => f.endsWith('.py') && files.has(f));
  return sources.length ? { strength: 2, signals: sources.slice(0, 3) } : { strength: 0, signals: [] };
}

function readPyproject(files: ProjectFiles, dir: string, evidence: string[]): Record<string, unknown> | null {
  const path = joinPath(dir, 'pyproject.toml');
  const parsed = files.readToml(path);
  if (parsed && !parsed.ok) evidence.push(`${files.label(path)}: could not parse (${parsed.error})`);
  return parsed?.ok ? parsed.value : null;
}

function usesPoetry(pyproject: Record<string, unknown> | null): boolean {
  return isRecord(dig(pyproject, 'tool', 'poetry')) || /poetry/.test(str(dig(pyproject, 'build-system', 'build-backend')) ?? '');
}

function packageManager(files: ProjectFiles, pyproject: Record<string, unknown> | null, evidence: string[]): string {
  const lockIn = (dir: string): string | null => {
    const [lock, ...others] = files.filesIn(dir, LOCKS.map(([file]) => file));
    if (!lock) return null;
    const manager = LOCKS.find(([file]) => file === lock)![1];
    evidence.push(`${files.label(joinPath(dir, lock))}: lockfile → ${manager}`);
    for (const o of others) evidence.push(`${files.label(joinPath(dir, o))}: also present; ${lock} wins`);
    return manager;
  };
  const own = lockIn(files.dir);
  if (own) return own;
  if (usesPoetry(pyproject)) {
    evidence.push('pyproject.toml: [tool.poetry] / poetry build backend → poetry');
    return 'poetry';
  }
  if (files.has('Pipfile')) {
    evidence.push('Pipfile without Pipfile.lock → pipenv; the build locks it first, so versions are resolved at build time (commit Pipfile.lock for exact installs)');
    return 'pipenv';
  }
  for (const dir of files.dirs.slice(1)) {
    const above = lockIn(dir);
    if (above) return above;
  }
  const inputs = [...requirementsFiles(files), ...files.filesIn(files.dir, ['setup.py', 'setup.cfg', 'pyproject.toml'])];
  // PDM installs only from its lockfile here; without one, pip reads the same [project] table
  if (isRecord(dig(pyproject, 'tool', 'pdm')) || /^pdm\./.test(str(dig(pyproject, 'build-system', 'build-backend')) ?? '')) {
    evidence.push('pyproject.toml: [tool.pdm] / pdm build backend but no pdm.lock; installing with pip (commit pdm.lock to install with pdm)');
  }
  evidence.push(inputs.length ? `${inputs.join(', ')} without a lockfile (uv.lock, poetry.lock, pdm.lock, Pipfile.lock) → pip` : 'no lockfile or requirements file → pip');
  return 'pip';
}

function runtimeVersion(files: ProjectFiles, evidence: string[]): string | null {
  for (const dir of files.dirs) {
    const sources: Array<{ path: string; what: string; spec: string | null }> = [];
    const pv = files.fs.read(joinPath(dir, '.python-version'));
    if (pv !== null) {
      const line = pv.split('\n').map((l) => l.replace(/#.*/, '').trim()).find(Boolean) ?? null;
      sources.push({ path: joinPath(dir, '.python-version'), what: '', spec: line });
    }
    sources.push(...managedVersions(files, dir, MANAGER_TOOL_NAMES.python, evidence));
    const rt = files.fs.read(joinPath(dir, 'runtime.txt'));
    const rtVersion = rt ? /python-(\d[\w.]*)/.exec(rt)?.[1] : undefined;
    if (rtVersion) sources.push({ path: joinPath(dir, 'runtime.txt'), what: '', spec: rtVersion });
    const pyproject = files.readToml(joinPath(dir, 'pyproject.toml'));
    if (pyproject?.ok) {
      const path = joinPath(dir, 'pyproject.toml');
      sources.push({ path, what: 'requires-python ', spec: str(dig(pyproject.value, 'project', 'requires-python')) ?? null });
      sources.push({ path, what: '[tool.poetry.dependencies] python ', spec: str(dig(pyproject.value, 'tool', 'poetry', 'dependencies', 'python')) ?? null });
    }
    const pipfile = files.readToml(joinPath(dir, 'Pipfile'));
    if (pipfile?.ok) {
      const path = joinPath(dir, 'Pipfile');
      const requires = dig(pipfile.value, 'requires');
      const spec = str(dig(requires, 'python_full_version')) ?? str(dig(requires, 'python_version'));
      sources.push({ path, what: '[requires] python ', spec: spec ?? null });
    }
    for (const { path, what, spec } of sources) {
      if (!spec) continue;
      const r = /^\d/.test(spec) || /^[<>=!~^]/.test(spec) ? reduceVersionRange(spec, currentVersion('python'), 2) : null;
      if (!r || r.reason.startsWith('not a version')) {
        evidence.push(`${files.label(path)}: ${what}"${spec}" is not a CPython version I understand; ignored`);
        continue;
      }
      evidence.push(`${files.label(path)}: ${what}"${spec}" → ${r.version ?? 'default'} (${r.reason})`);
      return r.version;
    }
  }
  return null;
}

/** What a start command runs with python: 'uv run python -m app' → 'app'; 'python src/serve.py' → 'src/serve.py'. */
export function pythonScriptEntry(script: string): string | null {
  for (const segment of script.split(/&&|\|\||;/).reverse()) {
    const words = segment.trim().split(/\s+/);
    const at = words.findIndex((w) => /^(.*\/)?python(\d(\.\d+)?)?$/.test(w));
    if (at === -1) continue;
    for (let i = at + 1; i < words.length; i++) {
      const w = words[i];
      if (w === '-m' && words[i + 1]) return words[i + 1];
      if (w === '-c') return null;
      if (w.startsWith('-')) continue;
      return w.replace(/^\.\//, '');
    }
  }
  return null;
}

/**
 * The entry is one of: a .py file relative to the project ('app/main.py', run as `python <file>`),
 * a module ('app', run as `python -m app`), or an entry-point reference 'pkg.cli:main' taken from
 * [project.scripts] / [tool.poetry.scripts] (the function a console script calls).
 */
function entry(files: ProjectFiles, pyproject: Record<string, unknown> | null, evidence: string[]): string | null {
  const pkg = files.readJson(files.path('package.json'));
  const start = pkg?.ok ? str(dig(pkg.value, 'scripts', 'start')) : undefined;
  const fromStart = start ? pythonScriptEntry(start) : null;
  if (fromStart) {
    evidence.push(`package.json: scripts.start "${start}" → entry ${fromStart}`);
    return fromStart;
  }
  for (const [table, label] of [
    [dig(pyproject, 'project', 'scripts'), '[project.scripts]'],
    [dig(pyproject, 'tool', 'poetry', 'scripts'), '[tool.poetry.scripts]'],
  ] as const) {
    const scripts = isRecord(table) ? Object.entries(table).filter((e): e is [string, string] => typeof e[1] === 'string') : [];
    if (!scripts.length) continue;
    const [name, ref] = scripts[0];
    const more = scripts.length > 1 ? ` (also: ${scripts.slice(1).map((e) => e[0]).join(', ')})` : '';
    evidence.push(`pyproject.toml: ${label} ${name} = "${ref}" → entry ${ref}${more}`);
    return ref.trim();
  }
  const common = COMMON_ENTRIES.find((f) => files.has(f));
  if (common) {
    evidence.push(`${common}: found → entry ${common}`);
    return common;
  }
  const projectName = (str(dig(pyproject, 'project', 'name')) ?? str(dig(pyproject, 'tool', 'poetry', 'name')) ?? files.name)
    .toLowerCase()
    .replace(/[-.]/g, '_');
  const packages: Array<{ name: string; file: string }> = [];
  for (const base of ['', 'src']) {
    for (const d of files.list(base)) {
      const file = `${base ? `${base}/` : ''}${d}/__main__.py`;
      if (files.has(file)) packages.push({ name: d, file });
    }
  }
  if (packages.length) {
    const chosen = packages.find((p) => p.name === projectName) ?? packages[0];
    const others = packages.filter((p) => p !== chosen).map((p) => p.name);
    const more = others.length ? ` (also: ${others.join(', ')})` : '';
    evidence.push(`${chosen.file}: found → entry ${chosen.name} (python -m ${chosen.name})${more}`);
    return chosen.name;
  }
  evidence.push('no entry: no start script, [project.scripts], main.py/app.py/manage.py or package with __main__.py');
  return null;
}

export const pythonDetector: LanguageDetector = {
  language: 'python',
  checks: [...MANIFESTS, 'requirements*.txt', '*.py'],
  probe,
  details(files) {
    const evidence: string[] = [];
    const pyproject = readPyproject(files, files.dir, evidence);
    return {
      language: 'python',
      packageManager: packageManager(files, pyproject, evidence),
      runtimeVersion: runtimeVersion(files, evidence),
      entry: entry(files, pyproject, evidence),
      evidence,
    };
  },
};

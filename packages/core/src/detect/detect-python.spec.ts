import { detectProject } from './detect-project';
import { memoryFileReader } from './file-reader';
import { pythonScriptEntry } from './python';

const APP = 'apps/api';

function detect(files: Record<string, string>, project = APP) {
  return detectProject(project, { workspaceRoot: '/ws', fs: memoryFileReader(files) });
}

const pyproject = (extra = ''): string => `[project]
name = "api"
version = "0.1.0"
dependencies = ["fastapi>=0.110"]
${extra}`;

const poetryProject = (python = '^3.11'): string => `[tool.poetry]
name = "api"
version = "0.1.0"
description = ""
authors = ["A <a@example.com>"]

[tool.poetry.dependencies]
python = "${python}"
fastapi = "^0.110"

[build-system]
requires = ["poetry-core"]
build-backend = "poetry.core.masonry.api"
`;

describe('python: package manager', () => {
  it.each([
    ['uv.lock', { [`${APP}/pyproject.toml`]: pyproject(), [`${APP}/uv.lock`]: 'version = 1\n' }, 'uv', 'uv.lock: lockfile → uv'],
    ['poetry.lock', { [`${APP}/pyproject.toml`]: poetryProject(), [`${APP}/poetry.lock`]: '# generated\n' }, 'poetry', 'poetry.lock: lockfile → poetry'],
    ['[tool.poetry] without a lock', { [`${APP}/pyproject.toml`]: poetryProject() }, 'poetry', 'pyproject.toml: [tool.poetry] / poetry build backend → poetry'],
    ['requirements.txt', { [`${APP}/requirements.txt`]: 'flask==3.0.3\n' }, 'pip', 'requirements.txt without a lockfile (uv.lock, poetry.lock, pdm.lock, Pipfile.lock) → pip'],
    ['requirements-prod.txt only', { [`${APP}/requirements-prod.txt`]: 'gunicorn\n' }, 'pip', 'requirements-prod.txt without a lockfile (uv.lock, poetry.lock, pdm.lock, Pipfile.lock) → pip'],
    ['setup.py', { [`${APP}/setup.py`]: 'from setuptools import setup\nsetup(name="api")\n' }, 'pip', 'setup.py without a lockfile (uv.lock, poetry.lock, pdm.lock, Pipfile.lock) → pip'],
    ['pyproject without a lock', { [`${APP}/pyproject.toml`]: pyproject() }, 'pip', 'pyproject.toml without a lockfile (uv.lock, poetry.lock, pdm.lock, Pipfile.lock) → pip'],
    ['uv.lock only at the workspace root (uv workspace member)', {
      'pyproject.toml': '[tool.uv.workspace]\nmembers = ["apps/*"]\n', 'uv.lock': 'version = 1\n', [`${APP}/pyproject.toml`]: pyproject(),
    }, 'uv', 'uv.lock (workspace root): lockfile → uv'],
  ])('%s', (_name, files, manager, evidence) => {
    const d = detect(files);
    expect(d.language).toBe('python');
    expect(d.packageManager).toBe(manager);
    expect(d.evidence).toContain(evidence);
  });

  it('both locks in the project: uv.lock wins and the other is named', () => {
    const d = detect({ [`${APP}/pyproject.toml`]: pyproject(), [`${APP}/uv.lock`]: '', [`${APP}/poetry.lock`]: '' });
    expect(d.packageManager).toBe('uv');
    expect(d.evidence).toContain('poetry.lock: also present; uv.lock wins');
  });
});

describe('python: runtime version', () => {
  it.each([
    ['.python-version 3.11.4', { [`${APP}/.python-version`]: '3.11.4\n' }, '3.11', '.python-version: "3.11.4" → 3.11'],
    ['.python-version at the workspace root', { '.python-version': '3.13' }, '3.13', '.python-version (workspace root): "3.13" → 3.13'],
    ['requires-python >=3.11: floor below the default', { [`${APP}/pyproject.toml`]: pyproject('requires-python = ">=3.11"') }, '3.14', 'pyproject.toml: requires-python ">=3.11" → 3.14 (lower bound only'],
    ['requires-python >=3.15: floor above the default', { [`${APP}/pyproject.toml`]: pyproject('requires-python = ">=3.15"') }, '3.15', 'pyproject.toml: requires-python ">=3.15" → 3.15'],
    ['requires-python with a ceiling', { [`${APP}/pyproject.toml`]: pyproject('requires-python = ">=3.9,<3.12"') }, '3.11', 'pyproject.toml: requires-python ">=3.9,<3.12" → 3.11'],
    ['requires-python ==3.10.*', { [`${APP}/pyproject.toml`]: pyproject('requires-python = "==3.10.*"') }, '3.10', 'pyproject.toml: requires-python "==3.10.*" → 3.10'],
    ['poetry python ^3.10', { [`${APP}/pyproject.toml`]: poetryProject('^3.10') }, '3.14', 'pyproject.toml: [tool.poetry.dependencies] python "^3.10" → 3.14'],
    ['poetry python ~3.10', { [`${APP}/pyproject.toml`]: poetryProject('~3.10') }, '3.10', 'pyproject.toml: [tool.poetry.dependencies] python "~3.10" → 3.10'],
    ['.tool-versions', { '.tool-versions': 'python 3.11.9\n' }, '3.11', '.tool-versions (workspace root): python "3.11.9" → 3.11'],
    ['runtime.txt', { [`${APP}/runtime.txt`]: 'python-3.10.14\n' }, '3.10', 'runtime.txt: "3.10.14" → 3.10'],
  ])('%s', (_name, extra, version, evidence) => {
    const d = detect({ [`${APP}/requirements.txt`]: 'flask\n', ...extra });
    expect(d.runtimeVersion).toBe(version);
    expect(d.evidence.some((e) => e.startsWith(evidence))).toBe(true);
  });

  it('.python-version beats requires-python in the same folder', () => {
    const d = detect({ [`${APP}/pyproject.toml`]: pyproject('requires-python = ">=3.10"'), [`${APP}/.python-version`]: '3.11' });
    expect(d.runtimeVersion).toBe('3.11');
  });

  it('a non-CPython .python-version is skipped with a note', () => {
    const d = detect({ [`${APP}/requirements.txt`]: '', [`${APP}/.python-version`]: 'pypy3.10\n', '.python-version': '3.11' });
    expect(d.runtimeVersion).toBe('3.11');
    expect(d.evidence).toContain('.python-version: "pypy3.10" is not a CPython version I understand; ignored');
  });

  it('evidence names where the __main__.py package is', () => {
    const d = detect({ [`${APP}/pyproject.toml`]: pyproject(), [`${APP}/src/tool/__main__.py`]: '', [`${APP}/src/api/__main__.py`]: '' });
    expect(d.entry).toBe('api'); // named like the project
    expect(d.evidence).toContain('src/api/__main__.py: found → entry api (python -m api) (also: tool)');
  });

  it('a broken pyproject.toml stops detection with the file, the position and the parse error', () => {
    expect(() => detect({ [`${APP}/pyproject.toml`]: '[project]\nname = \n' })).toThrow(`${APP}/pyproject.toml:2:8: invalid value`);
  });
});

describe('python: entry', () => {
  it.each([
    ['[project.scripts] gives the entry-point reference', { [`${APP}/pyproject.toml`]: pyproject('[project.scripts]\napi = "api.cli:main"\nmigrate = "api.db:migrate"\n') }, 'api.cli:main'],
    ['[tool.poetry.scripts]', { [`${APP}/pyproject.toml`]: `${poetryProject()}\n[tool.poetry.scripts]\nserve = "api.server:run"\n` }, 'api.server:run'],
    ['main.py', { [`${APP}/requirements.txt`]: '', [`${APP}/main.py`]: '' }, 'main.py'],
    ['app.py', { [`${APP}/requirements.txt`]: '', [`${APP}/app.py`]: '' }, 'app.py'],
    ['app/main.py', { [`${APP}/requirements.txt`]: '', [`${APP}/app/__init__.py`]: '', [`${APP}/app/main.py`]: '' }, 'app/main.py'],
    ['manage.py (Django)', { [`${APP}/requirements.txt`]: 'django\n', [`${APP}/manage.py`]: '', [`${APP}/site/settings.py`]: '' }, 'manage.py'],
    ['__main__.py at the top', { [`${APP}/requirements.txt`]: '', [`${APP}/__main__.py`]: '' }, '__main__.py'],
    ['a package with __main__.py → module', { [`${APP}/pyproject.toml`]: pyproject(), [`${APP}/api/__init__.py`]: '', [`${APP}/api/__main__.py`]: '' }, 'api'],
    ['src layout package with __main__.py', { [`${APP}/pyproject.toml`]: pyproject(), [`${APP}/src/tool/__main__.py`]: '' }, 'tool'],
    ['a wrapper package.json start script `python -m`', {
      [`${APP}/pyproject.toml`]: pyproject(), [`${APP}/main.py`]: '',
      [`${APP}/package.json`]: JSON.stringify({ name: 'api', scripts: { start: 'uv run python -m api.server' } }),
    }, 'api.server'],
    ['nothing runnable', { [`${APP}/requirements.txt`]: '' }, null],
  ])('%s', (_name, files, entry) => {
    expect(detect(files).entry).toBe(entry);
  });

  it.each([
    ['python -m app', 'app'],
    ['poetry run python3 src/serve.py --port 8000', 'src/serve.py'],
    ['python -u ./worker.py', 'worker.py'],
    ['uvicorn app.main:app', null],
  ])('pythonScriptEntry(%j) → %j', (script, entry) => {
    expect(pythonScriptEntry(script)).toBe(entry);
  });
});

// Versions from asdf's `.tool-versions` and mise's config files (mise.toml, .mise.toml, .config/mise/config.toml…),
// written as their docs show them: `[tools]` with a string, a list (first is the default), a table with `version`,
// `prefix:`; asdf plugin names (nodejs, golang) and mise's short names (node, go).
import { detectProject } from './detect-project';
import { memoryFileReader } from './file-reader';

const APP = 'apps/api';

function detect(files: Record<string, string>, project = APP) {
  return detectProject(project, { workspaceRoot: '/ws', fs: memoryFileReader(files) });
}

const PY = { [`${APP}/requirements.txt`]: 'flask==3.0.3\n', [`${APP}/app.py`]: 'print(1)\n' };
const GO = { [`${APP}/go.mod`]: 'module example.com/api\n', [`${APP}/main.go`]: 'package main\n\nfunc main() {}\n' };
const RUST = { [`${APP}/Cargo.toml`]: '[package]\nname = "api"\nversion = "0.1.0"\nedition = "2021"\n', [`${APP}/src/main.rs`]: 'fn main() {}\n' };
const JAVA = { [`${APP}/pom.xml`]: '<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>api</artifactId><version>1</version></project>\n' };
const NODE = { [`${APP}/package.json`]: '{"name":"api","dependencies":{"express":"^4"}}\n', [`${APP}/server.js`]: '' };

describe('versions from mise and asdf files', () => {
  it.each([
    ['python, mise.toml string', PY, 'mise.toml', '[tools]\npython = "3.12"\n', '3.12', 'mise.toml: [tools] python "3.12" → 3.12 (the only version the range allows)'],
    ['python, .mise.toml list (first is the default)', PY, '.mise.toml', '[tools]\npython = ["3.11", "3.10"]\n', '3.11', '.mise.toml: [tools] python "3.11" → 3.11 (the only version the range allows)'],
    ['python, table with version', PY, '.config/mise/config.toml', '[tools]\npython = { version = "3.13.1", virtualenv = ".venv" }\n', '3.13', '.config/mise/config.toml: [tools] python "3.13.1" → 3.13 (the only version the range allows)'],
    ['python, .tool-versions with two versions', PY, '.tool-versions', 'python 3.11.9 3.10.14\nnodejs 22.1.0\n', '3.11', '.tool-versions: python "3.11.9" → 3.11 (the only version the range allows)'],
    ['rust, mise rust', RUST, 'mise.toml', '[tools]\nrust = "1.82.0"\n', '1.82', 'mise.toml: [tools] rust 1.82.0 → 1.82'],
    ['rust, .tool-versions', RUST, '.tool-versions', 'rust 1.79.0\n', '1.79', '.tool-versions: rust 1.79.0 → 1.79'],
    ['rust, mise stable channel', RUST, 'mise.toml', '[tools]\nrust = "stable"\n', null, 'mise.toml: [tools] rust "stable" has no versioned image → default stable'],
    ['java, mise vendor-version', JAVA, 'mise.toml', '[tools]\njava = "temurin-21"\n', '21', 'mise.toml: java temurin-21 → 21'],
    ['java, asdf-java version', JAVA, '.tool-versions', 'java temurin-17.0.11+9\n', '17', '.tool-versions: java temurin-17.0.11+9 → 17'],
    ['java, mise plain major', JAVA, '.mise.toml', '[tools]\njava = "25"\n', '25', '.mise.toml: java 25 → 25'],
    ['node, mise node', NODE, 'mise.toml', '[tools]\nnode = "22.11.0"\n', '22', 'mise.toml: [tools] node "22.11.0" → 22 (the only version the range allows)'],
    ['node, mise lts', NODE, 'mise.toml', '[tools]\nnode = "lts"\n', null, 'mise.toml: [tools] node "lts" → default (latest; using the default)'],
    ['node, asdf nodejs', NODE, '.tool-versions', 'nodejs 20.18.0\n', '20', '.tool-versions: nodejs "20.18.0" → 20 (the only version the range allows)'],
  ])('%s', (_name, base, file, text, version, evidence) => {
    const d = detect({ ...base, [`${APP}/${file}`]: text });
    expect(d.runtimeVersion).toBe(version);
    expect(d.evidence).toContain(evidence);
  });

  it('go: the go.mod go line wins; mise applies when go.mod has none', () => {
    const pinned = detect({ ...GO, [`${APP}/go.mod`]: 'module example.com/api\n\ngo 1.22\n', [`${APP}/mise.toml`]: '[tools]\ngo = "1.23.4"\n' });
    expect(pinned.runtimeVersion).toBe('1.22');
    const fromMise = detect({ ...GO, [`${APP}/mise.toml`]: '[tools]\ngo = "prefix:1.23"\n' });
    expect(fromMise.runtimeVersion).toBe('1.23');
    expect(fromMise.evidence).toContain('mise.toml: [tools] go 1.23 → 1.23');
    const asdf = detect({ ...GO, '.tool-versions': 'golang 1.24.1\n' });
    expect(asdf.runtimeVersion).toBe('1.24');
    expect(asdf.evidence).toContain('.tool-versions (workspace root): golang 1.24.1 → 1.24');
  });

  it('mise.toml wins over .tool-versions in the same folder; the project folder wins over the workspace root', () => {
    const same = detect({ ...PY, [`${APP}/mise.toml`]: '[tools]\npython = "3.12"\n', [`${APP}/.tool-versions`]: 'python 3.10.4\n' });
    expect(same.runtimeVersion).toBe('3.12');
    const nearest = detect({ ...PY, 'mise.toml': '[tools]\npython = "3.10"\n', [`${APP}/.tool-versions`]: 'python 3.11.2\n' });
    expect(nearest.runtimeVersion).toBe('3.11');
    const root = detect({ ...PY, 'mise.toml': '[tools]\npython = "3.10"\n' });
    expect(root.runtimeVersion).toBe('3.10');
    expect(root.evidence).toContain('mise.toml (workspace root): [tools] python "3.10" → 3.10 (the only version the range allows)');
  });

  it('values that name no version are said and skipped: latest, system, ref:, path:', () => {
    for (const value of ['latest', 'system', 'ref:main', 'path:~/.pythons/3.12']) {
      const d = detect({ ...PY, [`${APP}/mise.toml`]: `[tools]\npython = "${value}"\n`, [`${APP}/.tool-versions`]: 'python 3.11.1\n' });
      expect(d.runtimeVersion).toBe('3.11');
      expect(d.evidence).toContain(`mise.toml: [tools] python "${value}" names no version; ignored`);
    }
  });

  it('a broken mise.toml is said and skipped, not fatal', () => {
    const d = detect({ ...PY, [`${APP}/mise.toml`]: '[tools\npython = "3.12"\n', [`${APP}/.python-version`]: '3.11\n' });
    expect(d.runtimeVersion).toBe('3.11');
    expect(d.evidence.some((e) => /^mise\.toml: could not parse \(.*\); ignored$/.test(e))).toBe(true);
  });

  it('other tools in mise.toml ([tools] node in a python app) are not taken for the language', () => {
    const d = detect({ ...PY, [`${APP}/mise.toml`]: '[tools]\nnode = "22"\nuv = "0.5"\n' });
    expect(d.runtimeVersion).toBeNull();
  });
});

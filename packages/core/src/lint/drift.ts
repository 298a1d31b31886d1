import { describeImage } from '../catalog';
import { reduceVersionRange } from '../detect/version-range';
import { refRepository, refVersion } from '../dockerfile/from-refs';
import type { Detection, Language } from '../types';
import { lineOf, parseDockerfile } from '../dockerfile/parse';
import type { LintFinding } from './types';

export const DRIFT_RULE = 'runtime-drift';

/** Official images whose tag starts with the language's runtime version, for refs the catalog does not produce. */
const IMAGE_LANGUAGE: Record<string, Language> = {
  node: 'node', python: 'python', golang: 'go', rust: 'rust',
  'eclipse-temurin': 'java', openjdk: 'java', amazoncorretto: 'java', 'ibm-semeru-runtimes': 'java',
};

/** Build args that by convention hold the runtime version. */
const VERSION_ARG: Record<Language, RegExp> = {
  node: /^NODE(JS)?_VERSION$/i,
  python: /^PYTHON_VERSION$/i,
  go: /^GO(LANG)?_VERSION$/i,
  rust: /^RUST(_TOOLCHAIN|_VERSION)$/i,
  java: /^(JAVA|JDK|JRE)_VERSION$/i,
};

/** Tags carry a major (node, java) or major.minor (python, go, rust). */
function depth(language: Language): 1 | 2 {
  return language === 'node' || language === 'java' ? 1 : 2;
}

function parts(version: string, n: number): number[] {
  return version.replace(/^v/, '').split('.').slice(0, n).map(Number);
}

/** Compare at tag depth, or less when either side is shorter: 3 vs 3.12 counts as equal. */
function compareAt(language: Language, a: string, b: string): number {
  const [x, y] = [parts(a, depth(language)), parts(b, depth(language))];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** Language and runtime version an image ref stands for, if it names one. */
export function imageRuntime(ref: string): { language: Language; version: string } | null {
  const known = describeImage(ref);
  if (known) return known.toolchain === 'none' ? null : { language: known.language, version: known.version };
  const name = refRepository(ref).split('/').pop() ?? '';
  const language = IMAGE_LANGUAGE[name];
  const version = refVersion(ref);
  return language && version ? { language, version: version.join('.') } : null;
}

/** What the repository asks for: where, and how a Dockerfile version is checked against it. */
export interface RepoVersion {
  /** The file and setting, e.g. `package.json (engines.node ">=20")`. */
  source: string;
  /** exact: same tag version; range: inside a semver/PEP 440 range; minimum: at least (go.mod, Cargo rust-version). */
  kind: 'exact' | 'range' | 'minimum';
  version: string;
  spec: string | null;
}

/** Read the version's source back from detection's evidence (`path: what spec → version …`). */
export function repoVersion(detection: Detection): RepoVersion | null {
  const version = detection.runtimeVersion;
  if (!version) return null;
  for (const line of [...detection.evidence].reverse()) {
    const m = /^(.+?): (.*?) → (\S+?)(?: \((.*)\))?$/.exec(line);
    if (!m || m[3] !== version || line.startsWith('language ')) continue;
    const [, file, setting, , reason = ''] = m;
    const source = `${file} (${setting})`;
    const quoted = /"([^"]*)"/.exec(setting)?.[1] ?? null;
    if (quoted !== null && /[<>=!~^*xX|,]|\s-\s/.test(quoted)) return { source, kind: 'range', version, spec: quoted };
    if (/minimum supported/.test(reason) || /^go\.(mod|work)\b/.test(file)) {
      // The stated minimum, not the version detection chose above it: `rust-version 1.70 → 1.83`.
      const stated = /(\d+(?:\.\d+)*)"?\s*$/.exec(setting)?.[1] ?? version;
      return { source, kind: 'minimum', version: stated, spec: null };
    }
    return { source, kind: 'exact', version, spec: null };
  }
  return { source: "the project's version file", kind: 'exact', version, spec: null };
}

/** Null when the Dockerfile's version satisfies the repository, else how it fails (for the message). */
function mismatch(language: Language, repo: RepoVersion, version: string): string | null {
  if (repo.kind === 'range' && repo.spec) {
    const n = depth(language);
    const own = parts(version, n);
    const r = reduceVersionRange(repo.spec, own, n);
    if (!r.reason.startsWith('not a version')) return r.version === own.join('.') ? null : `is outside the range in ${repo.source}`;
  }
  if (repo.kind === 'minimum') {
    return compareAt(language, version, repo.version) >= 0 ? null : `is older than ${language} ${repo.version} required by ${repo.source}`;
  }
  return compareAt(language, version, repo.version) === 0 ? null : `differs from ${language} ${repo.version} in ${repo.source}`;
}

function substitute(text: string, args: Map<string, string>): string {
  return text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name: string) => args.get(name) ?? whole);
}

/**
 * The drift rule: a runtime version in the Dockerfile (a FROM tag or a *_VERSION build arg) that does not
 * match the repository's version file, read with that file's own meaning: .nvmrc, .python-version,
 * rust-toolchain.toml and the pom/Gradle toolchain pin a version; engines.node and requires-python
 * are ranges; go.mod's go/toolchain and Cargo's rust-version are minimums. Nothing to compare when
 * the repository pins none.
 */
export function driftFindings(text: string, detection: Detection, dockerfilePath = 'Dockerfile'): LintFinding[] {
  const repo = repoVersion(detection);
  if (!repo) return [];
  const { language } = detection;
  const model = parseDockerfile(text);
  const findings: LintFinding[] = [];
  const check = (line: number, what: string, version: string) => {
    const problem = mismatch(language, repo, version);
    if (problem) {
      findings.push({ line, rule: DRIFT_RULE, severity: 'error', message: `${language} ${version} in ${dockerfilePath} (${what}) ${problem}; make them agree` });
    }
  };

  const globals = new Map<string, string>();
  const versionArgs = new Set<string>();
  for (const instruction of model.instructions) {
    if (instruction.getKeyword() !== 'ARG') continue;
    const [name, value] = (instruction.getArgumentsContent() ?? '').split('=', 2).map((s) => s?.trim().replace(/^["']|["']$/g, ''));
    if (!name || value === undefined) continue;
    if (model.preamble.includes(instruction)) globals.set(name, value);
    if (!VERSION_ARG[language].test(name)) continue;
    versionArgs.add(name);
    const version = /^v?(\d+(?:\.\d+)*)/.exec(value)?.[1];
    if (version) check(lineOf(instruction), `ARG ${name}=${value}`, version);
  }

  for (const stage of model.stages) {
    if (stage.parent) continue;
    const usesVersionArg = [...versionArgs].some((a) => new RegExp(`\\$\\{?${a}\\b`).test(stage.image));
    if (usesVersionArg) continue; // reported at the ARG, where the value lives
    const ref = substitute(stage.image, globals);
    if (ref.includes('$')) continue;
    const runtime = imageRuntime(ref);
    if (runtime && runtime.language === language) check(stage.line, `FROM ${ref}`, runtime.version);
  }
  return findings.sort((a, b) => a.line - b.line);
}

import { describeImage } from '../catalog';
import { refRepository, refVersion } from '../migrate/from-lines';
import type { Detection, Language } from '../types';
import { lineOf, parseDockerfile } from './model';
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

/** Tags carry a major (node, java) or major.minor (python, go, rust); compare no finer than that or than either side. */
function sameVersion(language: Language, a: string, b: string): boolean {
  const depth = language === 'node' || language === 'java' ? 1 : 2;
  const [x, y] = [a.replace(/^v/, '').split('.'), b.replace(/^v/, '').split('.')];
  const n = Math.min(depth, x.length, y.length);
  for (let i = 0; i < n; i++) if (Number(x[i]) !== Number(y[i])) return false;
  return true;
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

/** Which file set the detected version, from detection's evidence (`path: what spec → version …`). */
export function versionSource(detection: Detection): string {
  const version = detection.runtimeVersion;
  for (const line of [...detection.evidence].reverse()) {
    const m = /^(.+?): (.*?) → (\S+?)(?: \(|$)/.exec(line);
    if (m && m[3] === version && !line.startsWith('language ')) return `${m[1]} (${m[2]})`;
  }
  return "the project's version file";
}

function substitute(text: string, args: Map<string, string>): string {
  return text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name: string) => args.get(name) ?? whole);
}

/**
 * The drift rule: a runtime version in the Dockerfile (a FROM tag or a *_VERSION build arg) that differs
 * from the version the repository pins (.nvmrc, engines, .python-version, requires-python, go.mod,
 * rust-toolchain.toml, pom/Gradle toolchain). Nothing to compare when the repository pins none.
 */
export function driftFindings(text: string, detection: Detection, dockerfilePath = 'Dockerfile'): LintFinding[] {
  const repoVersion = detection.runtimeVersion;
  if (!repoVersion) return [];
  const { language } = detection;
  const model = parseDockerfile(text);
  const source = versionSource(detection);
  const findings: LintFinding[] = [];
  const differs = (line: number, what: string, version: string) =>
    findings.push({
      line,
      rule: DRIFT_RULE,
      severity: 'error',
      message: `${language} ${version} in ${dockerfilePath} (${what}) differs from ${language} ${repoVersion} in ${source}; make them agree`,
    });

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
    if (version && !sameVersion(language, version, repoVersion)) differs(lineOf(instruction), `ARG ${name}=${value}`, version);
  }

  for (const stage of model.stages) {
    if (stage.parent) continue;
    const usesVersionArg = [...versionArgs].some((a) => new RegExp(`\\$\\{?${a}\\b`).test(stage.image));
    if (usesVersionArg) continue; // reported at the ARG, where the value lives
    const ref = substitute(stage.image, globals);
    if (ref.includes('$')) continue;
    const runtime = imageRuntime(ref);
    if (runtime && runtime.language === language && !sameVersion(language, runtime.version, repoVersion)) {
      differs(stage.line, `FROM ${ref}`, runtime.version);
    }
  }
  return findings.sort((a, b) => a.line - b.line);
}

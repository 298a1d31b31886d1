import { detectProject, DetectionError, ManifestError, nodeFileReader } from '../detect';
import type { FileReader, Language } from '../types';
import { DRIFT_RULE, driftFindings } from './drift';
import { listStages } from '../dockerfile/stages';
import { lintDockerfile, LintConfigError, type LintOptions } from './lint';
import type { FileLintResult } from './report';

export interface LintFileOptions extends LintOptions {
  workspaceRoot: string;
  fs?: FileReader;
  /** Project whose version files the drift rule compares against; defaults to the Dockerfile's folder. */
  projectRoot?: string;
  language?: Language;
}

/** The app binds a loopback address no environment variable changes (detection's listen warnings). */
export const LOOPBACK_RULE = 'loopback-bind';

/** A node app without a lockfile: each build resolves dependency versions afresh. */
export const NO_LOCKFILE_RULE = 'no-lockfile';

function dirname(path: string): string {
  const at = path.lastIndexOf('/');
  return at === -1 ? '.' : path.slice(0, at);
}

/**
 * Every lint rule plus the drift rule for one Dockerfile of the workspace: what `docker-ms lint`, the
 * `docker-ms:lint` executor and the inferred docker-lint target all run.
 */
export function lintDockerfileFile(path: string, opts: LintFileOptions): FileLintResult {
  const fs = opts.fs ?? nodeFileReader(opts.workspaceRoot);
  const text = fs.read(path);
  if (text === null) throw new LintConfigError(`${path}: no such Dockerfile (paths are relative to the workspace root)`);
  const { [DRIFT_RULE]: driftSetting, [LOOPBACK_RULE]: loopbackSetting, [NO_LOCKFILE_RULE]: lockfileSetting, ...rules } = opts.rules ?? {};
  const findings = lintDockerfile(text, { rules });
  if (driftSetting !== 'off' || loopbackSetting !== 'off' || lockfileSetting !== 'off') {
    try {
      const detection = detectProject(opts.projectRoot ?? dirname(path), { workspaceRoot: opts.workspaceRoot, fs, language: opts.language });
      if (driftSetting !== 'off') {
        const drift = driftFindings(text, detection, path);
        findings.push(...drift.map((f) => (driftSetting ? { ...f, severity: driftSetting } : f)));
      }
      if (loopbackSetting !== 'off') {
        // reported at the final stage: the image it builds would not answer from outside the container
        const line = listStages(text).at(-1)?.line ?? 1;
        for (const message of detection.listen.warnings) findings.push({ line, rule: LOOPBACK_RULE, severity: loopbackSetting ?? 'warning', message });
      }
      if (lockfileSetting !== 'off' && detection.language === 'node' && detection.lockfile === null) {
        findings.push({
          line: 1,
          rule: NO_LOCKFILE_RULE,
          severity: lockfileSetting ?? 'warning',
          message: `no ${detection.packageManager} lockfile: every build resolves dependency versions afresh, so the image is not reproducible; run \`${detection.packageManager} install\` and commit the lockfile`,
        });
      }
    } catch (e) {
      // No recognisable (or readable) project next to the Dockerfile: there is no version file to drift from.
      if (!(e instanceof DetectionError) && !(e instanceof ManifestError)) throw e;
    }
  }
  return { path, findings: findings.sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule)) };
}

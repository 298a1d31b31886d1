import { DockerMsError } from '../errors';
import { parseDockerfile } from '../dockerfile/parse';
import type { LintFinding, LintRule, Severity } from './types';
import { CheckSettings, fileCheckSettings, instructionCheckSettings } from './check-directive';
import { copyFromUnknownStage, rootUser, staticBinaryOnScratch } from './rules/seed-rules';
import { endOfLifeBaseImage } from './rules/lifecycle-rules';
import { fromPlatformFlagConstDisallowed, redundantTargetPlatform } from './rules/platform-rules';
import { longLine, noBuildStage, syntaxDirective, unknownInstruction } from './rules/structure-rules';
import {
  duplicateStageName, fromAsCasing, fromLatest, fromNotLiteral, invalidDefaultArgInFrom, reservedStageName, stageNameCasing, undefinedArgInFrom,
} from './rules/from-rules';
import { secretsUsedInArgOrEnv } from './rules/secret-rules';
import {
  consistentInstructionCasing, exposeInvalidFormat, exposeProtoCasing, jsonArgsRecommended, legacyKeyValueFormat,
  maintainerDeprecated, multipleInstructionsDisallowed, noEmptyContinuation, undefinedVar, workdirRelativePath,
} from './rules/instruction-rules';

export const LINT_RULES: readonly LintRule[] = [
  noBuildStage, unknownInstruction, syntaxDirective, longLine,
  copyFromUnknownStage, staticBinaryOnScratch, rootUser,
  fromLatest, fromNotLiteral, endOfLifeBaseImage, redundantTargetPlatform, fromPlatformFlagConstDisallowed, fromAsCasing, stageNameCasing, duplicateStageName, reservedStageName, undefinedArgInFrom, invalidDefaultArgInFrom,
  secretsUsedInArgOrEnv, jsonArgsRecommended, maintainerDeprecated, legacyKeyValueFormat, noEmptyContinuation, consistentInstructionCasing,
  multipleInstructionsDisallowed, workdirRelativePath, exposeProtoCasing, exposeInvalidFormat, undefinedVar,
];

/** BuildKit runs these over the whole file, so a `# check=skip=` comment before one instruction does not silence them. */
const FILE_WIDE_CHECKS = new Set(['ConsistentInstructionCasing', 'DuplicateStageName', 'ReservedStageName', 'NoEmptyContinuation', 'InvalidDefaultArgInFrom']);

export interface LintOptions {
  /** Per-rule override: 'off' skips the rule, a severity replaces its default. */
  rules?: Record<string, Severity | 'off'>;
}

export class LintConfigError extends DockerMsError {}

export function lintDockerfile(text: string, opts: LintOptions = {}): LintFinding[] {
  const overrides = opts.rules ?? {};
  const unknown = Object.keys(overrides).filter((name) => !LINT_RULES.some((r) => r.name === name));
  if (unknown.length) {
    throw new LintConfigError(`unknown lint rule ${unknown.join(', ')}; known rules: ${LINT_RULES.map((r) => r.name).join(', ')}`);
  }
  const model = parseDockerfile(text);
  const fileChecks = fileCheckSettings(model);
  const instructionChecks = instructionCheckSettings(model);
  const skipped = (rule: LintRule, settings: CheckSettings | null | undefined) => !!settings && (settings.skipAll || settings.skip.has(rule.name));
  const findings: LintFinding[] = [];
  for (const rule of LINT_RULES) {
    // BuildKit's own rules also follow the file's `# check=` settings, as `docker build` does
    const buildkit = !!rule.buildkit;
    const severity = overrides[rule.name] ?? (buildkit && fileChecks?.error ? 'error' : rule.severity);
    if (severity === 'off' || (buildkit && skipped(rule, fileChecks))) continue;
    for (const hit of rule.check(model)) {
      if (buildkit && !FILE_WIDE_CHECKS.has(rule.name) && skipped(rule, instructionChecks.get(hit.at ?? hit.line))) continue;
      findings.push({ line: hit.line, rule: rule.name, severity, message: hit.message });
    }
  }
  return findings.sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
}

/** `line: rule: message` */
export function formatFinding(finding: LintFinding): string {
  return `${finding.line}: ${finding.rule}: ${finding.message}`;
}

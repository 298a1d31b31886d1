// BuildKit's `check` settings written in the Dockerfile (linter.ParseLintOptions): the `# check=skip=A,B;error=true`
// parser directive for the whole file, and a `# check=skip=…` comment right before an instruction for that instruction.
import type { DockerfileModel } from '../dockerfile/parse';

export interface CheckSettings {
  skipAll: boolean;
  skip: Set<string>;
  /** error=true: BuildKit fails the build when one of its checks reports. */
  error: boolean;
}

/** The settings of one `check` value, or null when BuildKit would reject it. */
export function parseCheckSettings(value: string): CheckSettings | null {
  const settings: CheckSettings = { skipAll: false, skip: new Set(), error: false };
  if (value.trim() === '') return settings;
  for (const part of value.trim().split(';').slice(0, 3)) {
    const eq = part.indexOf('=');
    if (eq === -1) return null;
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (key === 'skip') {
      if (v === 'all') settings.skipAll = true;
      else v.split(',').forEach((rule) => settings.skip.add(rule.trim()));
    } else if (key === 'error') {
      const bool = /^(1|t|T|TRUE|true|True)$/.test(v) ? true : /^(0|f|F|FALSE|false|False)$/.test(v) ? false : null;
      if (bool === null) return null;
      settings.error = bool;
    } else if (key !== 'experimental') {
      return null;
    }
  }
  return settings;
}

/** The file's `# check=` parser directive. */
export function fileCheckSettings(model: DockerfileModel): CheckSettings | null {
  const directive = model.dockerfile.getDirectives().find((d) => d.getName().toLowerCase() === 'check');
  return directive ? parseCheckSettings(directive.getValue()) : null;
}

const COMMENT_DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

/**
 * Per instruction line: the first `check=` comment among the comments since the previous instruction (an empty `#`
 * line starts them over), as BuildKit's linter.WithMergedConfigFromComments reads the instruction's comments.
 */
export function instructionCheckSettings(model: DockerfileModel): Map<number, CheckSettings> {
  const byLine = new Map<number, CheckSettings>();
  const comments = model.dockerfile.getComments();
  let c = 0;
  let previousEnd = -1;
  for (const instruction of model.instructions) {
    const { start, end } = instruction.getRange();
    let own: string[] = [];
    for (; c < comments.length && comments[c].getRange().start.line < start.line; c++) {
      if (comments[c].getRange().start.line <= previousEnd) continue; // inside the previous instruction
      const content = comments[c].getContent().trim();
      own = content === '' ? [] : [...own, content];
    }
    for (const content of own) {
      const match = COMMENT_DIRECTIVE.exec(content);
      if (!match || match[1].toLowerCase() !== 'check') continue;
      const settings = parseCheckSettings(match[2].split(' ')[0]);
      if (settings) byLine.set(start.line + 1, settings);
      break;
    }
    previousEnd = end.line;
  }
  return byLine;
}

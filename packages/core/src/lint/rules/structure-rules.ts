// Rules on the file as a whole: what makes Docker refuse it, and directives that reach the network.
import { Keyword } from '../../dockerfile/ast';
import { lineOf } from '../../dockerfile/parse';
import type { LintRule, RuleHit } from '../types';

const KEYWORDS = new Set<string>(Object.values(Keyword));

export const noBuildStage: LintRule = {
  name: 'NoBuildStage',
  severity: 'error',
  description: 'A Dockerfile needs a FROM, and only ARG may come before the first one',
  check(model) {
    if (model.stages.length === 0) {
      return [{ line: 1, message: 'no FROM instruction, so there is no build stage (is this a Dockerfile?)' }];
    }
    return model.preamble
      .filter((i) => i.getKeyword() !== 'ARG' && KEYWORDS.has(i.getKeyword()))
      .map((i) => ({ line: lineOf(i), message: `${i.getKeyword()} before the first FROM; only ARG may come before FROM` }));
  },
};

export const unknownInstruction: LintRule = {
  name: 'UnknownInstruction',
  severity: 'error',
  description: 'Every instruction must be one Docker knows',
  check(model) {
    const hits: RuleHit[] = [];
    for (const i of model.instructions) {
      if (!KEYWORDS.has(i.getKeyword())) hits.push({ line: lineOf(i), message: `unknown instruction ${i.getInstruction()}` });
    }
    return hits;
  },
};

export const syntaxDirective: LintRule = {
  name: 'SyntaxDirective',
  severity: 'warning',
  description: '`# syntax=` makes BuildKit pull a frontend image at build time (and the legacy builder ignores it)',
  check(model) {
    return model.dockerfile
      .getDirectives()
      .filter((d) => d.getName().toLowerCase() === 'syntax')
      .map((d) => ({
        line: d.getRange().start.line + 1,
        message: `# syntax=${d.getValue()} pulls ${d.getValue()} at build time; remove it unless the file needs a newer frontend`,
      }));
  },
};

export const longLine: LintRule = {
  name: 'LongLine',
  severity: 'warning',
  description: 'Lines over 64 KB are checked only up to there (a generated or corrupted file, usually)',
  check(model) {
    return model.cutLines.map(({ line, length }) => ({
      line,
      message: `line is ${Math.round(length / 1024)} KB long; only its first 64 KB were checked`,
    }));
  },
};

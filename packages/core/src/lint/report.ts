import type { LintFinding } from './types';

export type LintFormat = 'text' | 'json';

export interface FileLintResult {
  /** Workspace-relative path of the Dockerfile. */
  path: string;
  findings: LintFinding[];
}

export function countFindings(results: FileLintResult[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const { findings } of results) for (const f of findings) f.severity === 'error' ? errors++ : warnings++;
  return { errors, warnings };
}

/** Compiler-style lines (`path:line rule message`, warnings marked) and a summary, or one JSON document for CI tools. */
export function formatLintResults(results: FileLintResult[], format: LintFormat = 'text'): string {
  const { errors, warnings } = countFindings(results);
  if (format === 'json') {
    return JSON.stringify({ errors, warnings, files: results.map(({ path, findings }) => ({ path, findings })) }, null, 2);
  }
  const lines = results.flatMap(({ path, findings }) =>
    findings.map((f) => `${path}:${f.line} ${f.rule} ${f.message}${f.severity === 'warning' ? ' (warning)' : ''}`),
  );
  const files = `${results.length} Dockerfile${results.length === 1 ? '' : 's'}`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(errors || warnings ? `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${files}` : `${files} checked, no problems`);
  return lines.join('\n');
}

/** 1 when any finding is an error, else 0. */
export function lintExitCode(results: FileLintResult[]): number {
  return countFindings(results).errors > 0 ? 1 : 0;
}

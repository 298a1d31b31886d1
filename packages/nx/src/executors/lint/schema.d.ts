import type { LintFormat, Severity } from '@docker-ms/core';

export interface LintExecutorSchema {
  file?: string;
  format?: LintFormat;
  outputFile?: string;
  rules?: Record<string, Severity | 'off'>;
}

import type { DockerfileModel } from '../dockerfile/parse';

export type Severity = 'error' | 'warning';

export interface LintFinding {
  /** 1-based line. */
  line: number;
  rule: string;
  severity: Severity;
  message: string;
}

export interface RuleHit {
  line: number;
  message: string;
  /** The instruction whose `# check=skip=` comment silences the hit, when it is not the one on `line`. */
  at?: number;
}

export interface LintRule {
  name: string;
  severity: Severity;
  description: string;
  /** BuildKit's check of the same name, by its page under docs.docker.com/go/dockerfile/rule/: its message starts the same. */
  buildkit?: string;
  /** Where the rule deliberately differs from BuildKit's check of the same name, and why (shown in docs/reference). */
  differs?: string;
  check(model: DockerfileModel): RuleHit[];
}

export type ChangeStatus = 'created' | 'updated' | 'unchanged' | 'skipped';

/** One file a command looked at: what happened to it and, when it was left alone, why. */
export interface FileChange {
  /** Relative to the workspace root, '/'-separated. */
  path: string;
  status: ChangeStatus;
  note?: string;
}

export function formatChange(c: FileChange): string {
  return `${c.status.padEnd(9)} ${c.path}${c.note ? ` (${c.note})` : ''}`;
}

// Shared shapes that cross the core's own folders and the adapters (nx, turbo, CLI).

export const LANGUAGES = ['node', 'python', 'go', 'rust', 'java'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where detection reads files: a real folder, an Nx Tree or fixtures. Paths are workspace-relative, '/'-separated. */
export interface FileReader {
  exists(path: string): boolean;
  read(path: string): string | null;
  /** Entries (file and folder names) directly under a folder; [] when absent. Links to folders are left out, so walks never loop. */
  list(dir: string): string[];
  isFile(path: string): boolean;
}

/** A language an adapter knows from its own tooling (an Nx plugin's executor, say), with what said so. */
export interface LanguageHint {
  language: Language;
  because: string;
}

export interface Detection {
  language: Language;
  packageManager: string;
  runtimeVersion: string | null;
  entry: string | null;
  evidence: string[];
}

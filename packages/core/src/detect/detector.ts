import type { Detection, Language } from '../types';
import type { ProjectFiles } from './project-files';

/**
 * How strongly a folder looks like a language:
 * 3 — a manifest or lockfile of the language in the project folder (go.mod, Cargo.toml, pom.xml,
 *     pyproject.toml, requirements.txt, a package.json with dependencies), or Go sources under a go.mod further up;
 * 2 — source files only (main.py, main.go);
 * 1 — a package.json with only scripts: a wrapper that lets a JS task runner drive another toolchain;
 * 0 — nothing.
 */
export type Strength = 0 | 1 | 2 | 3;

export interface Probe {
  strength: Strength;
  /** What was seen, for messages: ['go.mod'] or ['package.json (scripts only)']. */
  signals: string[];
}

export interface LanguageDetector {
  language: Language;
  /** The files this language is recognised by, listed in DetectionError. */
  checks: readonly string[];
  probe(files: ProjectFiles): Probe;
  /** Package manager, runtime version and entry; never throws on odd files, it notes them in evidence. */
  details(files: ProjectFiles): Omit<Detection, 'listen' | 'startCommand'>;
}

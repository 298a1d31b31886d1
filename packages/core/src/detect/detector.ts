import type { Detection, Language } from '../types';
import type { ProjectFiles } from './project-files';

/**
 * How strongly a folder looks like a language:
 * 2 — a manifest or lockfile of the language in the project folder (go.mod, Cargo.toml, pom.xml, pyproject.toml, a package.json with dependencies);
 * 1 — a weak sign (a package.json with only scripts, loose source files);
 * 0 — nothing.
 */
export type Strength = 0 | 1 | 2;

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
  details(files: ProjectFiles): Detection;
}

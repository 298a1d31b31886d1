// What the static detectors share: the app's dependency names, a build tool's config file read as text, and
// string literals in it (configs are code; only literal values are taken, anything computed is said so).
import { posix } from 'node:path';
import { joinPath } from '../file-reader';
import { dig, isRecord, str, type ProjectFiles } from '../project-files';

const DEPENDENCY_KEYS = ['dependencies', 'devDependencies'];

/** Dependency names of the app's package.json; an app without one (an Nx integrated app) reads the nearest one above. */
export function dependencyNames(files: ProjectFiles, pkg: Record<string, unknown> | null): Set<string> {
  let source = pkg;
  if (!source) {
    for (const dir of files.dirs.slice(1)) {
      const parsed = files.readJson(joinPath(dir, 'package.json'));
      if (parsed?.ok) {
        source = parsed.value;
        break;
      }
    }
  }
  const names = new Set<string>();
  for (const key of DEPENDENCY_KEYS) {
    const deps = source?.[key];
    if (isRecord(deps)) Object.keys(deps).forEach((n) => names.add(n));
  }
  return names;
}

/** The first of `names` in the project folder, with its text (comments removed). */
export function configFile(files: ProjectFiles, names: readonly string[]): { file: string; text: string } | null {
  for (const file of names) {
    const text = files.read(file);
    if (text !== null) return { file, text: stripComments(text) };
  }
  return null;
}

function stripComments(code: string): string {
  // line comments only where they cannot be part of a URL or a string ("https://…")
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** The string literal given to `key:` (or `key=`), e.g. `outDir: 'build'`; undefined when absent, null when not a literal. */
export function literalOption(text: string, key: string): string | null | undefined {
  const at = new RegExp(`\\b${key}\\s*:\\s*`).exec(text);
  if (!at) return undefined;
  const rest = text.slice(at.index + at[0].length);
  const literal = /^(['"`])([^'"`$]*)\1/.exec(rest);
  if (literal) return literal[2];
  // path.resolve(__dirname, 'dist') / join(__dirname, 'dist'): the folder relative to the config file
  const resolved = /^(?:path\.)?(?:resolve|join)\(\s*__dirname\s*,\s*(['"`])([^'"`$]*)\1\s*\)/.exec(rest);
  return resolved ? resolved[2] : null;
}

/** A build tool's folder option relative to the app: './dist/' → dist; '../../dist/apps/web' stays as written. */
export function appRelative(p: string): string {
  const clean = posix.normalize(p.replace(/\\/g, '/')).replace(/^\.\/+/, '').replace(/\/+$/, '');
  return clean === '' ? '.' : clean;
}

/** The package.json script that builds, or null. */
export function buildScript(pkg: Record<string, unknown> | null): string | null {
  return str(dig(pkg, 'scripts', 'build'))?.trim() ? 'build' : null;
}

/** How the framework's own build is named in evidence. */
export function buildWord(pkg: Record<string, unknown> | null): string {
  const script = str(dig(pkg, 'scripts', 'build'));
  return script ? `scripts.build "${script}"` : 'no build script (the caller passes the build command)';
}

import { stripComments } from '../listen/facts';
import { dig, isRecord, str, type ProjectFiles } from '../project-files';

/** The version range of a dependency in any dependency list of package.json, or undefined. */
export function dependency(pkg: Record<string, unknown> | null, name: string): string | undefined {
  for (const key of ['dependencies', 'devDependencies']) {
    const list = pkg?.[key];
    if (isRecord(list) && typeof list[name] === 'string') return list[name] as string;
  }
  return undefined;
}

export function script(pkg: Record<string, unknown> | null, name: string): string | undefined {
  return str(dig(pkg, 'scripts', name));
}

/** A framework's config file, read as text (never executed), comments blanked out. */
export interface ConfigFile {
  rel: string;
  text: string;
}

/** The first of `<base>.<ext>` that exists in the project folder. */
export function configFile(files: ProjectFiles, base: string, exts = ['ts', 'mjs', 'js', 'mts', 'cjs', 'cts']): ConfigFile | null {
  for (const ext of exts) {
    const rel = `${base}.${ext}`;
    const text = files.read(rel);
    if (text !== null) return { rel, text: stripComments(text) };
  }
  return null;
}

/**
 * `key: 'value'` in a config file: the literal string, `{ dynamic: true }` when the key is set to something that
 * is not a string literal (an expression only running the config would tell), or null when the key is absent.
 */
export function literal(config: ConfigFile | null, key: string, scope?: string): { value: string } | { dynamic: true } | null {
  if (!config) return null;
  let text = config.text;
  if (scope) {
    // the first object literal after `scope` (an adapter call, a nested options object)
    const at = text.search(new RegExp(`\\b${scope}\\s*[:(]\\s*(?:\\w+\\s*\\(\\s*)?\\{`));
    if (at === -1) return null;
    text = text.slice(at, at + 2000);
  }
  const m = new RegExp(`(?:^|[\\s,{])['"]?${key}['"]?\\s*:\\s*(?:(['"\`])([^'"\`]*)\\1|([^,}\\n]+))`).exec(text);
  if (!m) return null;
  return m[2] !== undefined ? { value: m[2] } : /^(?:true|false|\d+)\s*$/.test(m[3].trim()) ? { value: m[3].trim() } : { dynamic: true };
}

/** True when the config imports (or requires) `module`. */
export function importsModule(config: ConfigFile | null, module: string): boolean {
  if (!config) return false;
  const escaped = module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(?:from\\s*|require\\(\\s*|import\\(\\s*)['"]${escaped}['"]`).test(config.text);
}

/**
 * How a static build is served, for evidence: the static runtime (nginx) serves `dir`, either as a single-page app
 * (index.html for unknown paths) or as prerendered pages (`<path>.html`, `<path>/index.html`, then 404.html).
 */
export function servedBy(dir: string, spaFallback: boolean): string {
  return `static files in ${dir}/ served by nginx ${spaFallback ? 'with SPA fallback' : 'as pages (<path>.html, then 404)'}`;
}

/** An app-relative folder as written in a config ('./build/' → 'build'). */
export function folder(value: string): string {
  return value.replace(/^\.\//, '').replace(/\/+$/, '') || '.';
}

import type { FileReader } from '../types';

interface Pattern {
  negated: boolean;
  regex: RegExp;
  /** Leading segments without wildcards ('' when the pattern starts with one). */
  literal: string;
}

function compile(line: string): Pattern | null {
  let text = line.trim();
  if (text === '' || text.startsWith('#')) return null;
  const negated = text.startsWith('!');
  if (negated) text = text.slice(1).trim();
  text = text.replace(/^\/+/, '').replace(/\/+$/, '').replace(/^(\.\/)+/, '');
  if (text === '' || text === '.') return null;
  let source = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '*' && text[i + 1] === '*') {
      const slashAfter = text[i + 2] === '/';
      source += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '\\' && i + 1 < text.length) source += `\\${text[++i]}`;
    else source += c.replace(/[.+^${}()|[\]]/g, '\\$&');
  }
  const literal: string[] = [];
  for (const segment of text.split('/')) {
    if (/[*?[\\]/.test(segment)) break;
    literal.push(segment);
  }
  return { negated, regex: new RegExp(`^${source}$`), literal: literal.join('/') };
}

/**
 * Docker's `.dockerignore` rules for context-relative '/' paths: a pattern matches a path or any of
 * its parent folders, `**` spans folders, `!` re-includes, and the last matching pattern decides.
 */
export function dockerignoreMatcher(text: string): { excluded(path: string): boolean; mayIncludeUnder(dir: string): boolean } {
  const patterns = text.split('\n').map(compile).filter((p): p is Pattern => p !== null);
  const matches = (p: Pattern, path: string): boolean => {
    if (p.regex.test(path)) return true;
    let slash = path.indexOf('/');
    while (slash !== -1) {
      if (p.regex.test(path.slice(0, slash))) return true;
      slash = path.indexOf('/', slash + 1);
    }
    return false;
  };
  return {
    excluded(path) {
      let excluded = false;
      for (const p of patterns) if (p.negated === excluded && matches(p, path)) excluded = !p.negated;
      return excluded;
    },
    /** False when no re-include could apply below an excluded folder, so a walk may skip it. */
    mayIncludeUnder(dir) {
      return patterns.some((p) => p.negated && (p.literal === '' || p.literal.startsWith(`${dir}/`) || p.literal === dir || dir.startsWith(`${p.literal}/`)));
    },
  };
}

/** The files (context-relative paths, sorted) a build context under `ignoreText` holds, walking `fs` from `contextRoot`. */
export function contextFiles(fs: FileReader, ignoreText: string, contextRoot = ''): string[] {
  const matcher = dockerignoreMatcher(ignoreText);
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.list(contextRoot === '' ? rel : rel === '' ? contextRoot : `${contextRoot}/${rel}`)) {
      const path = rel === '' ? entry : `${rel}/${entry}`;
      const abs = contextRoot === '' ? path : `${contextRoot}/${path}`;
      if (fs.isFile(abs)) {
        if (!matcher.excluded(path)) out.push(path);
      } else if (!matcher.excluded(path) || matcher.mayIncludeUnder(path)) {
        walk(path);
      }
    }
  };
  walk('');
  return out.sort();
}

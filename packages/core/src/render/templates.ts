import fs from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';
import type { Language } from '../types';

/** packages/core/templates, from src/render (jest) and dist/render (published) alike. */
export const TEMPLATES_DIR = path.resolve(__dirname, '../../templates');

export function renderTemplate(language: Language, file: 'Dockerfile.ejs' | 'dockerignore.ejs', data: object): string {
  const filename = path.join(TEMPLATES_DIR, language, file);
  const text = ejs.render(fs.readFileSync(filename, 'utf8'), data, {
    filename,
    // Dockerfiles are not HTML: never escape
    escape: (s: unknown) => String(s),
    cache: false,
  });
  return tidy(text);
}

/** One blank line between stages at most, a single trailing newline. */
function tidy(text: string): string {
  return `${text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

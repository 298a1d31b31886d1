import fs from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';
import type { Language } from '../types';

/** packages/core/templates, from src/render (jest) and dist/render (published) alike. */
export const TEMPLATES_DIR = path.resolve(__dirname, '../../templates');

export function renderTemplate(language: Language | 'static', file: 'Dockerfile.ejs' | 'dockerignore.ejs', data: object): string {
  const filename = path.join(TEMPLATES_DIR, language, file);
  let template = compiled.get(filename);
  if (!template) {
    template = ejs.compile(fs.readFileSync(filename, 'utf8'), {
      filename,
      // Dockerfiles are not HTML: never escape
      escape: (s: unknown) => String(s),
      // includes (templates/common) are compiled once too; templates do not change while a process runs
      cache: true,
    });
    compiled.set(filename, template);
  }
  return tidy(template(data));
}

const compiled = new Map<string, ejs.TemplateFunction>();

/** One blank line between stages at most, a single trailing newline. */
function tidy(text: string): string {
  return `${text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

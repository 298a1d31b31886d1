import { listStages } from '../dockerfile';
import { parseOptions, type DockerfileOptions, type DockerfileOptionsInput } from '../options';
import { OptionsError } from '../options/errors';
import { nodeTemplateData } from './patterns/node';
import { pythonTemplateData } from './patterns/python';
import { goTemplateData } from './patterns/go';
import { rustTemplateData } from './patterns/rust';
import { javaTemplateData } from './patterns/java';
import { staticTemplateData } from './patterns/static';
import { renderTemplate } from './templates';
import { didYouMean } from '../text';
import type { Language } from '../types';

function templateData(o: DockerfileOptions): object {
  switch (o.language) {
    case 'node':
      return o.variant === 'static' ? staticTemplateData(o) : nodeTemplateData(o);
    case 'python':
      return pythonTemplateData(o);
    case 'go':
      return goTemplateData(o);
    case 'rust':
      return rustTemplateData(o);
    case 'java':
      return javaTemplateData(o);
  }
}

/** templates/<dir>: the language's, or static/ for node apps built to files (node's install stages, an nginx runtime). */
function templateDir(o: DockerfileOptions): Language | 'static' {
  return o.language === 'node' && o.variant === 'static' ? 'static' : o.language;
}

/** The Dockerfile for raw options (validated here). Throws OptionsError for bad options (including an unknown target). */
export function renderDockerfile(input: DockerfileOptionsInput | DockerfileOptions): string {
  return dockerfileText(parseOptions(input));
}

/** The .dockerignore for the same options (patterns relative to the build context). */
export function renderDockerignore(input: DockerfileOptionsInput | DockerfileOptions): string {
  return dockerignoreText(parseOptions(input));
}

/** The Dockerfile for options parseOptions already returned. */
export function dockerfileText(o: DockerfileOptions): string {
  const text = renderTemplate(templateDir(o), 'Dockerfile.ejs', templateData(o));
  if (namesStage(text, o.target)) return text;
  const stages = listStages(text).map((s) => s.name).filter((n): n is string => n !== null);
  if (!stages.includes(o.target)) {
    throw new OptionsError([`target: must be one of ${stages.join(', ')} (got "${o.target}"${didYouMean(o.target, stages)})`]);
  }
  return text;
}

/**
 * Whether our own rendered text has `FROM … AS <stage>` on a line of its own (the templates write every FROM so):
 * the usual case needs no full parse, which is most of a render's time when `--all` renders hundreds.
 */
function namesStage(text: string, stage: string): boolean {
  const escaped = stage.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^FROM\\s+(?:--\\S+\\s+)*\\S+\\s+AS\\s+${escaped}\\s*$`, 'im').test(text);
}

/** The .dockerignore for options parseOptions already returned. */
export function dockerignoreText(o: DockerfileOptions): string {
  return renderTemplate(o.language, 'dockerignore.ejs', { o, projectRoot: o.projectRoot });
}

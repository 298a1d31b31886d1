import { listStages } from '../dockerfile';
import { parseOptions, type DockerfileOptions, type DockerfileOptionsInput } from '../options';
import { OptionsError } from '../options/errors';
import { nodeContext } from './patterns/node';
import { pythonContext } from './patterns/python';
import { goContext } from './patterns/go';
import { rustContext } from './patterns/rust';
import { javaContext } from './patterns/java';
import { renderTemplate } from './templates';

function contextFor(o: DockerfileOptions): object {
  switch (o.language) {
    case 'node':
      return nodeContext(o);
    case 'python':
      return pythonContext(o);
    case 'go':
      return goContext(o);
    case 'rust':
      return rustContext(o);
    case 'java':
      return javaContext(o);
  }
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
  const text = renderTemplate(o.language, 'Dockerfile.ejs', contextFor(o));
  const stages = listStages(text).map((s) => s.name).filter((n): n is string => n !== null);
  if (!stages.includes(o.target)) {
    throw new OptionsError([`target: must be one of ${stages.join(', ')} (got "${o.target}")`]);
  }
  return text;
}

/** The .dockerignore for options parseOptions already returned. */
export function dockerignoreText(o: DockerfileOptions): string {
  return renderTemplate(o.language, 'dockerignore.ejs', { o, projectRoot: o.projectRoot });
}

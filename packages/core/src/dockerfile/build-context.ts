import { DockerfileParser } from 'dockerfile-ast';

/**
 * The paths COPY/ADD read from the build context (no `--from`, no URLs), as written.
 * Nx needs them for task inputs and to tell a workspace-root context from a project-root one.
 */
export function contextSources(dockerfile: string): string[] {
  const sources: string[] = [];
  for (const instruction of DockerfileParser.parse(dockerfile).getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    const flags = 'getFlags' in instruction ? (instruction as unknown as { getFlags(): { getName(): string }[] }).getFlags() : [];
    if (flags.some((flag) => flag.getName().toLowerCase() === 'from')) continue;
    const json = 'getJSONStrings' in instruction ? (instruction as unknown as { getJSONStrings(): { getJSONValue(): string }[] }).getJSONStrings() : [];
    const args = json.length > 0 ? json.map((a) => a.getJSONValue()) : instruction.getArguments().map((a) => a.getValue());
    for (const source of args.slice(0, -1)) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || source.startsWith('git@')) continue;
      sources.push(source);
    }
  }
  return sources;
}

/** 'apps/api/src/*.ts' → 'apps/api/src'; './' → '.'. The literal prefix Docker resolves before globbing. */
export function literalPrefix(source: string): string {
  const segments = source.replace(/\\/g, '/').replace(/^\.?\/+/, '').split('/');
  const literal: string[] = [];
  for (const segment of segments) {
    if (/[*?[]/.test(segment)) break;
    if (segment !== '' && segment !== '.') literal.push(segment);
  }
  return literal.length === 0 ? '.' : literal.join('/');
}

/**
 * Which folder the Dockerfile expects as its build context: the project root, or the workspace root
 * when its COPY sources name the project's own path or only resolve from the workspace root.
 */
export function inferContext(sources: string[], projectRoot: string, exists: (workspacePath: string) => boolean): string {
  if (projectRoot === '.' || projectRoot === '') return '.';
  let fromProject = 0;
  let fromWorkspace = 0;
  for (const source of sources) {
    // "package-lock.json*" (copy when present) names package-lock.json
    const path = literalPrefix(source.replace(/\*+$/, ''));
    if (path === '.') continue;
    if (path === projectRoot || path.startsWith(`${projectRoot}/`)) return '.';
    const inProject = exists(`${projectRoot}/${path}`);
    const inWorkspace = exists(path);
    if (inProject && !inWorkspace) fromProject++;
    if (inWorkspace && !inProject) fromWorkspace++;
  }
  return fromWorkspace > fromProject ? '.' : projectRoot;
}

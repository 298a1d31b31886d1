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

/** A file name for the built binary: the last path segment, or "app" for the context root. */
export function binaryName(p: string): string {
  const last = p.split('/').filter((s) => s !== '' && s !== '.').pop();
  const clean = (last ?? 'app').replace(/[^A-Za-z0-9._-]/g, '-');
  return clean === '' || clean === '..' ? 'app' : clean;
}

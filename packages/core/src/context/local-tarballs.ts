// A dependency installed from a packed tarball (`npm install -D ./vendor/docker-ms-0.1.0.tgz` saves
// `file:vendor/docker-ms-0.1.0.tgz`; pnpm, Yarn and Bun write `file:` too) is read from that path by every install,
// the image's included: the tarball must be inside the build context and copied in with the manifests.
import type { FileReader } from '../types';
import { resolveInside } from './path-dependencies';

const FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;
const TARBALL = /^file:(.+\.(?:tgz|tar\.gz|tar))$/i;

export interface LocalTarball {
  /** The manifest that names it, workspace-relative. */
  manifest: string;
  field: (typeof FIELDS)[number];
  name: string;
  spec: string;
  /** Workspace-relative path of the tarball; null when it lies outside the workspace. */
  path: string | null;
}

/** The `file:` tarball dependencies of `<dir>/package.json` (dir workspace-relative, '' for the root). */
export function localTarballs(fs: FileReader, dir: string): LocalTarball[] {
  const manifest = dir === '' ? 'package.json' : `${dir}/package.json`;
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(fs.read(manifest) ?? 'null') ?? {};
  } catch {
    return [];
  }
  const out: LocalTarball[] = [];
  for (const field of FIELDS) {
    const deps = pkg[field];
    if (typeof deps !== 'object' || deps === null) continue;
    for (const [name, spec] of Object.entries(deps as Record<string, unknown>)) {
      const m = typeof spec === 'string' ? TARBALL.exec(spec) : null;
      if (m) out.push({ manifest, field, name, spec: spec as string, path: resolveInside(dir, m[1]) });
    }
  }
  return out;
}

/** One line for a tarball the image's install cannot reach. */
export function outsideTarballLine(t: LocalTarball, where = 'the workspace'): string {
  return `${t.manifest}: ${t.field} ${t.name} is ${t.spec}, outside ${where}, so the image's install cannot read it; put the tarball inside ${where} (e.g. vendor/) and install it from there (npm install -D ./vendor/<file>.tgz)`;
}

import type { PACKAGE_MANAGERS } from './schema';

/** Lockfiles of the node package managers, in the order detection tries them within one folder. */
export const NODE_LOCKFILES: ReadonlyArray<{ file: string; manager: (typeof PACKAGE_MANAGERS)['node'][number] }> = [
  { file: 'pnpm-lock.yaml', manager: 'pnpm' },
  { file: 'yarn.lock', manager: 'yarn' },
  { file: 'bun.lock', manager: 'bun' },
  { file: 'bun.lockb', manager: 'bun' },
  { file: 'package-lock.json', manager: 'npm' },
  { file: 'npm-shrinkwrap.json', manager: 'npm' },
];

export const NODE_LOCKFILE_NAMES: readonly string[] = NODE_LOCKFILES.map((l) => l.file);

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as main from './index';

const pkgRoot = join(__dirname, '..');
const read = (file: string) => JSON.parse(readFileSync(join(pkgRoot, file), 'utf8'));
const pkg = read('package.json');

/** './dist/generators/init/generator' is built from src/generators/init/generator.ts; schema.json files are copied by tsc. */
function source(path: string): string {
  const inSrc = path.replace(/^\.\/dist\//, 'src/');
  return existsSync(join(pkgRoot, inSrc)) ? inSrc : `${inSrc}.ts`;
}

const entries = [
  ...Object.entries(read('generators.json').generators).map(([name, e]) => ['generator', name, e]),
  ...Object.entries(read('executors.json').executors).map(([name, e]) => ['executor', name, e]),
  ...Object.entries(read('migrations.json').generators).map(([name, e]) => ['migration', name, e]),
] as Array<[string, string, Record<string, string>]>;

describe('package registries', () => {
  it('package.json registers the three JSON files and ships them', () => {
    expect(pkg.generators).toBe('./generators.json');
    expect(pkg.executors).toBe('./executors.json');
    expect(pkg['nx-migrations']).toEqual({ migrations: './migrations.json' });
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'generators.json', 'executors.json', 'migrations.json']));
    expect(Object.keys(pkg.peerDependencies)).toEqual(['nx']); // @nx/devkit is a dependency: see nx-compat.spec.ts
  });

  it.each(entries)('%s %s points at files the build produces', (_kind, _name, entry) => {
    for (const key of ['factory', 'implementation', 'schema'] as const) {
      if (!entry[key]) continue;
      expect(entry[key]).toMatch(/^\.\/dist\//);
      expect(existsSync(join(pkgRoot, source(entry[key])))).toBe(true);
    }
    if (entry.documentation) {
      expect(pkg.files.some((f: string) => entry.documentation.replace(/^\.\//, '').startsWith(f.split('*')[0]))).toBe(true);
      expect(existsSync(join(pkgRoot, entry.documentation))).toBe(true);
    }
  });

  it('init is hidden with the ng-add alias, and dockerfile is visible', () => {
    const generators = read('generators.json').generators;
    expect(generators.init).toMatchObject({ hidden: true, aliases: ['ng-add'] });
    expect(generators.dockerfile.hidden).toBeUndefined();
  });

  it('the package main exports createNodes under both names', () => {
    expect(pkg.main).toBe('./dist/index.js');
    expect(main.createNodes[0]).toBe('**/Dockerfile');
    expect(main.createNodesV2).toBe(main.createNodes);
  });
});

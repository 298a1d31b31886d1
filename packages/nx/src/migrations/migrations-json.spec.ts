import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const pkgRoot = join(__dirname, '..', '..');
const migrations = JSON.parse(readFileSync(join(pkgRoot, 'migrations.json'), 'utf8')) as {
  generators: Record<string, { version: string; description: string; implementation: string; documentation?: string }>;
};
const packageJson = JSON.parse(readFileSync(join(pkgRoot, 'package.json'), 'utf8'));

describe('migrations.json', () => {
  const entries = Object.entries(migrations.generators);

  it('is what package.json points Nx at', () => {
    expect(packageJson['nx-migrations'].migrations).toBe('./migrations.json');
    expect(entries.length).toBeGreaterThanOrEqual(3);
  });

  it.each(entries)('%s has a valid version, a built implementation path with a default export, and its docs', async (_name, entry) => {
    expect(entry.version).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
    expect(entry.description.length).toBeGreaterThan(20);
    expect(entry.implementation).toMatch(/^\.\/dist\//);
    const source = join(pkgRoot, entry.implementation.replace(/^\.\/dist\//, 'src/') + '.ts');
    expect(existsSync(source)).toBe(true);
    expect(typeof (await import(source)).default).toBe('function');
    expect(existsSync(join(pkgRoot, entry.documentation!))).toBe(true);
    expect(existsSync(source.replace(/\.ts$/, '.spec.ts'))).toBe(true);
  });
});

import fc from 'fast-check';
import { memoryFileReader } from '../detect';
import { renderDockerignore } from '../render';
import { contextClosure } from './closure';
import { contextDockerignore, parseContextDockerignore } from './dockerignore';
import { contextFiles, dockerignoreMatcher } from './matcher';

const files = {
  'package.json': JSON.stringify({ name: 'ws', private: true }),
  'package-lock.json': '{}',
  'nx.json': '{}',
  'README.md': '# ws',
  '.dockerignore': 'node_modules',
  'node_modules/express/index.js': 'x',
  'apps/api/Dockerfile': 'FROM x',
  'apps/api/src/main.ts': 'x',
  'apps/api/node_modules/.bin/x': 'x',
  'apps/api/dist/main.js': 'x',
  'apps/web/src/main.ts': 'x',
  'libs/shared/index.ts': 'x',
  'libs/shared/node_modules/dep/index.js': 'x',
  'libs/ui/index.ts': 'x',
  'dist/docker/api/package.json': '{}',
  'dist/docker/api/package-lock.json': '{}',
  'dist/apps/api/main.js': 'x',
};

describe('contextDockerignore', () => {
  const fs = memoryFileReader(files);
  const closure = contextClosure(fs, { language: 'node', projectRoot: 'apps/api', dependencyRoots: ['libs/shared'], followManifests: false });
  const exclude = renderDockerignore({ language: 'node', buildCommand: 'npm run build', projectRoot: 'apps/api' });
  const text = contextDockerignore({ closure, exclude, keep: ['dist/docker/api'], label: 'api' });

  it('is an allowlist: everything out, the closure back in, exclusions inside it, prepared files last', () => {
    const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines.slice(0, 6)).toEqual(['*', '!apps/api/**', '!libs/shared/**', '!nx.json', '!package-lock.json', '!package.json']);
    expect(lines).toContain('**/node_modules');
    expect(lines.indexOf('**/node_modules')).toBeGreaterThan(lines.indexOf('!libs/shared/**'));
    expect(lines[lines.length - 1]).toBe('!dist/docker/api');
  });

  it('keeps exactly the closure minus node_modules and build output, plus the prepared manifests', () => {
    expect(contextFiles(fs, text)).toEqual([
      'apps/api/src/main.ts',
      'dist/docker/api/package-lock.json',
      'dist/docker/api/package.json',
      'libs/shared/index.ts',
      'nx.json',
      'package-lock.json',
      'package.json',
    ]);
  });

  it('a closure that is the whole context excludes nothing but the app ignore rules', () => {
    const whole = contextDockerignore({ closure: { folders: [''], files: [], outside: [] }, exclude: '**/node_modules\n' });
    expect(whole).not.toMatch(/^\*$/m);
    expect(contextFiles(fs, whole)).toContain('apps/web/src/main.ts');
    expect(contextFiles(fs, whole)).not.toContain('node_modules/express/index.js');
  });

  it('escapes wildcard characters in paths', () => {
    const odd = contextDockerignore({ closure: { folders: ['apps/[x]'], files: ['a*.json'], outside: [] } });
    expect(odd).toContain('!apps/\\[x\\]/**');
    expect(odd).toContain('!a\\*.json');
  });
});

describe('dockerignoreMatcher (Docker semantics)', () => {
  it('a pattern matches the path or any parent folder; the last match decides; ** spans folders', () => {
    const m = dockerignoreMatcher('*\n!apps/a/**\n**/node_modules\n!apps/a/node_modules/keep\n# comment\n');
    expect(m.excluded('apps/b/x')).toBe(true);
    expect(m.excluded('apps/a/x/y.ts')).toBe(false);
    expect(m.excluded('apps/a/node_modules/z/index.js')).toBe(true);
    expect(m.excluded('apps/a/node_modules/keep')).toBe(false);
    expect(m.excluded('README.md')).toBe(true);
  });

  it('single * stays inside one folder; ? matches one character; leading / and ./ are the context root', () => {
    const m = dockerignoreMatcher('/docs/*.md\n./lib?\n');
    expect(m.excluded('docs/a.md')).toBe(true);
    expect(m.excluded('docs/sub/a.md')).toBe(false);
    expect(m.excluded('lib1/x')).toBe(true);
    expect(m.excluded('lib12/x')).toBe(false);
  });

  it('tells whether a walk may skip an excluded folder', () => {
    const m = dockerignoreMatcher('*\n!apps/a/**\n!package.json\n');
    expect(m.mayIncludeUnder('node_modules')).toBe(false);
    expect(m.mayIncludeUnder('apps')).toBe(true);
    expect(m.mayIncludeUnder('apps/a/src')).toBe(true);
    expect(dockerignoreMatcher('*\n!**/keep\n').mayIncludeUnder('anything')).toBe(true);
  });
});

describe('per-app contexts are independent', () => {
  const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,7}$/);
  it('no app context holds a file of another app or of a library it does not use', () => {
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 2, maxLength: 6 }), fc.uniqueArray(name, { minLength: 1, maxLength: 4 }), fc.nat(), (apps, libs, seed) => {
        const tree: Record<string, string> = { 'package.json': '{}', 'package-lock.json': '{}' };
        for (const app of apps) tree[`apps/${app}/src/main.ts`] = app;
        for (const lib of libs) tree[`libs/${lib}/index.ts`] = lib;
        const fs = memoryFileReader(tree);
        for (const [i, app] of apps.entries()) {
          const used = libs.filter((_, j) => (seed >> ((i + j) % 16)) & 1);
          const closure = contextClosure(fs, { language: 'node', projectRoot: `apps/${app}`, dependencyRoots: used.map((l) => `libs/${l}`) });
          const inContext = contextFiles(fs, contextDockerignore({ closure, exclude: '**/node_modules' }));
          const expected = [`apps/${app}/src/main.ts`, ...used.map((l) => `libs/${l}/index.ts`), 'package-lock.json', 'package.json'].sort();
          expect(inContext).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseContextDockerignore', () => {
  it('reads back label, language, exclusions and kept paths; the same input renders the same text', () => {
    const input = {
      closure: { folders: ['apps/api'], files: ['package.json'], outside: [] },
      exclude: '**/node_modules\n# comment\ndist/apps/api\n',
      keep: ['dist/docker/apps/api'],
      label: 'api',
      language: 'node' as const,
    };
    const text = contextDockerignore(input);
    const parsed = parseContextDockerignore(text);
    expect(parsed).toEqual({ label: 'api', language: 'node', exclude: '**/node_modules\ndist/apps/api', keep: ['dist/docker/apps/api'] });
    expect(contextDockerignore({ ...input, ...parsed!, closure: input.closure })).toBe(text);
  });

  it('any other .dockerignore is not ours', () => {
    expect(parseContextDockerignore('node_modules\n')).toBeNull();
    expect(parseContextDockerignore('# Build context filter for the node app (generated by docker-ms)\n')).toBeNull();
  });
});

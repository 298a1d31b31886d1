import { listStages } from '../dockerfile';
import { lintDockerfile } from '../lint';
import { parseOptions } from '../options';
import { renderDockerfile, renderDockerignore } from './dockerfile';
import { contextFiles } from '../context';
import { memoryFileReader } from '../detect';

const base = { language: 'node', projectRoot: 'apps/api', buildCommand: 'npx nx run api:build', outputPath: 'dist/apps/api', entry: 'main.js' } as const;
const copies = (text: string, stage: string) => {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => l.endsWith(` AS ${stage}`));
  const end = lines.findIndex((l, i) => i > from && l.startsWith('FROM '));
  return lines.slice(from, end === -1 ? undefined : end).filter((l) => l.startsWith('COPY '));
};

describe('node manifestsPath (pruned manifests for the production install)', () => {
  it.each([
    ['npm', ['COPY dist/docker/apps/api/package.json dist/docker/apps/api/package-lock.json* dist/docker/apps/api/npm-shrinkwrap.json* ./']],
    ['pnpm', ['COPY dist/docker/apps/api/package.json dist/docker/apps/api/pnpm-lock.yaml* ./']],
    // the root's Yarn settings and committed plugins stay the workspace root's
    ['yarn', ['COPY dist/docker/apps/api/package.json dist/docker/apps/api/yarn.lock* .yarnrc.yml* ./']],
  ])('%s: prod-deps copies the pruned package.json and lockfile, the build still installs from the root', (packageManager, lines) => {
    const text = renderDockerfile({ ...base, packageManager: packageManager as 'npm', manifestsPath: 'dist/docker/apps/api/' });
    expect(copies(text, 'prod-deps')).toEqual(lines);
    expect(copies(text, 'deps')[0]).toMatch(/^COPY package\.json /);
    expect(listStages(text).at(-1)?.name).toBe('runtime');
    expect(lintDockerfile(text).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('without it nothing changes: both installs read the root manifests', () => {
    const text = renderDockerfile(base);
    expect(copies(text, 'prod-deps')).toEqual(copies(text, 'deps'));
    expect(text).not.toContain('dist/docker');
  });

  it('the .dockerignore keeps the pruned folder although build output under dist is excluded', () => {
    const ignore = renderDockerignore({ ...base, outputPath: undefined, entry: undefined, manifestsPath: 'dist/docker/apps/api' });
    const fs = memoryFileReader({
      'dist/docker/apps/api/package.json': '{}',
      'dist/docker/apps/api/package-lock.json': '{}',
      'dist/apps/api/main.js': '',
      'apps/api/src/main.ts': '',
    });
    expect(contextFiles(fs, ignore)).toEqual(['apps/api/src/main.ts', 'dist/docker/apps/api/package-lock.json', 'dist/docker/apps/api/package.json']);
  });

  it('is a node option: a relative path, rejected for other languages', () => {
    expect(() => parseOptions({ ...base, manifestsPath: '/abs' })).toThrow(/manifestsPath/);
    expect(() => parseOptions({ language: 'go', manifestsPath: 'dist/docker/x' })).toThrow(/manifestsPath/);
  });
});

describe('node workspaceManifests (npm/pnpm/yarn workspace members before the install)', () => {
  const members = { ...base, workspaceManifests: ['apps/api/package.json', 'libs/shared/package.json'] };

  it('each member manifest goes to its own folder before both installs', () => {
    const text = renderDockerfile(members);
    const expected = ['COPY apps/api/package.json apps/api/', 'COPY libs/shared/package.json libs/shared/'];
    expect(copies(text, 'deps').slice(1)).toEqual(expected);
    expect(copies(text, 'prod-deps').slice(1)).toEqual(expected);
    expect(lintDockerfile(text).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('with pruned manifests the production install does not take the members', () => {
    const text = renderDockerfile({ ...members, manifestsPath: 'dist/docker/apps/api' });
    expect(copies(text, 'deps')).toHaveLength(3);
    expect(copies(text, 'prod-deps')).toHaveLength(1);
  });

  it.each(['npm', 'pnpm', 'yarn'] as const)('%s: the runtime gets each member\'s node_modules (pnpm links dependencies there) and the libraries\' built packages', (packageManager) => {
    const text = renderDockerfile({ ...members, packageManager, workspaceRuntimePaths: ['libs/shared/package.json', 'libs/shared/dist'] });
    expect(text).toMatch(/ \\\n && mkdir -p node_modules apps\/api\/node_modules libs\/shared\/node_modules\n/);
    expect(copies(text, 'runtime').slice(0, 5)).toEqual([
      'COPY --from=prod-deps /app/node_modules ./node_modules',
      'COPY --from=prod-deps /app/apps/api/node_modules ./apps/api/node_modules',
      'COPY --from=prod-deps /app/libs/shared/node_modules ./libs/shared/node_modules',
      'COPY --from=build /app/libs/shared/package.json ./libs/shared/package.json',
      'COPY --from=build /app/libs/shared/dist ./libs/shared/dist',
    ]);
    expect(lintDockerfile(text).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('with pruned manifests the runtime takes only the pruned install: no member folders', () => {
    const text = renderDockerfile({ ...members, manifestsPath: 'dist/docker/apps/api', workspaceRuntimePaths: ['libs/shared/package.json', 'libs/shared/dist'] });
    expect(copies(text, 'runtime').filter((l) => l.includes('libs/shared') || l.includes('apps/api/node_modules'))).toEqual([]);
  });

  it('without members nothing is added', () => {
    expect(copies(renderDockerfile(base), 'runtime').filter((l) => l.includes('--from=prod-deps'))).toEqual(['COPY --from=prod-deps /app/node_modules ./node_modules']);
  });

  it('only package.json files, inside the context', () => {
    expect(() => parseOptions({ ...base, workspaceManifests: ['libs/shared/index.ts'] })).toThrow(/workspaceManifests.*package\.json/);
    expect(() => parseOptions({ ...base, workspaceManifests: ['../x/package.json'] })).toThrow(/workspaceManifests/);
    expect(() => parseOptions({ ...base, workspaceRuntimePaths: ['../x/dist'] })).toThrow(/workspaceRuntimePaths/);
  });
});

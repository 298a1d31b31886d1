import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildOptionsError } from './options';
import { BuildPlanError, planBuild } from './plan-build';

function workspace(dockerfile = 'FROM node:22 AS build\nFROM build AS test\nFROM node:22 AS runtime\n') {
  const root = mkdtempSync(join(tmpdir(), 'docker-ms-plan-'));
  mkdirSync(join(root, 'apps/api'), { recursive: true });
  writeFileSync(join(root, 'apps/api/Dockerfile'), dockerfile);
  return root;
}

describe('planBuild', () => {
  it('resolves the file, the default stage, the default tag and the metadata path once', () => {
    const cwd = workspace();
    const plan = planBuild({ context: 'apps/api', metadataFile: 'dist/m.json' }, { cwd });
    expect(plan.options).toMatchObject({ file: join(cwd, 'apps/api/Dockerfile'), target: 'runtime', tags: ['api:latest'], metadataFile: join(cwd, 'dist/m.json') });
    expect(plan.stages).toEqual(['build', 'test', 'runtime']);
    expect(plan.dockerfile.stages).toHaveLength(3);
  });

  it('a preferred stage applies only when the options name none and the Dockerfile has it', () => {
    const cwd = workspace();
    expect(planBuild({ context: 'apps/api' }, { cwd, preferredStage: 'test' }).options.target).toBe('test');
    expect(planBuild({ context: 'apps/api', target: 'build' }, { cwd, preferredStage: 'test' }).options.target).toBe('build');
    expect(planBuild({ context: 'apps/api' }, { cwd, preferredStage: 'production' }).options.target).toBe('runtime');
  });

  it('tagByStage tags a non-default stage <name>:<stage>, never over given tags or a push', () => {
    const cwd = workspace();
    expect(planBuild({ context: 'apps/api', target: 'build' }, { cwd, tagByStage: true }).options.tags).toEqual(['api:build']);
    expect(planBuild({ context: 'apps/api', target: 'runtime' }, { cwd, tagByStage: true }).options.tags).toEqual(['api:latest']);
    expect(planBuild({ context: 'apps/api', target: 'build' }, { cwd }).options.tags).toEqual(['api:latest']);
    expect(planBuild({ context: 'apps/api', target: 'build', tags: ['x:1'] }, { cwd, tagByStage: true }).options.tags).toEqual(['x:1']);
  });

  it('{name} in a tag is the image name: one tag per app when a monorepo run passes the same --tag to every app', () => {
    const cwd = workspace();
    expect(planBuild({ context: 'apps/api', tags: ['registry.example.com:5000/{name}:1.2.3'] }, { cwd }).options.tags).toEqual(['registry.example.com:5000/api:1.2.3']);
    expect(planBuild({ context: 'apps/api', name: 'acme/api', tags: ['{name}:ci', 'x:1'] }, { cwd }).options.tags).toEqual(['acme/api:ci', 'x:1']);
    expect(() => planBuild({ context: 'apps/api', tags: ['{nom}:1'] }, { cwd })).toThrow(BuildOptionsError);
  });

  it('an out-of-sync lockfile the Dockerfile copies is a BuildPlanError before anything runs, naming the command that fixes it', () => {
    const cwd = workspace('FROM node:22 AS deps\nCOPY package.json package-lock.json* ./\nRUN npm ci\n');
    writeFileSync(join(cwd, 'apps/api/package.json'), JSON.stringify({ name: 'api', dependencies: { express: '^5.1.0' } }));
    writeFileSync(join(cwd, 'apps/api/package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'api', dependencies: { express: '^4.21.2' } } } }));
    expect(() => planBuild({ context: 'apps/api' }, { cwd })).toThrow(BuildPlanError);
    expect(() => planBuild({ context: 'apps/api' }, { cwd })).toThrow(
      'package-lock.json is out of sync with package.json (package.json: express is ^5.1.0 in package.json but ^4.21.2 in the lockfile); the install in the image would refuse it: run `npm install` and commit package-lock.json',
    );
    writeFileSync(join(cwd, 'apps/api/package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'api', dependencies: { express: '^5.1.0' } } } }));
    expect(planBuild({ context: 'apps/api' }, { cwd }).stages).toEqual(['deps']);
  });

  it('bad options are a BuildOptionsError; a missing file or stage a BuildPlanError', () => {
    const cwd = workspace();
    const error = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e;
      }
      throw new Error('no error');
    };
    const bad = error(() => planBuild({ engine: 'kaniko' }, { cwd }));
    expect(bad).toBeInstanceOf(BuildOptionsError);
    expect(bad).not.toBeInstanceOf(BuildPlanError);
    expect(error(() => planBuild({ context: 'apps/web' }, { cwd }))).toBeInstanceOf(BuildPlanError);
    expect(error(() => planBuild({ context: 'apps/api', target: 'prod' }, { cwd }))).toBeInstanceOf(BuildPlanError);
  });
});

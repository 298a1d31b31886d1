import { BUILD_OPTION_ALIASES, parseBuildOptions } from '../engine/options';
import { BUILD_OPTION_RENAMES } from './build-option-renames';
import { renameOptionKeys, renameTargetOptions } from './rename-options';

describe('renameOptionKeys', () => {
  const renames = [{ from: 'build-args', to: 'buildArgs' }];

  it('moves the value to the new key', () => {
    const options: Record<string, unknown> = { 'build-args': { A: '1' }, push: true };
    expect(renameOptionKeys(options, renames)).toBe(true);
    expect(options).toEqual({ buildArgs: { A: '1' }, push: true });
  });

  it('keeps the new key when both are present', () => {
    const options: Record<string, unknown> = { 'build-args': { A: 'old' }, buildArgs: { A: 'new' } };
    expect(renameOptionKeys(options, renames)).toBe(true);
    expect(options).toEqual({ buildArgs: { A: 'new' } });
  });

  it('converts values when the rename asks for it', () => {
    const options: Record<string, unknown> = { 'cache-from': 'type=local,src=/c' };
    renameOptionKeys(options, [{ from: 'cache-from', to: 'cacheFrom', convert: (v) => (Array.isArray(v) ? v : [v]) }]);
    expect(options).toEqual({ cacheFrom: ['type=local,src=/c'] });
  });

  it('reports no change when there is nothing to rename', () => {
    const options = { buildArgs: {} };
    expect(renameOptionKeys(options, renames)).toBe(false);
    expect(renameOptionKeys(undefined, renames)).toBe(false);
    expect(options).toEqual({ buildArgs: {} });
  });
});

describe('renameTargetOptions', () => {
  it('renames in options and in every configuration', () => {
    const target = {
      executor: 'docker-ms:build',
      options: { 'build-args': { A: '1' } },
      configurations: { ci: { 'build-args': { A: '2' } }, dev: { push: false } },
    };
    expect(renameTargetOptions(target, [{ from: 'build-args', to: 'buildArgs' }])).toBe(true);
    expect(target).toEqual({
      executor: 'docker-ms:build',
      options: { buildArgs: { A: '1' } },
      configurations: { ci: { buildArgs: { A: '2' } }, dev: { push: false } },
    });
    expect(renameTargetOptions(target, [{ from: 'build-args', to: 'buildArgs' }])).toBe(false);
  });
});

describe('BUILD_OPTION_RENAMES', () => {
  it('covers every alias the engine accepts', () => {
    expect(Object.fromEntries(BUILD_OPTION_RENAMES.map((r) => [r.from, r.to]))).toEqual(BUILD_OPTION_ALIASES);
  });

  it('produces options the engine reads exactly like the old ones', () => {
    const old = { 'build-args': ['A=1', 'B=x=y'], 'cache-from': 'type=local,src=/c', 'no-cache': true };
    const renamed: Record<string, unknown> = { ...old };
    renameOptionKeys(renamed, BUILD_OPTION_RENAMES);
    expect(renamed).toEqual({ buildArgs: { A: '1', B: 'x=y' }, cacheFrom: 'type=local,src=/c', noCache: true });
    expect(parseBuildOptions(renamed)).toEqual(parseBuildOptions(old));
  });
});

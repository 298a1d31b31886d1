import { readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { snapshotFiles } from '../../utils/testing';
import { initGenerator } from './generator';

describe('init generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
  });

  it('registers the plugin with the default target name', async () => {
    await initGenerator(tree, { skipFormat: true });
    expect(readNxJson(tree)?.plugins).toEqual([{ plugin: 'docker-ms', options: { buildTargetName: 'docker-build' } }]);
  });

  it('keeps the plugins already registered and appends after them', async () => {
    updateNxJson(tree, { ...readNxJson(tree), plugins: ['@nx/js/typescript'] });
    await initGenerator(tree, { skipFormat: true, buildTargetName: 'container' });
    expect(readNxJson(tree)?.plugins).toEqual([
      '@nx/js/typescript',
      { plugin: 'docker-ms', options: { buildTargetName: 'container' } },
    ]);
  });

  it('adds nothing the second time', async () => {
    await initGenerator(tree, { skipFormat: true });
    const before = snapshotFiles(tree);
    await initGenerator(tree, { skipFormat: true, buildTargetName: 'other' });
    expect(snapshotFiles(tree)).toEqual(before);
  });

  it('treats the string form of an existing registration as registered', async () => {
    updateNxJson(tree, { ...readNxJson(tree), plugins: ['docker-ms'] });
    await initGenerator(tree, { skipFormat: true });
    expect(readNxJson(tree)?.plugins).toEqual(['docker-ms']);
  });

  it('rejects a target name Nx cannot run and names the flag', async () => {
    await expect(initGenerator(tree, { buildTargetName: 'a b' })).rejects.toThrow(/--buildTargetName/);
    expect(readNxJson(tree)?.plugins).toBeUndefined();
  });

  it('respects a workspace that turned inferred targets off', async () => {
    updateNxJson(tree, { ...readNxJson(tree), useInferencePlugins: false });
    await initGenerator(tree, { skipFormat: true });
    expect(readNxJson(tree)?.plugins).toBeUndefined();
  });

  it('writes valid nx.json when formatting is on', async () => {
    await initGenerator(tree, {});
    expect(tree.read('nx.json', 'utf-8')).toMatch(/"plugin": "docker-ms"/);
  });
});

import { addProjectConfiguration, logger, readJson, readNxJson, readProjectConfiguration, updateNxJson, writeJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { snapshotFiles } from '../../utils/testing';
import renameBuildOptions from './rename-build-options';

describe('rename-build-options (0.2.0)', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('renames in options and every configuration of docker-ms:build targets', async () => {
    addProjectConfiguration(tree, 'api', {
      root: 'apps/api',
      targets: {
        container: {
          executor: 'docker-ms:build',
          options: { file: 'apps/api/Dockerfile', 'build-args': ['NODE_ENV=production', 'A=b=c'], 'no-cache': true },
          configurations: { ci: { 'cache-from': ['type=gha'], 'cache-to': 'type=gha,mode=max' }, dev: { target: 'build' } },
        },
      },
    });
    await renameBuildOptions(tree);
    expect(readProjectConfiguration(tree, 'api').targets!.container).toEqual({
      executor: 'docker-ms:build',
      options: { file: 'apps/api/Dockerfile', buildArgs: { NODE_ENV: 'production', A: 'b=c' }, noCache: true },
      configurations: { ci: { cacheFrom: ['type=gha'], cacheTo: 'type=gha,mode=max' }, dev: { target: 'build' } },
    });
  });

  it('leaves targets of other executors with the same option names alone', async () => {
    const other = { executor: '@nx-tools/nx-container:build', options: { 'build-args': ['A=1'], 'cache-from': ['type=gha'] } };
    addProjectConfiguration(tree, 'web', { root: 'apps/web', targets: { container: other } });
    await renameBuildOptions(tree);
    expect(readProjectConfiguration(tree, 'web').targets!.container).toEqual(other);
  });

  it('renames in executor-less overrides of the inferred target, using the registered target name', async () => {
    updateNxJson(tree, { ...readNxJson(tree), plugins: [{ plugin: 'docker-ms', options: { buildTargetName: 'image' } }] });
    addProjectConfiguration(tree, 'api', {
      root: 'apps/api',
      targets: { image: { options: { 'no-cache': true } }, 'docker-build': { options: { 'no-cache': true } } },
    });
    await renameBuildOptions(tree);
    const targets = readProjectConfiguration(tree, 'api').targets!;
    expect(targets.image).toEqual({ options: { noCache: true } });
    expect(targets['docker-build']).toEqual({ options: { 'no-cache': true } });
  });

  it('renames in package.json-based projects', async () => {
    writeJson(tree, 'apps/svc/package.json', {
      name: 'svc',
      nx: { targets: { 'docker-build': { executor: 'docker-ms:build', options: { 'cache-to': 'type=inline' } } } },
    });
    await renameBuildOptions(tree);
    expect(readJson(tree, 'apps/svc/package.json').nx.targets['docker-build'].options).toEqual({ cacheTo: 'type=inline' });
  });

  it('renames in nx.json targetDefaults keyed by executor, by target name, in array form, and in plugin options', async () => {
    updateNxJson(tree, {
      ...readNxJson(tree),
      plugins: [{ plugin: 'docker-ms', options: { buildTargetName: 'docker-build', 'build-args': { A: '1' } } }, '@nx/js/typescript'],
      targetDefaults: {
        'docker-ms:build': { options: { 'no-cache': true }, configurations: { ci: { 'cache-from': 'type=gha' } } },
        container: { executor: 'docker-ms:build', options: { 'cache-to': 'type=inline' } },
        'docker-build': [{ filter: { projects: ['tag:api'] }, options: { 'build-args': ['X=1'] } }],
        publish: [{ filter: { executor: 'docker-ms:build' }, options: { 'no-cache': false } }],
        build: { executor: '@nx-tools/nx-container:build', options: { 'no-cache': true } },
      } as never,
    });
    await renameBuildOptions(tree);
    const nxJson = readNxJson(tree)!;
    expect(nxJson.targetDefaults).toEqual({
      'docker-ms:build': { options: { noCache: true }, configurations: { ci: { cacheFrom: 'type=gha' } } },
      container: { executor: 'docker-ms:build', options: { cacheTo: 'type=inline' } },
      'docker-build': [{ filter: { projects: ['tag:api'] }, options: { buildArgs: { X: '1' } } }],
      publish: [{ filter: { executor: 'docker-ms:build' }, options: { noCache: false } }],
      build: { executor: '@nx-tools/nx-container:build', options: { 'no-cache': true } },
    });
    expect(nxJson.plugins).toEqual([{ plugin: 'docker-ms', options: { buildTargetName: 'docker-build', buildArgs: { A: '1' } } }, '@nx/js/typescript']);
  });

  it('writes nothing when nothing uses an old name', async () => {
    addProjectConfiguration(tree, 'api', { root: 'apps/api', targets: { 'docker-build': { executor: 'docker-ms:build', options: { buildArgs: { A: '1' } } } } });
    updateNxJson(tree, { ...readNxJson(tree), targetDefaults: { 'docker-ms:build': { options: { noCache: true } } } });
    const changes = tree.listChanges().map((c) => [c.path, c.content?.toString()]);
    await renameBuildOptions(tree);
    expect(tree.listChanges().map((c) => [c.path, c.content?.toString()])).toEqual(changes);
  });

  it('running twice is a no-op', async () => {
    addProjectConfiguration(tree, 'api', { root: 'apps/api', targets: { 'docker-build': { executor: 'docker-ms:build', options: { 'build-args': ['A=1'] } } } });
    updateNxJson(tree, { ...readNxJson(tree), targetDefaults: { 'docker-ms:build': { options: { 'no-cache': true } } } });
    await renameBuildOptions(tree);
    const once = snapshotFiles(tree);
    await renameBuildOptions(tree);
    expect(snapshotFiles(tree)).toEqual(once);
  });
});

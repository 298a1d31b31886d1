import { addProjectConfiguration, logger, readNxJson, readProjectConfiguration, updateNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { treeBuildContext, treePathKind } from '../../utils/tree-file-reader';
import { dockerBuildTarget } from '../../utils/docker-build-target';
import { snapshotFiles } from '../../utils/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createNodes } from '../../plugins/plugin';
import useInferredDockerBuild, { inferredFor, residualTarget } from './use-inferred-docker-build';

const dockerfile = [
  'FROM node:22-bookworm-slim AS build',
  'WORKDIR /app',
  'COPY apps/api/package.json ./',
  'RUN npm install',
  'COPY apps/api/src ./src',
  '',
  'FROM gcr.io/distroless/nodejs22-debian12:nonroot AS runtime',
  'COPY --from=build /app /app',
  'USER 65532',
  'CMD ["/app/src/main.js"]',
  '',
].join('\n');

/** The target docker-ms 0.1.0's generator wrote when the plugin was not registered: what the plugin infers. */
function generatedTarget(tree: Tree, root: string) {
  const text = tree.read(`${root}/Dockerfile`, 'utf-8')!;
  return dockerBuildTarget({
    projectRoot: root,
    dockerfile: text,
    context: treeBuildContext(tree, text, root),
    dependsOn: 'build',
    kind: treePathKind(tree),
  });
}

function addApp(tree: Tree, name: string, targets: Record<string, object> = {}) {
  const root = `apps/${name}`;
  tree.write(`${root}/Dockerfile`, dockerfile.replace(/apps\/api/g, root));
  tree.write(`${root}/package.json`, JSON.stringify({ name }));
  tree.write(`${root}/src/main.js`, 'console.log(1)\n');
  addProjectConfiguration(tree, name, { root, targets: { 'docker-build': generatedTarget(tree, root), ...targets } });
}

describe('use-inferred-docker-build (0.2.0)', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('registers the plugin and deletes targets that only repeat what it infers', async () => {
    addApp(tree, 'api');
    await useInferredDockerBuild(tree);
    expect(readNxJson(tree)?.plugins).toEqual([{ plugin: 'docker-ms', options: { buildTargetName: 'docker-build' } }]);
    expect(readProjectConfiguration(tree, 'api').targets?.['docker-build']).toBeUndefined();
  });

  it('removes a target the generator wrote for a project without a build target (no dependsOn)', async () => {
    addApp(tree, 'api');
    const target = readProjectConfiguration(tree, 'api').targets!['docker-build'];
    delete target.dependsOn;
    target.inputs = (target.inputs ?? []).filter((i) => typeof i === 'string');
    tree.write('apps/api/project.json', JSON.stringify({ name: 'api', root: 'apps/api', targets: { 'docker-build': target } }));
    await useInferredDockerBuild(tree);
    expect(readProjectConfiguration(tree, 'api').targets?.['docker-build']).toBeUndefined();
  });

  it('keeps what differs as executor-less overrides', async () => {
    addApp(tree, 'api');
    const project = readProjectConfiguration(tree, 'api');
    const target = project.targets!['docker-build'];
    target.options = { ...target.options, tags: ['registry.local/api:1'], buildArgs: { A: '1' } };
    target.configurations = { ...target.configurations, ci: { push: true }, runtime: { target: 'runtime', noCache: true } };
    target.dependsOn = ['build', 'lint'];
    tree.write('apps/api/project.json', JSON.stringify({ name: 'api', root: 'apps/api', targets: { 'docker-build': target } }));

    await useInferredDockerBuild(tree);
    expect(readProjectConfiguration(tree, 'api').targets!['docker-build']).toEqual({
      options: { tags: ['registry.local/api:1'], buildArgs: { A: '1' } },
      configurations: { ci: { push: true }, runtime: { noCache: true } },
      dependsOn: ['build', 'lint'],
    });
  });

  it('compares under the new option names, whichever 0.2.0 migration runs first', async () => {
    addApp(tree, 'api');
    const target = readProjectConfiguration(tree, 'api').targets!['docker-build'];
    target.options = { ...target.options, 'build-args': ['A=1'] };
    tree.write('apps/api/project.json', JSON.stringify({ name: 'api', root: 'apps/api', targets: { 'docker-build': target } }));
    await useInferredDockerBuild(tree);
    expect(readProjectConfiguration(tree, 'api').targets!['docker-build']).toEqual({ options: { buildArgs: { A: '1' } } });
  });

  it('uses the name the workspace already gives its build targets', async () => {
    addApp(tree, 'api');
    addApp(tree, 'web');
    for (const name of ['api', 'web']) {
      const p = readProjectConfiguration(tree, name);
      p.targets = { container: p.targets!['docker-build'] };
      tree.write(`apps/${name}/project.json`, JSON.stringify({ name, root: `apps/${name}`, targets: p.targets }));
    }
    await useInferredDockerBuild(tree);
    expect(readNxJson(tree)?.plugins).toEqual([{ plugin: 'docker-ms', options: { buildTargetName: 'container' } }]);
    expect(readProjectConfiguration(tree, 'api').targets?.container).toBeUndefined();
  });

  it('keeps targets the plugin would not infer, and those named differently from the registered target', async () => {
    updateNxJson(tree, { ...readNxJson(tree), plugins: ['docker-ms'] });
    addApp(tree, 'api');
    const p = readProjectConfiguration(tree, 'api');
    const prod = { executor: 'docker-ms:build', options: { file: 'apps/api/Dockerfile.prod', context: '.' } };
    const named = { ...p.targets!['docker-build'] };
    tree.write('apps/api/project.json', JSON.stringify({ name: 'api', root: 'apps/api', targets: { 'docker-build': p.targets!['docker-build'], prod, image: named } }));
    const nextSteps = await useInferredDockerBuild(tree);
    const targets = readProjectConfiguration(tree, 'api').targets!;
    expect(targets.prod).toEqual(prod);
    expect(targets.image).toEqual(named);
    expect(targets['docker-build']).toBeUndefined();
    expect(readNxJson(tree)?.plugins).toEqual(['docker-ms']);
    expect(nextSteps).toEqual([
      'api:prod: kept, the plugin names its target "docker-build"',
      'api:image: kept, the plugin names its target "docker-build"',
    ]);
  });

  it('leaves other executors alone and writes nothing when there is no docker-ms:build target', async () => {
    addProjectConfiguration(tree, 'web', { root: 'apps/web', targets: { container: { executor: '@nx-tools/nx-container:build', options: { file: 'apps/web/Dockerfile' } } } });
    const changes = tree.listChanges().map((c) => [c.path, c.content?.toString()]);
    await useInferredDockerBuild(tree);
    expect(tree.listChanges().map((c) => [c.path, c.content?.toString()])).toEqual(changes);
    expect(readNxJson(tree)?.plugins).toBeUndefined();
  });

  it('running twice is a no-op', async () => {
    addApp(tree, 'api', { publish: { executor: 'nx:run-commands', options: { command: 'echo' } } });
    await useInferredDockerBuild(tree);
    const once = snapshotFiles(tree);
    await useInferredDockerBuild(tree);
    expect(snapshotFiles(tree)).toEqual(once);
    expect(readProjectConfiguration(tree, 'api').targets).toEqual({ publish: { executor: 'nx:run-commands', options: { command: 'echo' } } });
  });
});

describe('inferredFor', () => {
  it('computes exactly the target the plugin infers from the same files', async () => {
    const files: Record<string, string> = {
      'apps/api/Dockerfile': dockerfile,
      'apps/api/package.json': '{"name":"api"}',
      'apps/api/src/main.js': '',
    };
    const root = mkdtempSync(join(tmpdir(), 'docker-ms-inferred-'));
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    try {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
        tree.write(path, text);
      }
      const [[, result]] = await createNodes[1](['apps/api/Dockerfile'], {}, { workspaceRoot: root, nxJsonConfiguration: {} });
      const fromPlugin = result.projects?.['apps/api']?.targets?.['docker-build'];
      expect(inferredFor(tree, { root: 'apps/api' }, { executor: 'docker-ms:build', options: { file: 'apps/api/Dockerfile' } })).toEqual(fromPlugin);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('residualTarget', () => {
  it('treats a target without dependsOn as equal when only the dependent-outputs input differs', () => {
    const inferred = { executor: 'docker-ms:build', dependsOn: ['build'], inputs: ['{projectRoot}/Dockerfile', { dependentTasksOutputFiles: '**/*' }] };
    expect(residualTarget({ executor: 'docker-ms:build', inputs: ['{projectRoot}/Dockerfile'] }, inferred)).toEqual({});
    expect(residualTarget({ executor: 'docker-ms:build', dependsOn: [], inputs: ['{projectRoot}/Dockerfile'] }, inferred)).toEqual({
      dependsOn: [],
      inputs: ['{projectRoot}/Dockerfile'],
    });
  });

  it('drops the dependsOn ["build"] 0.1.0 wrote when the plugin infers none (a docker-ms Dockerfile builds in the image); keeps any other', () => {
    const inferred = { executor: 'docker-ms:build', inputs: ['{projectRoot}/Dockerfile'] };
    const old = { executor: 'docker-ms:build', dependsOn: ['build'], inputs: ['{projectRoot}/Dockerfile', { dependentTasksOutputFiles: '**/*' }] };
    expect(residualTarget(old, inferred)).toEqual({});
    expect(residualTarget({ ...old, dependsOn: ['build', 'lint'] }, inferred)).toEqual({ dependsOn: ['build', 'lint'], inputs: old.inputs });
  });

  it("drops metadata a docker-ms generator wrote, keeps anyone else's", () => {
    const inferred = { metadata: { technologies: ['docker'], description: 'Build apps/api/Dockerfile (new wording)' } };
    expect(residualTarget({ metadata: { technologies: ['docker'], description: 'old wording' } }, inferred)).toEqual({});
    expect(residualTarget({ metadata: { technologies: ['docker'], owner: 'team-a' } }, inferred)).toEqual({ metadata: { technologies: ['docker'], owner: 'team-a' } });
  });

  it('drops what equals the inferred target, key by key', () => {
    const inferred = { executor: 'docker-ms:build', options: { file: 'a/Dockerfile', context: '.' }, configurations: { build: { target: 'build' } }, outputs: ['x'] };
    expect(residualTarget({ ...inferred, options: { context: '.', file: 'a/Dockerfile' } }, inferred)).toEqual({});
    expect(residualTarget({ executor: 'docker-ms:build', options: { context: 'a' }, outputs: ['y'] }, inferred)).toEqual({ options: { context: 'a' }, outputs: ['y'] });
  });
});

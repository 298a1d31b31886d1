import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CreateNodesContext } from '@nx/devkit';
import { createNodes } from './plugin';

describe('createNodes: docker-lint target', () => {
  let root: string;
  let context: CreateNodesContext;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docker-ms-lint-target-'));
    context = { workspaceRoot: root, nxJsonConfiguration: {} };
    write('nx.json', '{}');
    write('apps/api/package.json', '{"name":"api"}');
    write('apps/api/Dockerfile', 'FROM node:22-bookworm-slim AS runtime\nUSER 65532\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('infers docker-lint next to docker-build, cached on the Dockerfile and the version files', async () => {
    const [[, result]] = await createNodes[1](['apps/api/Dockerfile'], {}, context);
    const targets = result.projects?.['apps/api']?.targets ?? {};
    expect(Object.keys(targets)).toEqual(['docker-build', 'docker-lint']);
    const lint = targets['docker-lint'];
    expect(lint.executor).toBe('docker-ms:lint');
    expect(lint.options).toEqual({ file: 'apps/api/Dockerfile' });
    expect(lint.cache).toBe(true);
    expect(lint.inputs).toEqual(expect.arrayContaining(['{projectRoot}/Dockerfile', '{projectRoot}/.nvmrc', '{workspaceRoot}/.nvmrc', '{projectRoot}/go.mod', '{projectRoot}/pom.xml']));
  });

  it('takes its name from lintTargetName', async () => {
    const [[, result]] = await createNodes[1](['apps/api/Dockerfile'], { lintTargetName: 'lint-docker' }, context);
    expect(Object.keys(result.projects?.['apps/api']?.targets ?? {})).toEqual(['docker-build', 'lint-docker']);
  });

  it('lints a workspace-root Dockerfile without duplicate inputs', async () => {
    write('project.json', '{"name":"ws"}');
    write('Dockerfile', 'FROM node:22-bookworm-slim AS runtime\nUSER 65532\n');
    const [[, result]] = await createNodes[1](['Dockerfile'], {}, context);
    const lint = result.projects?.['.']?.targets?.['docker-lint'];
    expect(lint?.options).toEqual({ file: 'Dockerfile' });
    expect(lint?.inputs?.some((i) => String(i).startsWith('{workspaceRoot}'))).toBe(false);
  });
});

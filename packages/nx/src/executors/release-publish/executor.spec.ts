import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logger, type ExecutorContext } from '@nx/devkit';
// The engine's only process boundary; the executor and core's release run for real.
import * as spawn from '../../../../core/src/engine/spawn';
import releasePublishExecutor from './executor';

jest.mock('../../../../core/src/engine/spawn');
const run = jest.mocked(spawn.run);
const findExecutable = jest.mocked(spawn.findExecutable);

describe('docker-ms:release-publish executor', () => {
  let root: string;
  let lines: string[];
  const context = (): ExecutorContext => ({
    root, cwd: root, isVerbose: false, projectName: 'api', targetName: 'nx-release-publish',
    projectsConfigurations: { version: 2, projects: { api: { root: 'apps/api' } } },
    nxJsonConfiguration: {}, projectGraph: { nodes: {}, dependencies: {} },
  });
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docker-ms-release-'));
    mkdirSync(join(root, 'apps/api'), { recursive: true });
    lines = [];
    jest.spyOn(logger, 'info').mockImplementation((line) => void lines.push(String(line)));
    findExecutable.mockImplementation((name) => (name === 'docker' ? '/usr/bin/docker' : null));
    run.mockImplementation(async (command, args) => {
      if (command === 'git') return { code: 0, stdout: '3f9a2c1d0e5b6a7980aabbccddeeff0011223344\n', stderr: '' };
      if (args[0] === 'version') return { code: 0, stdout: '20.10.24\n', stderr: '' };
      return { code: 1, stdout: '', stderr: 'unexpected' };
    });
  });

  it("releases <project>:latest as the project's release version (its package.json), dry run", async () => {
    writeFileSync(join(root, 'apps/api/package.json'), JSON.stringify({ name: 'api', version: '2.3.4' }));
    await expect(releasePublishExecutor({ repository: 'registry.example.com/api', dryRun: true }, context())).resolves.toEqual({ success: true });
    expect(lines).toEqual([
      'dry run: release api:latest as version 2.3.4',
      'dry run: /usr/bin/docker tag api:latest registry.example.com/api:2.3.4',
      'dry run: /usr/bin/docker push registry.example.com/api:2.3.4',
    ]);
  });

  it('nx release hands on the version it just set, and npm flags that mean nothing here', async () => {
    writeFileSync(join(root, 'apps/api/package.json'), JSON.stringify({ name: 'api', version: '2.3.4' }));
    const options = { repository: 'registry.example.com/api', dryRun: true, firstRelease: true, tag: 'next', nxReleaseVersionData: { api: { currentVersion: '2.3.4', newVersion: '2.4.0' } } };
    await expect(releasePublishExecutor(options as never, context())).resolves.toEqual({ success: true });
    expect(lines[0]).toBe('dry run: release api:latest as version 2.4.0');
  });

  it('a scheme with the commit; no release version is one line', async () => {
    await releasePublishExecutor({ repository: 'registry.example.com/api', versionScheme: 'git-{shortCommitSha}', dryRun: true }, context());
    expect(lines[0]).toBe('dry run: release api:latest as version git-3f9a2c1');
    lines = [];
    await expect(releasePublishExecutor({ repository: 'registry.example.com/api', dryRun: true }, context())).resolves.toEqual({ success: false });
    expect(lines).toEqual([expect.stringMatching(/^versionScheme: \{projectVersion\} needs the project's release version/)]);
  });
});

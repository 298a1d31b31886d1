import * as spawn from '../engine/spawn';
import { releaseImage } from './publish';
import { formatDate, resolveVersion } from './version-scheme';

jest.mock('../engine/spawn');
const run = jest.mocked(spawn.run);
const findExecutable = jest.mocked(spawn.findExecutable);

const NOW = new Date('2026-12-01T15:04:05Z');
const SHA = '3f9a2c1d0e5b6a7980aabbccddeeff0011223344';

describe('resolveVersion', () => {
  it('fills @nx/docker-style schemes', () => {
    expect(resolveVersion('{currentDate|YYMM.DD}.{shortCommitSha}', { now: NOW, commitSha: SHA })).toBe('2612.01.3f9a2c1');
    expect(resolveVersion('{projectVersion}', { now: NOW, projectVersion: '1.4.0' })).toBe('1.4.0');
    expect(resolveVersion('v{projectVersion}-{commitSha}', { now: NOW, projectVersion: '2.0.0', commitSha: SHA })).toBe(`v2.0.0-${SHA}`);
    expect(formatDate(NOW, 'YYYY-MM-DD.HHmmss')).toBe('2026-12-01.150405');
  });

  it('one line for an unknown token or a missing fact', () => {
    expect(() => resolveVersion('{date}', { now: NOW })).toThrow('versionScheme: unknown token {date} (known: {currentDate|FORMAT}, {shortCommitSha}, {commitSha}, {projectVersion})');
    expect(() => resolveVersion('{projectVersion}', { now: NOW })).toThrow(/needs the project's release version .*run nx release version first, or pass version/);
    expect(() => resolveVersion('{shortCommitSha}', { now: NOW })).toThrow(/needs a git checkout/);
  });
});

describe('releaseImage', () => {
  let calls: string[][];
  let lines: string[];
  const log = (line: string) => lines.push(line);
  beforeEach(() => {
    calls = [];
    lines = [];
    findExecutable.mockImplementation((name) => (name === 'docker' ? '/usr/bin/docker' : null));
    run.mockImplementation(async (command, args) => {
      calls.push([command, ...args]);
      if (args[0] === 'version') return { code: 0, stdout: '20.10.24\n', stderr: '' };
      if (args[0] === 'buildx') return { code: 1, stdout: '', stderr: 'no buildx' };
      if (args[0] === 'image') return args.at(-1) === 'api:latest' ? { code: 0, stdout: 'sha256:1\n', stderr: '' } : { code: 1, stdout: '', stderr: 'No such image' };
      if (args[0] === 'tag' || args[0] === 'push') return { code: 0, stdout: '', stderr: '' };
      return { code: 127, stdout: '', stderr: 'unexpected' };
    });
  });
  const facts = { now: NOW, commitSha: SHA, projectVersion: '1.2.0' };
  const steps = () => calls.filter((c) => c[1] === 'tag' || c[1] === 'push').map((c) => c.slice(1).join(' '));

  it('tags the local image with the version and extra tags in the repository and pushes each', async () => {
    const result = await releaseImage({ repository: '127.0.0.1:5000/api', extraTags: ['latest'] }, { name: 'api', facts, log });
    expect(result).toEqual({ success: true, version: '1.2.0', refs: ['127.0.0.1:5000/api:1.2.0', '127.0.0.1:5000/api:latest'] });
    expect(steps()).toEqual([
      'tag api:latest 127.0.0.1:5000/api:1.2.0', 'push 127.0.0.1:5000/api:1.2.0',
      'tag api:latest 127.0.0.1:5000/api:latest', 'push 127.0.0.1:5000/api:latest',
    ]);
    expect(lines.at(-1)).toBe('released api:latest as 127.0.0.1:5000/api:1.2.0, 127.0.0.1:5000/api:latest');
  });

  it('dry run prints every tag and push and runs none', async () => {
    const result = await releaseImage({ repository: 'registry.example.com/team/api', versionScheme: '{currentDate|YYMM.DD}.{shortCommitSha}', dryRun: true }, { name: 'api', facts, log });
    expect(result.success).toBe(true);
    expect(steps()).toEqual([]);
    expect(lines).toEqual([
      'dry run: release api:latest as version 2612.01.3f9a2c1',
      'dry run: /usr/bin/docker tag api:latest registry.example.com/team/api:2612.01.3f9a2c1',
      'dry run: /usr/bin/docker push registry.example.com/team/api:2612.01.3f9a2c1',
    ]);
  });

  it('refuses what it cannot release, one line, nothing pushed', async () => {
    expect((await releaseImage({ repository: 'r.example.com/web' }, { name: 'web', facts, log })).success).toBe(false);
    expect(lines).toEqual(['image: web:latest is not in the local image store; build it first (nx run <project>:docker-build, docker-ms build) or name it with image']);
    lines = [];
    expect((await releaseImage({ repository: 'r.example.com/Api' }, { name: 'api', facts, log })).success).toBe(false);
    expect(lines).toEqual([`repository/version: tag "r.example.com/Api:1.2.0": repository names must be lowercase ('Api' → 'api')`]);
    lines = [];
    expect((await releaseImage({}, { name: 'api', facts, log })).success).toBe(false);
    expect(lines[0]).toMatch(/^repository: /);
    expect(steps()).toEqual([]);
  });
});

import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { rememberingProbe } from './remembering-probe';
import type { EngineProbe } from './resolve';

describe('rememberingProbe', () => {
  let dir: string;
  let client: string;
  let home: string;
  let calls: string[];
  const machine: EngineProbe = {
    which: () => client,
    run: async (command, args) => {
      calls.push(args.join(' '));
      return args[0] === 'buildx' ? { code: 1, stdout: '', stderr: 'not a docker command' } : { code: 0, stdout: '20.10.24\n', stderr: '' };
    },
  };
  const file = () => join(dir, 'cache/engine-probes.json');
  const probe = (now = () => 1_000_000) => rememberingProbe(file(), machine, { HOME: home }, now);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'docker-ms-probe-'));
    client = join(dir, 'docker');
    home = join(dir, 'home');
    writeFileSync(client, '#!/bin/sh\n');
    chmodSync(client, 0o755);
    calls = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('asks each client once, later runs read the answers back', async () => {
    const first = probe();
    expect(await first.run(client, ['version', '--format', '{{.Client.Version}}'])).toMatchObject({ code: 0, stdout: '20.10.24\n' });
    expect(await first.run(client, ['buildx', 'version'])).toMatchObject({ code: 1 });
    const again = probe();
    expect(await again.run(client, ['version', '--format', '{{.Client.Version}}'])).toMatchObject({ stdout: '20.10.24\n' });
    expect(await again.run(client, ['buildx', 'version'])).toMatchObject({ code: 1 });
    expect(calls).toEqual(['version --format {{.Client.Version}}', 'buildx version']);
  });

  it('asks again when the client binary changes (an upgrade)', async () => {
    await probe().run(client, ['version']);
    utimesSync(client, new Date(2030, 0, 1), new Date(2030, 0, 1));
    await probe().run(client, ['version']);
    expect(calls).toEqual(['version', 'version']);
  });

  it('asks buildx again when the plugin appears in the user\'s cli-plugins folder', async () => {
    await probe().run(client, ['buildx', 'version']);
    mkdirSync(join(home, '.docker/cli-plugins'), { recursive: true });
    writeFileSync(join(home, '.docker/cli-plugins/docker-buildx'), 'plugin');
    await probe().run(client, ['buildx', 'version']);
    expect(calls).toEqual(['buildx version', 'buildx version']);
  });

  it('forgets answers after a day, and never keeps a client that did not start', async () => {
    await probe(() => 0).run(client, ['version']);
    await probe(() => 25 * 3600_000).run(client, ['version']);
    expect(calls).toEqual(['version', 'version']);
    const failing = rememberingProbe(file(), { which: () => null, run: async () => ({ code: -1, stdout: '', stderr: 'ENOENT' }) }, { HOME: home });
    await failing.run('/nowhere/docker', ['version']);
    expect(JSON.parse(readFileSync(file(), 'utf8'))).not.toHaveProperty(['/nowhere/docker version']);
  });

  it('a cache file it cannot read or write is no cache, never an error', async () => {
    mkdirSync(dirname(file()), { recursive: true });
    writeFileSync(file(), '{not json');
    await expect(probe().run(client, ['version'])).resolves.toMatchObject({ code: 0 });
    const unwritable = rememberingProbe(join(client, 'below-a-file.json'), machine, { HOME: home });
    await expect(unwritable.run(client, ['version'])).resolves.toMatchObject({ code: 0 });
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOptions, type OptionsFor } from '../../options';
import { renderDockerfile } from '../dockerfile';
import { lintDockerfile } from '../../lint';
import { nodeInstallData } from './node';

/**
 * Yarn's docs: `yarn workspaces focus --all --production` replicates Yarn 1's `yarn install --production`; it comes
 * from the workspace-tools plugin, built into Yarn only from 4.0 (yarnpkg.com/api/plugin-workspace-tools). The
 * production install step runs here under sh with a stand-in `yarn` that reports a version and records its arguments.
 */
describe('Yarn 2/3 production install needs the committed workspace-tools plugin; Yarn 4 has it built in', () => {
  const installProd = (version?: string) => {
    const o = parseOptions({ language: 'node', packageManager: 'yarn', ...(version ? { packageManagerVersion: version } : {}) }) as OptionsFor<'node'>;
    return nodeInstallData(o, { build: { version: '24', flavor: 'debian' } as never }).pm.installProd;
  };
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'yarn-berry-'));
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'yarn'), '#!/bin/sh\nif [ "$1" = --version ]; then echo "$FAKE_YARN_VERSION"; exit 0; fi\necho "$@" >> calls\n');
    chmodSync(join(dir, 'bin', 'yarn'), 0o755);
    writeFileSync(join(dir, 'yarn.lock'), '');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const run = (version: string, pinned?: string) =>
    spawnSync('sh', ['-c', installProd(pinned)], { cwd: dir, encoding: 'utf8', env: { PATH: `${join(dir, 'bin')}:${process.env.PATH}`, FAKE_YARN_VERSION: version } });
  const calls = () => { try { return readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n'); } catch { return []; } };
  const withPlugin = () => {
    mkdirSync(join(dir, '.yarn/plugins/@yarnpkg'), { recursive: true });
    writeFileSync(join(dir, '.yarn/plugins/@yarnpkg/plugin-workspace-tools.cjs'), '');
    writeFileSync(join(dir, '.yarnrc.yml'), 'plugins:\n  - path: .yarn/plugins/@yarnpkg/plugin-workspace-tools.cjs\n    spec: "@yarnpkg/plugin-workspace-tools"\n');
  };

  it.each(['2.4.3', '3.8.7'])('Yarn %s without the plugin: one line naming `yarn plugin import workspace-tools`, exit != 0, no install', (version) => {
    writeFileSync(join(dir, '.yarnrc.yml'), 'nodeLinker: node-modules\n');
    const r = run(version, version);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([
      `Yarn ${version} needs the workspace-tools plugin for its production install: run "yarn plugin import workspace-tools" and commit .yarnrc.yml and .yarn/plugins`,
    ]);
    expect(calls()).toEqual([]);
  });

  it.each(['2.4.3', '3.8.7'])('Yarn %s with the committed plugin: yarn workspaces focus --all --production', (version) => {
    withPlugin();
    const r = run(version, version);
    expect(r.status).toBe(0);
    expect(calls()).toEqual(['workspaces focus --all --production']);
  });

  it('Yarn 4: built-in focus, no plugin needed', () => {
    const r = run('4.5.3', '4.5.3');
    expect(r.status).toBe(0);
    expect(calls()).toEqual(['workspaces focus --all --production']);
  });

  it('Yarn 1: the classic production install', () => {
    const r = run('1.22.22', '1.22.22');
    expect(r.status).toBe(0);
    expect(calls()).toEqual(['install --frozen-lockfile --production']);
  });

  it.each(['2.4.3', '3.8.7', '4.5.3', undefined])('pinned %s: both installs copy .yarnrc.yml and the committed .yarn/plugins (when present)', (version) => {
    const text = renderDockerfile({ language: 'node', packageManager: 'yarn', yarnPlugins: '.yarn/plugins', ...(version ? { packageManagerVersion: version } : {}) });
    for (const stage of ['deps', 'prod-deps']) {
      const lines = text.split('\n');
      const from = lines.indexOf(lines.find((l) => l.endsWith(` AS ${stage}`))!);
      const copies = lines.slice(from + 1, lines.findIndex((l, i) => i > from && l.startsWith('RUN '))).filter((l) => l.startsWith('COPY '));
      expect(copies[0].split(' ')).toContain('.yarnrc.yml*');
      expect(copies).toContain('COPY .yarn/plugins ./.yarn/plugins/');
    }
    expect(lintDockerfile(text).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('no committed plugins: no .yarn/plugins copy (a COPY whose only source matches nothing fails the build)', () => {
    expect(renderDockerfile({ language: 'node', packageManager: 'yarn', packageManagerVersion: '3.8.7' })).not.toContain('COPY .yarn/plugin');
    expect(renderDockerfile({ language: 'node', packageManager: 'yarn', packageManagerVersion: '1.22.22' })).not.toContain('COPY .yarn/plugin');
  });
});

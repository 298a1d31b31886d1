import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addManagedHeader, coreVersion, isUntouched } from '../../managed';
import * as spawn from '../../engine/spawn';
import { migrateCommand } from './migrate';

jest.mock('../../engine/spawn');
const run = jest.mocked(spawn.run);
const findExecutable = jest.mocked(spawn.findExecutable);

const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'b'.repeat(64)}`;
const BASE = '127.0.0.1:5000/mirror/golang:1.26-trixie';
const pinned = (digest: string) => addManagedHeader(`FROM ${BASE}@${digest} AS build\nRUN go build\nFROM build AS runtime\nUSER 65532\n`, coreVersion());

describe('docker-ms migrate: files pinned by digest', () => {
  let root: string;
  let registry: Record<string, string>;
  const read = () => readFileSync(join(root, 'apps/api/Dockerfile'), 'utf8');
  async function migrate(args: string[] = []) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await migrateCommand.run(args, { cwd: root, env: {}, out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docker-ms-migrate-pins-'));
    writeFileSync(join(root, 'package.json'), '{"name":"ws","private":true}');
    mkdirSync(join(root, 'apps/api'), { recursive: true });
    writeFileSync(join(root, 'apps/api/Dockerfile'), pinned(OLD));
    registry = { [BASE]: NEW };
    // Debian's docker 20.10 client without buildx; its manifest inspect answers from `registry`
    findExecutable.mockImplementation((name) => (name.endsWith('docker') ? '/usr/bin/docker' : null));
    run.mockImplementation(async (_command, args) => {
      if (args[0] === 'version') return { code: 0, stdout: '20.10.24\n', stderr: '' };
      if (args[0] === 'buildx') return { code: 1, stdout: '', stderr: "docker: 'buildx' is not a docker command." };
      if (args[0] === 'manifest') {
        const digest = registry[args.at(-1) as string];
        return digest ? { code: 0, stdout: JSON.stringify({ Descriptor: { digest } }), stderr: '' } : { code: 1, stdout: '', stderr: `no such manifest: ${args.at(-1)}` };
      }
      if (args[0] === 'image') return { code: 0, stdout: '[]\n', stderr: '' };
      throw new Error(`unexpected docker ${args.join(' ')}`);
    });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('re-resolves every digest, writes the new one and reports the change', async () => {
    const dry = await migrate(['--dry-run']);
    expect(dry.out[0]).toBe(`would update apps/api/Dockerfile: digests line 2: ${BASE} sha256:aaaaaaaaaaaa → sha256:bbbbbbbbbbbb (registry)`);
    expect(read()).toBe(pinned(OLD));
    const { code, out } = await migrate();
    expect(code).toBe(0);
    expect(out[0]).toBe(`updated apps/api/Dockerfile: digests line 2: ${BASE} sha256:aaaaaaaaaaaa → sha256:bbbbbbbbbbbb (registry)`);
    expect(read()).toContain(`FROM ${BASE}@${NEW} AS build`);
    expect(isUntouched(read())).toBe(true);
    expect((await migrate()).out).toEqual([`docker-ms ${coreVersion()}: updated 0, skipped 0, already current 1 of 1 Dockerfile(s)`]);
  });

  it('an image without a digest: one line naming it, exit 1, nothing written', async () => {
    registry = {};
    const { code, out, err } = await migrate();
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([expect.stringMatching(new RegExp(`^pinDigests: no digest for ${BASE.replace(/[.]/g, '\\.')}: the registry did not give one \\(no such manifest: .*\\); docker pull `)), 'nothing written']);
    expect(read()).toBe(pinned(OLD));
  });
});

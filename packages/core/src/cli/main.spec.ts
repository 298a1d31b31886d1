import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectProject } from '../detect';
import * as spawn from '../engine/spawn';
import { buildKitFeatures, listStages } from '../dockerfile';
import { main } from './main';
import { cliCommands, registerCommand } from './index';

/** The inputs-hash label of a build command (its value is up-to-date.spec.ts's business); '' when absent. */
const inputsHashOf = (text: string) => /dev\.docker-ms\.inputs=([0-9a-f]{32})/.exec(text)?.[1] ?? '';

jest.mock('../engine/spawn');

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'docker-ms-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const NODE_APP = {
  'package.json': JSON.stringify({ name: 'ws', private: true, workspaces: ['apps/*'] }),
  'package-lock.json': JSON.stringify({ lockfileVersion: 3 }),
  'apps/api/package.json': JSON.stringify({ name: 'api', version: '1.0.0', main: 'server.js', engines: { node: '>=22' } }),
  'apps/api/server.js': 'require("http").createServer((q, s) => s.end("ok")).listen(3000);\n',
};

async function cli(argv: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { cwd, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('docker-ms CLI', () => {
  describe('help and usage errors', () => {
    it('--help lists every command and exits 0; no command exits 2', async () => {
      const help = await cli(['--help'], tmpdir());
      expect(help.code).toBe(0);
      for (const name of ['detect', 'dockerfile', 'build', 'lint']) expect(help.out).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
      expect((await cli([], tmpdir())).code).toBe(2);
    });

    it('prints per-command help', async () => {
      const { code, out } = await cli(['build', '--help'], tmpdir());
      expect(code).toBe(0);
      expect(out).toMatch(/^Usage: docker-ms build <dir>/);
      expect(out).toMatch(/^  --cache-from <value> +cache sources: .*\(repeatable\)$/m);
      expect(out).toMatch(/^  --git-labels +add org\.opencontainers.* \(on by default; --no-git-labels turns it off\)$/m);
      expect((await cli(['dockerfile', '--help'], tmpdir())).out).toMatch(/^  --cache-mounts +Use BuildKit cache mounts/m);
      expect((await cli(['help', 'lint'], tmpdir())).out).toMatch(/^Usage: docker-ms lint/);
    });

    it('unknown command or option: one line naming it, exit 2', async () => {
      expect(await cli(['deploy'], tmpdir())).toMatchObject({ code: 2, err: expect.stringMatching(/^unknown command 'deploy'; commands: detect, dockerfile, build, lint/) });
      const r = await cli(['detect', '.', '--jsn'], tmpdir());
      expect(r).toMatchObject({ code: 2, err: 'unknown option --jsn for docker-ms detect; did you mean --json? (see docker-ms detect --help)' });
    });

    it('suggests the flag, enum value or stage a typo meant', async () => {
      const root = workspace({ 'apps/api/Dockerfile': 'FROM node:22 AS build\nFROM node:22-slim AS runtime\nUSER 1000\n', 'apps/app/package.json': '{}' });
      expect((await cli(['build', 'apps/api', '--tagg', 'x:1'], root)).err).toBe('unknown option --tagg for docker-ms build; did you mean --tag? (see docker-ms build --help)');
      expect((await cli(['build', 'apps/api', '--engine', 'dockr'], root)).err).toMatch(/^--engine: must be one of .* \(got "dockr"; did you mean 'docker'\?\)$/);
      expect((await cli(['build', 'apps/api', '--progress', 'ttty'], root)).err).toMatch(/^--progress: must be one of auto, tty, plain, quiet \(got "ttty"; did you mean 'tty'\?\)$/);
      expect((await cli(['build', 'apps/api', '--target', 'biuld', '--dry-run'], root)).err).toMatch(/^--target: 'biuld' is not a stage of .*; did you mean 'build'\? \(stages: build, runtime\)$/);
      expect((await cli(['detect', 'apps/app', '--language', 'pyhton'], root)).err).toBe(`--language: must be one of node, python, go, rust, java (got "pyhton"; did you mean 'python'?)`);
      expect((await cli(['dockerfile', 'apps/app', '--language', 'pyhton'], root)).err).toContain(`did you mean 'python'?`);
      expect((await cli(['build', 'apps/app'], root)).err).toMatch(/^--file: no Dockerfile at .*apps\/app\/Dockerfile; name the right one/);
      const empty = workspace({});
      mkdirSync(join(empty, 'empty'));
      expect((await cli(['detect', 'empty'], empty)).err).toBe(`${join(empty, 'empty')} is an empty folder; pass the folder that holds the app`);
    });

    it('a registered command runs and shows in help (how init and migrate plug in)', async () => {
      const seen: string[][] = [];
      registerCommand({ name: 'hello-test', summary: 'test command', help: 'Usage: hello-test', run: async (args) => (seen.push(args), 3) });
      expect((await cli(['hello-test', 'a', '--b'], tmpdir())).code).toBe(3);
      expect(seen).toEqual([['a', '--b']]);
      expect((await cli(['--help'], tmpdir())).out).toContain('hello-test  test command');
      cliCommands.delete('hello-test');
    });
  });

  describe('detect', () => {
    it('--json prints exactly the Detection', async () => {
      const root = workspace(NODE_APP);
      const { code, out } = await cli(['detect', 'apps/api', '--json'], root);
      expect(code).toBe(0);
      expect(JSON.parse(out)).toEqual(detectProject(join(root, 'apps/api'), { workspaceRoot: root }));
      expect(JSON.parse(out)).toMatchObject({ language: 'node', packageManager: 'npm', runtimeVersion: '26', entry: 'server.js' });
    });

    it('finds the workspace root (lockfile there) from a nested cwd', async () => {
      const root = workspace(NODE_APP);
      const { out } = await cli(['detect', '--json'], join(root, 'apps/api'));
      expect(JSON.parse(out).evidence.join('\n')).toMatch(/package-lock\.json \(workspace root\)/);
    });

    it('prints a readable summary without --json', async () => {
      const { out } = await cli(['detect', 'apps/api'], workspace(NODE_APP));
      expect(out).toMatch(/^language: +node$/m);
      expect(out).toMatch(/^evidence:$/m);
    });

    it('an undetectable folder exits 2 (an input problem) with the hint to pass --language', async () => {
      const root = workspace({ 'empty/README.md': '# nothing\n' });
      const r = await cli(['detect', 'empty'], root);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--language');
      expect((await cli(['detect', 'empty', '--language', 'cobol'], root)).err).toBe('--language: must be one of node, python, go, rust, java (got "cobol")');
    });
  });

  describe('dockerfile', () => {
    it('prints by default and writes nothing', async () => {
      const root = workspace(NODE_APP);
      const { code, out } = await cli(['dockerfile', 'apps/api'], root);
      expect(code).toBe(0);
      expect(listStages(out).map((s) => s.name)).toContain('runtime');
      expect(out).toContain('# --- .dockerignore ---');
      expect(existsSync(join(root, 'apps/api/Dockerfile'))).toBe(false);
    });

    it('warns on stderr about a loopback bind no variable changes; stdout stays the Dockerfile', async () => {
      const root = workspace({ ...NODE_APP, 'apps/api/server.js': "require('http').createServer().listen(3000, 'localhost');\n" });
      const { code, out, err } = await cli(['dockerfile', 'apps/api'], root);
      expect(code).toBe(0);
      expect(err).toMatch(/^warning: server\.js: \.listen\(…\) binds "localhost" \(line 1\), and no environment variable changes it/);
      expect(out).not.toContain('warning');
    });

    it('takes options as --kebab or --camelCase, and --no-<boolean>', async () => {
      const root = workspace(NODE_APP);
      const kebab = await cli(['dockerfile', 'apps/api', '--runtime-version', '20', '--no-cache-mounts', '--port', '8080'], root);
      const camel = await cli(['dockerfile', 'apps/api', '--runtimeVersion', '20', '--cacheMounts', '--no-cache-mounts', '--port', '8080'], root);
      expect(kebab.code).toBe(0);
      expect(kebab.out).toMatch(/^FROM node:20-/m);
      expect(kebab.out).toMatch(/^EXPOSE 8080/m);
      expect(buildKitFeatures(kebab.out)).toEqual([]);
      expect(camel.err).toBe('option --no-cache-mounts repeats --cacheMounts; give it once');
      expect(camel.code).toBe(2);
    });

    it('--write writes Dockerfile and .dockerignore, then refuses to overwrite without --overwrite', async () => {
      const root = workspace(NODE_APP);
      const first = await cli(['dockerfile', 'apps/api', '--write'], root);
      expect(first).toMatchObject({ code: 0, out: 'wrote apps/api/Dockerfile (node, npm)\nwrote apps/api/.dockerignore' });
      const written = readFileSync(join(root, 'apps/api/Dockerfile'), 'utf8');
      expect(listStages(written).pop()?.name).toBe('runtime');

      const again = await cli(['dockerfile', 'apps/api', '--write', '--port', '9000'], root);
      expect(again).toMatchObject({ code: 2, err: 'apps/api/Dockerfile exists; pass --overwrite to replace it (nothing written)' });
      expect(readFileSync(join(root, 'apps/api/Dockerfile'), 'utf8')).toBe(written);

      const forced = await cli(['dockerfile', 'apps/api', '--write', '--overwrite', '--port', '9000'], root);
      expect(forced.code).toBe(0);
      expect(readFileSync(join(root, 'apps/api/Dockerfile'), 'utf8')).toMatch(/^EXPOSE 9000/m);
    });

    it('keeps an existing .dockerignore unless --overwrite', async () => {
      const root = workspace({ ...NODE_APP, 'apps/api/.dockerignore': 'mine\n' });
      const r = await cli(['dockerfile', 'apps/api', '--write'], root);
      expect(r.out).toContain('kept apps/api/.dockerignore (pass --overwrite to replace it)');
      expect(readFileSync(join(root, 'apps/api/.dockerignore'), 'utf8')).toBe('mine\n');
    });

    it('bad option values: one line each naming the flag, exit 2, nothing written', async () => {
      const root = workspace(NODE_APP);
      const r = await cli(['dockerfile', 'apps/api', '--write', '--port', 'abc', '--package-manager', 'npn'], root);
      expect(r.code).toBe(2);
      const lines = r.err.split('\n');
      expect(lines).toHaveLength(2);
      expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^--port: /), expect.stringMatching(/^--package-manager: must be one of npm, pnpm, yarn, bun/)]));
      expect(existsSync(join(root, 'apps/api/Dockerfile'))).toBe(false);
      expect((await cli(['dockerfile', 'apps/api', '--print', '--write'], root))).toMatchObject({ code: 2, err: 'pass either --print or --write, not both' });
    });
  });

  describe('lint', () => {
    it('prints path:line rule message and exits 1 on errors', async () => {
      const root = workspace({ 'Dockerfile': 'FROM node AS runtime\nCMD node x\n' });
      const r = await cli(['lint', 'Dockerfile'], root);
      expect(r.code).toBe(1);
      expect(r.out.split('\n')).toEqual(expect.arrayContaining([
        'Dockerfile:1 FromLatest FROM node has no tag, which means :latest; pin a version tag or digest',
        expect.stringMatching(/^Dockerfile:1 RootUser /),
        expect.stringMatching(/^Dockerfile:2 JSONArgsRecommended .*\(warning\)$/),
      ]));
    });

    it('exits 0 on a clean file and supports --format json', async () => {
      const root = workspace({ 'svc/Dockerfile': 'FROM node:22-bookworm-slim AS runtime\nUSER 1000\nCMD ["node", "x.js"]\n' });
      expect((await cli(['lint', 'svc/Dockerfile'], root)).code).toBe(0);
      const json = await cli(['lint', 'svc/Dockerfile', '--format', 'json'], root);
      expect(JSON.parse(json.out)).toMatchObject({ errors: 0, files: [{ path: 'svc/Dockerfile', findings: expect.any(Array) }] });
    });

    it('a missing file or no file is a usage problem, exit 2', async () => {
      const root = workspace({});
      expect((await cli(['lint'], root)).code).toBe(2);
      expect(await cli(['lint', 'nope/Dockerfile'], root)).toMatchObject({ code: 2, err: 'nope/Dockerfile: no such file' });
    });
  });

  describe('build (process boundary mocked)', () => {
    const run = jest.mocked(spawn.run);
    beforeEach(() => {
      jest.clearAllMocks();
      jest.mocked(spawn.findExecutable).mockImplementation((name) => (name === 'docker' || name === '/usr/bin/docker' ? '/usr/bin/docker' : null));
      run.mockImplementation(async (_command, args) => {
        if (args[0] === 'version') return { code: 0, stdout: '20.10.24\n', stderr: '' };
        if (args[0] === 'image') return { code: 0, stdout: 'sha256:abc 1000 []', stderr: '' };
        if (args[0] === 'build') return { code: 0, stdout: '', stderr: '' };
        return { code: 1, stdout: '', stderr: '' };
      });
    });
    const APP = { 'apps/api/Dockerfile': 'FROM node:22 AS build\nFROM node:22-slim AS runtime\nUSER 1000\n' };

    it('--dry-run prints the exact command for <dir>/Dockerfile and runs no build', async () => {
      const root = workspace(APP);
      const r = await cli(['build', 'apps/api', '--dry-run', '-t', 'api:1', '--tag', 'api:dev', '--build-arg', 'A=1', '--no-git-labels'], root);
      expect(r.code).toBe(0);
      expect(r.out.endsWith(`DOCKER_BUILDKIT=1 /usr/bin/docker build -f ${join(root, 'apps/api/Dockerfile')} --target runtime -t api:1 -t api:dev --build-arg 'A=<redacted>' --label dev.docker-ms.inputs=${inputsHashOf(r.out)} --progress=plain apps/api`)).toBe(true);
      expect(run.mock.calls.some(([, args]) => args[0] === 'build')).toBe(false);
    });

    it('builds, defaulting the tag to <dir name>:latest, and prints the summary line and size table', async () => {
      const root = workspace(APP);
      const r = await cli(['build', 'apps/api', '--no-git-labels'], root);
      expect(r.code).toBe(0);
      expect(run.mock.calls.find(([, args]) => args[0] === 'build')?.[1]).toEqual(['build', '-f', join(root, 'apps/api/Dockerfile'), '--target', 'runtime', '-t', 'api:latest', '--label', expect.stringMatching(/^dev\.docker-ms\.inputs=[0-9a-f]{32}$/), '--progress=plain', 'apps/api']);
      const out = r.out.split('\n');
      expect(out).toContainEqual(expect.stringMatching(/^built api:latest \(image abc\) in/));
      expect(out).toContainEqual(expect.stringMatching(/^api:latest +runtime +1\.0 KB +node:22-slim /));
    });

    it('several folders: each planned first, built in turn, one table at the end', async () => {
      const root = workspace({ ...APP, 'apps/web/Dockerfile': APP['apps/api/Dockerfile'] });
      const r = await cli(['build', 'apps/api', 'apps/web', '--no-git-labels'], root);
      expect(r.code).toBe(0);
      const out = r.out.split('\n');
      expect(out.filter((l) => l.startsWith('image '))).toHaveLength(1);
      const header = out.findIndex((l) => l.startsWith('image '));
      expect(out.slice(header + 1, header + 3).map((l) => l.split(/ +/)[0])).toEqual(['api:latest', 'web:latest']);
      const missing = await cli(['build', 'apps/api', 'apps/nope', '--no-git-labels'], workspace(APP));
      expect(missing).toMatchObject({ code: 2, err: 'apps/nope: no such folder' });
      expect(missing.out).not.toContain('building');
    });

    it('kebab-case nx-container names, bad tags and unknown stages', async () => {
      const root = workspace(APP);
      expect((await cli(['build', 'apps/api', '--dry-run', '--cache-from', 'api:cache', '--no-git-labels'], root)).out).toContain('--cache-from api:cache');
      expect(await cli(['build', 'apps/api', '-t', 'a;rm -rf /'], root)).toMatchObject({ code: 2, err: '--tags: tag "a;rm -rf /" contains whitespace; image references cannot' });
      const stage = await cli(['build', 'apps/api', '--target', 'prod'], root);
      expect(stage.code).toBe(2);
      expect(stage.err).toMatch(/^--target: 'prod' is not a stage of .*apps\/api\/Dockerfile \(stages: build, runtime\)$/);
    });
  });
});

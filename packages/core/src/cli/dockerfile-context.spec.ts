import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'docker-ms-cli-ctx-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function cli(argv: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { cwd, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const GO_WORK = {
  'go.work': 'go 1.26\n\nuse (\n\t./pkg/greet\n\t./pkg/unused\n\t./services/api\n)\n',
  'services/api/go.mod': 'module example.com/services/api\n\ngo 1.26\n',
  'services/api/main.go': 'package main\n\nimport "example.com/pkg/greet"\n\nfunc main() { println(greet.Hello()) }\n',
  'pkg/greet/go.mod': 'module example.com/pkg/greet\n\ngo 1.26\n',
  'pkg/greet/greet.go': 'package greet\n\nfunc Hello() string { return "hi" }\n',
  'pkg/unused/go.mod': 'module example.com/pkg/unused\n\ngo 1.26\n',
  'pkg/unused/u.go': 'package unused\n',
};

describe('docker-ms dockerfile --write: a Dockerfile built from the folder above the app', () => {
  it('a go.work module: says the context and writes the allowlist BuildKit reads beside the Dockerfile', async () => {
    const root = workspace(GO_WORK);
    const r = await cli(['dockerfile', 'services/api', '--write'], root);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe([
      'wrote services/api/Dockerfile (go, go)',
      'its build context is .: docker-ms build services/api --context .',
      'wrote services/api/Dockerfile.dockerignore',
    ].join('\n'));
    const allow = readFileSync(join(root, 'services/api/Dockerfile.dockerignore'), 'utf8').split('\n');
    expect(allow.filter((l) => l.startsWith('!'))).toEqual(['!pkg/greet/**', '!services/api/**', '!go.work', '!pkg/unused/go.mod']);
    // the app's own exclusions still apply inside the closure
    expect(allow).toContain('**/.git');
    expect(existsSync(join(root, 'services/api/.dockerignore'))).toBe(false);
  });

  it('a module built on its own (--projectRoot .) keeps the plain .dockerignore in its folder', async () => {
    const root = workspace(GO_WORK);
    const r = await cli(['dockerfile', 'services/api', '--write', '--projectRoot', '.'], root);
    expect(r.out).toBe('wrote services/api/Dockerfile (go, go)\nwrote services/api/.dockerignore');
    expect(readFileSync(join(root, 'services/api/Dockerfile'), 'utf8')).not.toContain('GOWORK');
  });
});

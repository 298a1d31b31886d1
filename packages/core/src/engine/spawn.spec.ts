import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findExecutable, run } from './spawn';

describe('spawn boundary', () => {
  it('runs an argv without a shell, streams and collects output and the exit code', async () => {
    const chunks: string[] = [];
    const result = await run(process.execPath, ['-e', 'console.log("out $HOME"); console.error("err"); process.exit(3)'], {
      onOutput: (chunk, stream) => chunks.push(`${stream}:${chunk.trim()}`),
    });
    expect(result).toEqual({ code: 3, stdout: 'out $HOME\n', stderr: 'err\n' });
    expect(chunks.sort()).toEqual(['stderr:err', 'stdout:out $HOME']);
  });

  it('reports a missing executable as notFound', async () => {
    const result = await run('/nonexistent/docker-ms-nothing', []);
    expect(result).toMatchObject({ code: -1, notFound: true });
  });

  it('finds executables on PATH and checks absolute paths', () => {
    const env = { PATH: dirname(process.execPath) };
    expect(findExecutable('node', env)).toBe(process.execPath);
    expect(findExecutable(process.execPath, env)).toBe(process.execPath);
    expect(findExecutable('docker-ms-no-such-tool', env)).toBeNull();
    const plain = join(mkdtempSync(join(tmpdir(), 'docker-ms-spawn-')), 'docker');
    writeFileSync(plain, '', { mode: 0o644 });
    expect(findExecutable(plain, env)).toBeNull();
    expect(findExecutable('docker', { PATH: dirname(plain) })).toBeNull();
  });
});

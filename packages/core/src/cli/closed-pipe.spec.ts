import { spawn } from 'node:child_process';
import path from 'node:path';

// The real process boundary: the CLI's stdout is a pipe whose reader is gone before the CLI writes.
const BIN = path.join(__dirname, '../../bin/docker-ms.js');

it('a reader that closed the pipe early (docker-ms … | head) gets no EPIPE stack trace, and exit 0', async () => {
  const child = spawn(process.execPath, [BIN, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(stderr).toBe('');
  expect(code).toBe(0);
});

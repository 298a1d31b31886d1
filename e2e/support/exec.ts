import { spawn, spawnSync } from 'node:child_process';

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Milliseconds; the process is killed after it. */
  timeout?: number;
  /** Resolve instead of throwing on a non-zero exit. */
  allowFailure?: boolean;
  /** Echo output live (long builds), besides capturing it. */
  echo?: boolean;
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
  output: string;
  seconds: number;
}

const tail = (text: string, lines = 60) => text.trimEnd().split('\n').slice(-lines).join('\n');

/** Runs an argv (no shell), captures its output; throws with the command and the output's tail on failure. */
export function exec(cmd: string, args: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      output += d;
      if (opts.echo) process.stdout.write(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      output += d;
      if (opts.echo) process.stderr.write(d);
    });
    const timer = opts.timeout ? setTimeout(() => child.kill('SIGKILL'), opts.timeout) : undefined;
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} ${args.join(' ')}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const result = { code: code ?? -1, stdout, stderr, output, seconds: (Date.now() - started) / 1000 };
      if (result.code === 0 || opts.allowFailure) return resolve(result);
      const why = signal ? `killed by ${signal}${opts.timeout ? ` (timeout ${opts.timeout / 1000}s)` : ''}` : `exit ${code}`;
      reject(new Error(`\`${cmd} ${args.join(' ')}\` (cwd ${opts.cwd ?? process.cwd()}) failed: ${why}\n${tail(output)}`));
    });
  });
}

export function execSync(cmd: string, args: string[], opts: ExecOptions = {}): ExecResult {
  const started = Date.now();
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
    timeout: opts.timeout,
    maxBuffer: 256 * 1024 * 1024,
  });
  const result = {
    code: r.status ?? -1,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    output: `${r.stdout ?? ''}${r.stderr ?? ''}`,
    seconds: (Date.now() - started) / 1000,
  };
  if (result.code !== 0 && !opts.allowFailure) {
    throw new Error(`\`${cmd} ${args.join(' ')}\` failed: ${r.error?.message ?? `exit ${r.status}`}\n${tail(result.output)}`);
  }
  return result;
}

export const GIT_IDENTITY = { GIT_AUTHOR_NAME: 'e2e', GIT_AUTHOR_EMAIL: 'e2e@example.com', GIT_COMMITTER_NAME: 'e2e', GIT_COMMITTER_EMAIL: 'e2e@example.com' };

/** A fresh repository with everything in one commit (the workspaces' OCI labels and Nx's change detection read git). */
export async function commitWorkspace(root: string, env: NodeJS.ProcessEnv): Promise<void> {
  const git = { ...env, ...GIT_IDENTITY };
  await exec('git', ['init', '-q', '-b', 'main'], { cwd: root, env: git });
  await exec('git', ['add', '-A'], { cwd: root, env: git });
  await exec('git', ['commit', '-qm', 'workspace'], { cwd: root, env: git });
}

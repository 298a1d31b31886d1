import { run } from './spawn';

/** `git@github.com:team/app.git` or `https://user:token@host/x.git` → `https://github.com/team/app`. */
export function publicRepoUrl(remote: string): string | null {
  const trimmed = remote.trim();
  const scp = trimmed.match(/^[\w.-]+@([^:/]+):(.+)$/);
  let url: URL;
  try {
    url = new URL(scp ? `https://${scp[1]}/${scp[2]}` : trimmed);
  } catch {
    return null;
  }
  if (!['http:', 'https:', 'ssh:', 'git:'].includes(url.protocol)) return null;
  return `https://${url.hostname}${url.pathname.replace(/\.git$/, '').replace(/\/$/, '')}`;
}

async function git(cwd: string, args: string[]): Promise<string | null> {
  const result = await run('git', args, { cwd });
  return result.code === 0 ? result.stdout.trim() || null : null;
}

/**
 * OCI labels from the git checkout holding `cwd`: source (remote origin, credentials stripped), revision (HEAD)
 * and created (the commit time, so rebuilding one commit gives the same image). {} when not a git repository.
 */
export async function gitLabels(cwd: string): Promise<Record<string, string>> {
  // one process for revision and commit time, the remote asked beside it
  const [head, remote] = await Promise.all([git(cwd, ['log', '-1', '--format=%H %cI']), git(cwd, ['config', '--get', 'remote.origin.url'])]);
  const [revision, created] = head?.split(' ') ?? [];
  if (!revision) return {};
  const labels: Record<string, string> = {};
  const source = remote && publicRepoUrl(remote);
  if (source) labels['org.opencontainers.image.source'] = source;
  labels['org.opencontainers.image.revision'] = revision;
  if (created) labels['org.opencontainers.image.created'] = created;
  return labels;
}

/** The full sha of HEAD in the checkout holding `cwd`, or undefined outside a git repository. */
export async function headCommit(cwd: string): Promise<string | undefined> {
  return (await git(cwd, ['rev-parse', 'HEAD'])) ?? undefined;
}

import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultProbe, type EngineProbe, type ProbeResult } from './resolve';

/** Where the docker CLI looks for plugins (cli-plugins/manager): the user's folder, then the system ones. */
function pluginDirs(env: NodeJS.ProcessEnv): string[] {
  const config = env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
  return [join(config, 'cli-plugins'), '/usr/local/lib/docker/cli-plugins', '/usr/local/libexec/docker/cli-plugins', '/usr/lib/docker/cli-plugins', '/usr/libexec/docker/cli-plugins'];
}

function fileStamp(path: string): string {
  try {
    const s = statSync(path);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return '-';
  }
}

/** What an answer depends on: the client binary, and for `buildx version` the plugin files and the CLI config (extra plugin folders). */
function stampOf(command: string, args: string[], env: NodeJS.ProcessEnv): string {
  const parts = [command, args.join(' '), fileStamp(command)];
  if (args[0] === 'buildx') {
    const dirs = pluginDirs(env);
    parts.push(...dirs.map((dir) => fileStamp(join(dir, 'docker-buildx'))), fileStamp(join(dirname(dirs[0]), 'config.json')));
  }
  return parts.join('|');
}

interface Remembered {
  stamp: string;
  at: number;
  result: ProbeResult;
}

/** A day at most, so a plugin installed where the stamp does not look is found again. */
const MAX_AGE_MS = 24 * 3600_000;

/**
 * An engine probe that remembers each client's answers in `file` for as long as the client binary and the buildx
 * plugin files stay the same (at most a day). Resolving the engine asks every docker client for its version and its
 * buildx plugin: four processes and ~0.1 s on every build otherwise. A file that cannot be read or written is no
 * cache, never an error.
 */
export function rememberingProbe(file: string, probe: EngineProbe = defaultProbe, env: NodeJS.ProcessEnv = process.env, now = Date.now): EngineProbe {
  let memory: Record<string, Remembered> | null = null;
  const load = (): Record<string, Remembered> => {
    if (memory) return memory;
    try {
      memory = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Remembered>;
    } catch {
      memory = {};
    }
    return memory;
  };
  const save = () => {
    try {
      mkdirSync(dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(memory));
      renameSync(temp, file);
    } catch {
      // read-only workspace: probe again next time
    }
  };
  return {
    which: (name) => probe.which(name),
    async run(command, args) {
      const key = `${command} ${args.join(' ')}`;
      const stamp = stampOf(command, args, env);
      const known = load()[key];
      if (known && known.stamp === stamp && now() - known.at < MAX_AGE_MS) return known.result;
      const result = await probe.run(command, args);
      // a client that did not start (or crashed) is asked again next time
      if (result.code !== -1) {
        load()[key] = { stamp, at: now(), result };
        save();
      }
      return result;
    },
  };
}

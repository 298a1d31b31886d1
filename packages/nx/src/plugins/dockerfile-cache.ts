import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheDir, hashArray } from '@nx/devkit';
import { dockerfileFacts, type DockerfileFacts } from '../utils/docker-build-target';

/** Entries kept on disk; the oldest go first. */
const LIMIT = 1000;

/**
 * What the plugin reads from each Dockerfile (stages, COPY sources), by the hash of its text: a graph
 * computation parses only the Dockerfiles that changed. Kept in memory (the daemon's plugin worker
 * lives across computations) and in Nx's cache directory (for runs without the daemon), as Nx's own
 * plugins keep their targets. The facts depend on nothing but the text, so an entry is never stale.
 */
export class DockerfileCache {
  private readonly entries: Map<string, DockerfileFacts>;
  private changed = false;

  constructor(private readonly file: string = join(cacheDir, 'docker-ms', 'dockerfile-facts-v2.json')) {
    this.entries = new Map(Object.entries(readEntries(file)));
  }

  facts(text: string): DockerfileFacts {
    const key = hashArray([text]);
    let facts = this.entries.get(key);
    if (!facts) {
      facts = dockerfileFacts(text);
      this.entries.set(key, facts);
      this.changed = true;
    }
    return facts;
  }

  /** Writes new entries; a cache that cannot be written is only a slower next run. */
  save(): void {
    if (!this.changed) return;
    const kept = [...this.entries].slice(-LIMIT);
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(this.file, JSON.stringify(Object.fromEntries(kept)));
      this.changed = false;
    } catch {
      // read-only cache directory: keep working from memory
    }
  }
}

function readEntries(file: string): Record<string, DockerfileFacts> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, DockerfileFacts>) : {};
  } catch {
    return {};
  }
}

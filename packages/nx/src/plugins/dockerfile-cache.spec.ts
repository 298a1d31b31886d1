import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashArray } from '@nx/devkit';
import { DockerfileCache } from './dockerfile-cache';

const TEXT = 'FROM node:22 AS build\nCOPY package.json src ./\nFROM node:22 AS runtime\nCOPY --from=build /app /app\n';

describe('DockerfileCache', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'docker-ms-cache-')), 'facts.json');

  it('reads stages and COPY sources from the text, and keeps them on disk by its hash', () => {
    const path = file();
    const cache = new DockerfileCache(path);
    expect(cache.facts(TEXT)).toEqual({ stages: ['build', 'runtime'], sources: ['package.json', 'src'], managed: false });
    cache.save();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ [hashArray([TEXT])]: { stages: ['build', 'runtime'], sources: ['package.json', 'src'], managed: false } });
  });

  it('a known hash is answered from the cache, not parsed again', () => {
    const path = file();
    writeFileSync(path, JSON.stringify({ [hashArray([TEXT])]: { stages: ['cached'], sources: [] } }));
    expect(new DockerfileCache(path).facts(TEXT).stages).toEqual(['cached']);
    expect(new DockerfileCache(path).facts(TEXT + '\n').stages).toEqual(['build', 'runtime']);
  });

  it('writes nothing when nothing changed, and survives an unreadable file', () => {
    const path = file();
    new DockerfileCache(path).save();
    expect(existsSync(path)).toBe(false);
    writeFileSync(path, 'not json');
    expect(new DockerfileCache(path).facts(TEXT).sources).toEqual(['package.json', 'src']);
  });
});

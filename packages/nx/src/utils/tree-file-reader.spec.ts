import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { FsTree } from 'nx/src/generators/tree';
import { treeFileReader } from './tree-file-reader';

describe('treeFileReader', () => {
  const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
  tree.write('apps/api/package.json', '{"name":"api"}');
  tree.write('apps/api/src/main.ts', 'console.log(1)');
  const fs = treeFileReader(tree);

  it('reads files and returns null for folders and missing paths', () => {
    expect(fs.read('apps/api/package.json')).toBe('{"name":"api"}');
    expect(fs.read('./apps/api/package.json')).toBe('{"name":"api"}');
    expect(fs.read('apps/api/src')).toBeNull();
    expect(fs.read('apps/api/missing.txt')).toBeNull();
  });

  it('tells files from folders', () => {
    expect(fs.isFile('apps/api/src/main.ts')).toBe(true);
    expect(fs.isFile('apps/api/src')).toBe(false);
    expect(fs.isFile('nope')).toBe(false);
    expect(fs.exists('apps/api/src')).toBe(true);
    expect(fs.exists('apps/web')).toBe(false);
  });

  it('lists the entries directly under a folder, [] for files and missing folders', () => {
    expect(fs.list('apps/api').sort()).toEqual(['package.json', 'src']);
    expect(fs.list('apps/api/')).toEqual(expect.arrayContaining(['src']));
    expect(fs.list('apps/api/package.json')).toEqual([]);
    expect(fs.list('apps/none')).toEqual([]);
    expect(fs.list('.')).toEqual(expect.arrayContaining(['nx.json', 'apps']));
  });
});

describe('treeFileReader over a workspace on disk', () => {
  it('leaves links to folders out of list(), so walks end', () => {
    const root = mkdtempSync(join(tmpdir(), 'docker-ms-tree-links-'));
    mkdirSync(join(root, 'apps/api'), { recursive: true });
    writeFileSync(join(root, 'apps/api/main.go'), 'package main\n');
    symlinkSync('..', join(root, 'apps/api/up'));
    symlinkSync('main.go', join(root, 'apps/api/link.go'));
    const fs = treeFileReader(new FsTree(root, false));
    expect([...fs.list('apps/api')].sort()).toEqual(['link.go', 'main.go']);
  });
});

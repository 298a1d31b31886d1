import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
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

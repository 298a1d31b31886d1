import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FileReader } from '../types';
import { memoryFileReader, nodeFileReader, normalizePath } from './file-reader';

/** The same small tree through both readers: they must answer alike. */
const TREE: Record<string, string> = {
  'package.json': '{"name":"root"}',
  'apps/api/go.mod': 'module x\n',
  'apps/api/cmd/server/main.go': 'package main\n',
  'apps/web/package.json': '{}',
};

let tmp: string;
let ws: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'detect-reader-'));
  ws = path.join(tmp, 'ws');
  for (const [rel, text] of Object.entries(TREE)) {
    fs.mkdirSync(path.join(ws, path.dirname(rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), text);
  }
  fs.mkdirSync(path.join(ws, 'apps/empty'));
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'outside');
  fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(ws, 'link-out'));
  fs.symlinkSync(path.join(ws, 'apps/api/go.mod'), path.join(ws, 'link-in'));
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each<[string, () => FileReader]>([
  ['nodeFileReader', () => nodeFileReader(ws)],
  ['memoryFileReader', () => memoryFileReader({ ...TREE, 'apps/empty/': '' })],
])('%s', (_name, make) => {
  it('reads files by workspace-relative path, in any spelling', () => {
    const r = make();
    expect(r.read('apps/api/go.mod')).toBe('module x\n');
    expect(r.read('./apps/api/go.mod')).toBe('module x\n');
    expect(r.read('/apps/api/go.mod')).toBe('module x\n');
    expect(r.read('apps\\api\\go.mod')).toBe('module x\n');
    expect(r.read('apps/api/nope')).toBeNull();
    expect(r.read('apps/api')).toBeNull();
  });

  it('tells files from folders', () => {
    const r = make();
    expect(r.exists('apps/api')).toBe(true);
    expect(r.isFile('apps/api')).toBe(false);
    expect(r.isFile('apps/api/go.mod')).toBe(true);
    expect(r.exists('apps/empty')).toBe(true);
    expect(r.exists('apps/missing')).toBe(false);
    expect(r.isFile('apps/missing')).toBe(false);
  });

  it('lists folder entries sorted; [] for a missing folder or a file', () => {
    const r = make();
    expect(r.list('apps')).toEqual(['api', 'empty', 'web']);
    expect(r.list('apps/api')).toEqual(['cmd', 'go.mod']);
    expect(r.list('apps/empty')).toEqual([]);
    expect(r.list('apps/missing')).toEqual([]);
    expect(r.list('apps/api/go.mod')).toEqual([]);
    expect(r.list('')).toEqual(expect.arrayContaining(['apps', 'package.json']));
    expect(r.list('.')).toEqual(r.list(''));
  });

  it('never climbs out of the workspace root', () => {
    const r = make();
    expect(r.read('../secret.txt')).toBeNull();
    expect(r.exists('../secret.txt')).toBe(false);
    expect(r.list('..')).toEqual([]);
    expect(r.read('apps/../../secret.txt')).toBeNull();
  });
});

describe('nodeFileReader and symlinks', () => {
  it('does not follow a symlink that leaves the root', () => {
    const r = nodeFileReader(ws);
    expect(r.read('link-out')).toBeNull();
    expect(r.exists('link-out')).toBe(false);
  });

  it('follows a symlink that stays inside the root', () => {
    expect(nodeFileReader(ws).read('link-in')).toBe('module x\n');
  });
});

describe('memoryFileReader input', () => {
  it('rejects keys that are empty or climb out', () => {
    expect(() => memoryFileReader({ '../x': '' })).toThrow('memoryFileReader: bad path "../x"');
    expect(() => memoryFileReader({ '/': '' })).toThrow('memoryFileReader: bad path "/"');
  });
});

it.each([
  ['a/./b/', 'a/b'],
  ['/a//b', 'a/b'],
  ['.', ''],
  ['a\\b', 'a/b'],
  ['a/../b', null],
])('normalizePath(%j) → %j', (input, output) => {
  expect(normalizePath(input)).toBe(output);
});

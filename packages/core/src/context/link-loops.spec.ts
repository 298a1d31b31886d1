import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectProject, nodeFileReader } from '../detect';
import { contextFiles } from './matcher';
import { workspacePackages } from './workspace-packages';

/** A workspace whose folders link back to themselves: every walk must end, and see each real file once. */
function loopingWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'docker-ms-loops-'));
  const write = (rel: string, text: string) => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  write('package.json', JSON.stringify({ name: 'ws', private: true, workspaces: ['packages/**'] }));
  write('packages/a/package.json', JSON.stringify({ name: 'a', main: 'index.js' }));
  write('packages/a/index.js', '');
  symlinkSync('.', join(root, 'self'));
  symlinkSync('..', join(root, 'packages/a/up'));
  symlinkSync('../..', join(root, 'packages/a/root'));
  return root;
}

describe('walks do not follow links to folders', () => {
  it('nodeFileReader lists links to files but not links to folders', () => {
    const root = loopingWorkspace();
    symlinkSync('index.js', join(root, 'packages/a/main.js'));
    expect(nodeFileReader(root).list('')).toEqual(['package.json', 'packages']);
    expect(nodeFileReader(root).list('packages/a')).toEqual(['index.js', 'main.js', 'package.json']);
  });

  it('the build context, the workspace packages and detection finish with each real file once', () => {
    const root = loopingWorkspace();
    const fs = nodeFileReader(root);
    expect(contextFiles(fs, '')).toEqual(['package.json', 'packages/a/index.js', 'packages/a/package.json']);
    expect(workspacePackages(fs)).toEqual([{ name: 'a', root: 'packages/a', hasManifest: true }]);
    expect(detectProject('packages/a', { workspaceRoot: root }).language).toBe('node');
  });
});

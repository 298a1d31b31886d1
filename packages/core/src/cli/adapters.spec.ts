import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAdapterCommands } from './adapters';
import { main } from './main';
import { commands } from './registry';

function workspaceWithAdapter(name: string, body: string): string {
  const root = mkdtempSync(join(tmpdir(), 'docker-ms-adapter-'));
  const dir = join(root, 'node_modules', ...name.split('/'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js' }));
  writeFileSync(join(dir, 'index.js'), body);
  return root;
}

describe('adapter commands', () => {
  afterEach(() => commands.delete('adapter-test'));

  it("runs a command an installed adapter exports, found from the working folder (npm links only one docker-ms bin)", async () => {
    const root = workspaceWithAdapter(
      '@docker-ms/turbo',
      "exports.cliCommands = [{ name: 'adapter-test', summary: 's', help: 'h', run: async (args, io) => { io.out('ran ' + args.join(' ')); return 0; } }];",
    );
    const out: string[] = [];
    const code = await main(['adapter-test', 'x'], { cwd: join(root), out: (l) => out.push(l), err: () => undefined });
    expect(code).toBe(0);
    expect(out).toEqual(['ran x']);
  });

  it('skips a missing or broken adapter and never replaces a known command', () => {
    expect(loadAdapterCommands(tmpdir(), ['@docker-ms/not-installed'])).toEqual([]);
    const broken = workspaceWithAdapter('@docker-ms/turbo', "throw new Error('boom');");
    expect(loadAdapterCommands(broken)).toEqual([]);
    const clash = workspaceWithAdapter('@docker-ms/turbo', "exports.cliCommands = [{ name: 'build', summary: 's', help: 'h', run: async () => 9 }];");
    const builtin = commands.get('build');
    expect(loadAdapterCommands(clash)).toEqual([]);
    expect(commands.get('build')).toBe(builtin);
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { declaredAdapters, loadAdapterCommand } from './adapters';
import { main } from './main';
import { commands } from './registry';

const COMMAND = "exports.cliCommands = [{ name: 'adapter-test', summary: 's', help: 'h', run: async (args, io) => { io.out('ran ' + args.join(' ')); return 0; } }];";

/** A workspace root whose package.json declares `name`, installed with the given package.json field and module. */
function workspaceWithAdapter(name: string, body: string, field: unknown = { commands: ['adapter-test'], module: './cli.js' }, declared = true): string {
  const root = mkdtempSync(join(tmpdir(), 'docker-ms-adapter-'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'ws', workspaces: [], devDependencies: declared ? { [name]: '1.0.0' } : {} }));
  const dir = join(root, 'node_modules', ...name.split('/'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js', 'docker-ms': field }));
  writeFileSync(join(dir, 'index.js'), "throw new Error('the main module is never loaded for a command');");
  writeFileSync(join(dir, 'cli.js'), body);
  return root;
}

const io = (out: string[], err: string[] = []) => ({ out: (l: string) => out.push(l), err: (l: string) => err.push(l) });

describe('adapter commands', () => {
  afterEach(() => commands.delete('adapter-test'));

  it('runs a command an adapter declares in its package.json, found through the workspace root\'s dependencies', async () => {
    const root = workspaceWithAdapter('@acme/docker-ms-adapter', COMMAND);
    mkdirSync(join(root, 'apps/api'), { recursive: true });
    const out: string[] = [];
    const code = await main(['adapter-test', 'x'], { cwd: join(root, 'apps/api'), ...io(out) });
    expect(code).toBe(0);
    expect(out).toEqual(['ran x']);
  });

  it('loads no code for a command no adapter declares, and suggests the close names', async () => {
    const root = workspaceWithAdapter('@acme/docker-ms-adapter', 'globalThis.__dockerMsAdapterLoaded = true;');
    const err: string[] = [];
    expect(await main(['adapter-tset'], { cwd: root, ...io([], err) })).toBe(2);
    expect(err[0]).toMatch(/^unknown command 'adapter-tset'; did you mean 'adapter-test'\? commands: .*adapter-test/);
    expect(await main(['buidl'], { cwd: root, ...io([], err) })).toBe(2);
    expect(err[1]).toMatch(/^unknown command 'buidl'; did you mean 'build'\?/);
    expect((globalThis as { __dockerMsAdapterLoaded?: boolean }).__dockerMsAdapterLoaded).toBeUndefined();
  });

  it('--help lists the commands this workspace\'s adapters declare (Turborepo\'s init), with their summaries', async () => {
    const root = workspaceWithAdapter('@acme/docker-ms-adapter', COMMAND);
    const out: string[] = [];
    expect(await main(['--help'], { cwd: root, ...io(out) })).toBe(0);
    expect(out.join('\n')).toMatch(/^  adapter-test +s$/m);
    const help: string[] = [];
    expect(await main(['help', 'adapter-test'], { cwd: root, ...io(help) })).toBe(0);
    expect(help).toEqual(['h']);
  });

  it('ignores installed packages the root does not declare, modules outside the package, and broken modules', () => {
    expect(declaredAdapters(workspaceWithAdapter('@acme/a', COMMAND, undefined, false)).map((a) => a.package)).not.toContain('@acme/a');
    expect(declaredAdapters(workspaceWithAdapter('@acme/a', COMMAND, { commands: ['adapter-test'], module: '../../x.js' })).map((a) => a.package)).not.toContain('@acme/a');
    expect(loadAdapterCommand('adapter-test', workspaceWithAdapter('@acme/a', "throw new Error('boom');"))).toBe(false);
  });

  it('never replaces a known command, nor registers one the package did not declare', () => {
    const builtin = commands.get('build');
    const clash = workspaceWithAdapter('@acme/a', "exports.cliCommands = [{ name: 'build', summary: 's', help: 'h', run: async () => 9 }];", { commands: ['build'], module: './cli.js' });
    expect(loadAdapterCommand('build', clash)).toBe(false);
    expect(commands.get('build')).toBe(builtin);
    const sneaky = workspaceWithAdapter('@acme/a', COMMAND, { commands: ['other'], module: './cli.js' });
    expect(loadAdapterCommand('other', sneaky)).toBe(false);
    expect(commands.has('adapter-test')).toBe(false);
  });

  it('finds @docker-ms/turbo installed beside core and its init command', () => {
    expect(declaredAdapters(tmpdir()).find((a) => a.package === '@docker-ms/turbo')?.commands).toEqual(['init']);
  });
});

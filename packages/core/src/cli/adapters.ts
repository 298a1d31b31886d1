import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { commands, registerCommand, type CliCommand } from './registry';
import { findWorkspaceRoot } from './workspace-root';

/**
 * Packages that add commands to `docker-ms` (`init` for Turborepo) say so in their package.json:
 * `"docker-ms": { "commands": ["init"], "module": "./dist/cli/commands.js" }`, the module exporting
 * `cliCommands`. Each such package also ships a `docker-ms` bin, but npm links only one bin of that
 * name (core's, when core is hoisted), so core reads these declarations — data only — from the packages
 * installed beside it and the workspace root's declared dependencies, and loads a module only for a
 * command name it declares.
 */
export interface AdapterDeclaration {
  package: string;
  /** Folder of the installed package. */
  dir: string;
  commands: string[];
  /** Module path inside the package. */
  module: string;
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function declaration(dir: string): AdapterDeclaration | null {
  const manifest = readJson(join(dir, 'package.json'));
  const field = manifest?.['docker-ms'] as { commands?: unknown; module?: unknown } | undefined;
  if (!manifest || typeof manifest.name !== 'string' || !field || typeof field.module !== 'string' || !Array.isArray(field.commands)) return null;
  const module = resolve(dir, field.module);
  if (!module.startsWith(dir + sep)) return null; // a module outside the package is not loaded
  return { package: manifest.name, dir, commands: field.commands.filter((c): c is string => typeof c === 'string'), module };
}

/** The packages installed next to this core (`node_modules/@docker-ms/*` when core is installed there). */
function besideCore(): string[] {
  const scope = resolve(__dirname, '../../..');
  if (!existsSync(join(scope, 'core', 'package.json'))) return [];
  return readdirSync(scope).filter((entry) => entry !== 'core').map((entry) => join(scope, entry));
}

/** The installed dependencies the workspace root's package.json declares. */
function rootDependencies(cwd: string): string[] {
  const root = findWorkspaceRoot(cwd);
  const manifest = readJson(join(root, 'package.json'));
  const names = ['dependencies', 'devDependencies'].flatMap((field) => Object.keys((manifest?.[field] as object | undefined) ?? {}));
  return names.map((name) => join(root, 'node_modules', ...name.split('/'))).filter((dir) => existsSync(join(dir, 'package.json')));
}

/** Every adapter that declares commands, from the packages beside core, then the workspace root's dependencies. */
export function declaredAdapters(cwd: string): AdapterDeclaration[] {
  const seen = new Set<string>();
  const found: AdapterDeclaration[] = [];
  for (const dir of [...besideCore(), ...rootDependencies(cwd)]) {
    const adapter = declaration(dir);
    if (adapter && !seen.has(adapter.package)) {
      seen.add(adapter.package);
      found.push(adapter);
    }
  }
  return found;
}

/**
 * Registers the commands of the adapter that declares `name`; returns whether one did. Nothing is loaded for a
 * name no adapter declares, a missing or broken module is skipped, and a known command is never replaced.
 */
export function loadAdapterCommand(name: string, cwd: string, adapters: AdapterDeclaration[] = declaredAdapters(cwd)): boolean {
  const adapter = adapters.find((a) => a.commands.includes(name));
  if (!adapter || commands.has(name)) return false;
  let exported: { cliCommands?: unknown } | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = require(adapter.module);
  } catch {
    return false;
  }
  const list = Array.isArray(exported?.cliCommands) ? (exported.cliCommands as CliCommand[]) : [];
  for (const command of list) {
    if (typeof command?.name !== 'string' || typeof command.run !== 'function' || commands.has(command.name)) continue;
    if (adapter.commands.includes(command.name)) registerCommand(command);
  }
  return commands.has(name);
}


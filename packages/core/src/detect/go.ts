import type { LanguageDetector, Probe } from './detector';
import { managedVersions, MANAGER_TOOL_NAMES, type ProjectFiles } from './project-files';
import { truncateVersion } from './version-range';
import { goModError } from './go-mod-syntax';
import { ManifestError } from './manifest-error';

function goSources(files: ProjectFiles): string[] {
  return files.list().filter((f) => f.endsWith('.go') && files.has(f));
}

/** Folders under cmd/ that hold a main.go, sorted. */
function commands(files: ProjectFiles): string[] {
  return files.list('cmd').filter((d) => files.has(`cmd/${d}/main.go`));
}

function probe(files: ProjectFiles): Probe {
  if (files.has('go.mod')) return { strength: 3, signals: ['go.mod'] };
  const sources = [...goSources(files), ...commands(files).map((c) => `cmd/${c}/main.go`)];
  if (!sources.length) return { strength: 0, signals: [] };
  // Sources of a module declared further up (one go.mod for the whole repository, or go.work).
  const module = files.findUp(['go.mod', 'go.work'], files.dirs.slice(1));
  if (module) return { strength: 3, signals: [...sources.slice(0, 2), files.label(module.path)] };
  return { strength: 2, signals: sources.slice(0, 3) };
}

/** `go 1.22.5` / `toolchain go1.22.5` directives of a go.mod or go.work. */
function directives(text: string): { go?: string; toolchain?: string; module?: string } {
  const noComments = text.replace(/\/\/.*$/gm, '');
  return {
    go: /^\s*go\s+(\S+)/m.exec(noComments)?.[1],
    toolchain: /^\s*toolchain\s+(\S+)/m.exec(noComments)?.[1],
    module: /^\s*module\s+(\S+)/m.exec(noComments)?.[1]?.replace(/^"|"$/g, ''),
  };
}

function runtimeVersion(files: ProjectFiles, evidence: string[]): string | null {
  const found = files.findUp(['go.mod']) ?? files.findUp(['go.work']);
  if (found) {
    const label = files.label(found.path);
    const text = files.fs.read(found.path) ?? '';
    const problem = goModError(text);
    if (problem) throw new ManifestError(`${found.path}:${problem}`);
    const d = directives(text);
    if (d.module) evidence.push(`${label}: module ${d.module}`);
    const toolchain = d.toolchain && d.toolchain !== 'default' ? truncateVersion(d.toolchain, 2) : null;
    if (toolchain) {
      evidence.push(`${label}: toolchain ${d.toolchain} → ${toolchain}${d.go ? ` (wins over go ${d.go})` : ''}`);
      return toolchain;
    }
    const go = d.go ? truncateVersion(d.go, 2) : null;
    if (go) {
      evidence.push(`${label}: go ${d.go} → ${go}`);
      return go;
    }
    evidence.push(`${label}: no go or toolchain directive`);
  } else {
    evidence.push('go.mod: not found in the project or above it');
  }
  for (const dir of files.dirs) {
    for (const m of managedVersions(files, dir, MANAGER_TOOL_NAMES.go, evidence)) {
      const version = truncateVersion(m.spec, 2);
      if (!version) {
        evidence.push(`${files.label(m.path)}: ${m.what}"${m.spec}" is not a Go version I understand; ignored`);
        continue;
      }
      evidence.push(`${files.label(m.path)}: ${m.what}${m.spec} → ${version}`);
      return version;
    }
  }
  return null;
}

/**
 * The package to build, relative to the project: './cmd/<name>' for a cmd/<name>/main.go, '.' for a
 * main package at the top. With several commands, the one named like the project folder, else the first.
 */
function entry(files: ProjectFiles, evidence: string[]): string | null {
  const cmds = commands(files);
  if (cmds.length) {
    const chosen = cmds.includes(files.name) ? files.name : cmds[0];
    const others = cmds.filter((c) => c !== chosen);
    const why = others.length ? ` (also: ${others.map((c) => `cmd/${c}`).join(', ')}; pass --entry to choose)` : '';
    evidence.push(`cmd/${chosen}/main.go: found → entry ./cmd/${chosen}${why}`);
    return `./cmd/${chosen}`;
  }
  const mainFile = files.has('main.go')
    ? 'main.go'
    : goSources(files).find((f) => !f.endsWith('_test.go') && /^\s*package\s+main\b/m.test(files.read(f) ?? ''));
  if (mainFile) {
    evidence.push(`${mainFile}: package main at the project top → entry .`);
    return '.';
  }
  evidence.push('no entry: no cmd/*/main.go and no main package at the project top (a library?)');
  return null;
}

export const goDetector: LanguageDetector = {
  language: 'go',
  checks: ['go.mod', '*.go', 'cmd/*/main.go'],
  probe,
  details(files) {
    const evidence: string[] = [];
    const runtime = runtimeVersion(files, evidence);
    const work = files.findUp(['go.work']);
    if (work) evidence.push(`${files.label(work.path)}: multi-module workspace`);
    const sum = files.findUp(['go.sum']);
    if (sum) evidence.push(`${files.label(sum.path)}: module checksums present`);
    return { language: 'go', packageManager: 'go', runtimeVersion: runtime, entry: entry(files, evidence), evidence };
  },
};

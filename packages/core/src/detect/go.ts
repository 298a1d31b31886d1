import type { LanguageDetector, Probe } from './detector';
import { managedVersions, MANAGER_TOOL_NAMES, type ProjectFiles } from './project-files';
import { truncateVersion } from './version-range';
import { goModError } from './go-mod-syntax';
import { ManifestError } from './manifest-error';
import { findGoWorkspace, memberOf, neededGoModules, type GoWorkspace } from '../context/go-workspace';
import { joinPath } from './file-reader';
import type { Detection } from '../types';

function goSources(files: ProjectFiles): string[] {
  return files.list().filter((f) => f.endsWith('.go') && files.has(f));
}

/** Folders under cmd/ that hold a main.go, sorted. */
function commands(files: ProjectFiles): string[] {
  return files.list('cmd').filter((d) => files.has(`cmd/${d}/main.go`));
}

function probe(files: ProjectFiles): Probe {
  if (files.has('go.mod')) return { strength: 3, signals: ['go.mod'] };
  if (files.has('go.work')) return { strength: 3, signals: ['go.work'] };
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

function runtimeVersion(files: ProjectFiles, evidence: string[], work: GoWorkspace | null): string | null {
  // in workspace mode go.work's go line is at least every module's (go refuses it otherwise) and its toolchain governs
  const workDirectives = work ? directives(files.fs.read(work.path) ?? '') : null;
  const found = work && (workDirectives?.go || workDirectives?.toolchain)
    ? { path: work.path }
    : (files.findUp(['go.mod']) ?? files.findUp(['go.work']));
  if (found) {
    const label = files.label(found.path);
    const text = files.fs.read(found.path) ?? '';
    const problem = goModError(text);
    if (problem) throw new ManifestError(`${found.path}:${problem}`);
    const d = directives(text);
    if (work && found.path === work.path) {
      const mod = files.findUp(['go.mod']);
      const name = mod ? directives(files.fs.read(mod.path) ?? '').module : undefined;
      if (mod && name) evidence.push(`${files.label(mod.path)}: module ${name}`);
      evidence.push(`${label}: in workspace mode its go and toolchain lines govern the build (the module's own are not used)`);
    }
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
function entry(files: ProjectFiles, evidence: string[], work: GoWorkspace | null): string | null {
  if (work && !files.has('go.mod') && work.root === files.dir) return workspaceEntry(files, work, evidence);
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

/** Main packages of one module folder: './cmd/<x>' for each cmd/<x>/main.go, else '.' for a main package at its top. */
function mainPackages(files: ProjectFiles, dir: string): string[] {
  const cmdDir = joinPath(dir, 'cmd');
  const cmds = files.fs.list(cmdDir).filter((c) => files.fs.isFile(joinPath(cmdDir, `${c}/main.go`)));
  if (cmds.length) return cmds.sort().map((c) => `./cmd/${c}`);
  return files.fs.isFile(joinPath(dir, 'main.go')) ? ['.'] : [];
}

/** The project is the go.work folder: the app is a member's main package (named like the folder, else the first). */
function workspaceEntry(files: ProjectFiles, work: GoWorkspace, evidence: string[]): string | null {
  const found: string[] = [];
  for (const m of work.modules) {
    const rel = m.dir === files.dir ? '.' : `./${m.dir.slice(files.dir === '' ? 0 : files.dir.length + 1)}`;
    for (const pkg of mainPackages(files, m.dir)) found.push(pkg === '.' ? rel : `${rel}/${pkg.slice(2)}`.replace(/^\.\/\.\//, './'));
  }
  if (!found.length) {
    evidence.push(`${files.label(work.path)}: no module of the workspace has a main package; pass --entry`);
    return null;
  }
  const named = found.find((p) => p.split('/').pop() === files.name);
  const chosen = named ?? found[0];
  const others = found.filter((p) => p !== chosen);
  evidence.push(`${files.label(work.path)}: main package ${chosen} of the workspace → entry${others.length ? ` (also: ${others.join(', ')}; pass --entry to choose)` : ''}`);
  return chosen;
}

/** The go.work the project builds under, with the modules its build needs; null when the project is not one of its modules. */
function goWork(files: ProjectFiles, evidence: string[], work: GoWorkspace | null, entryPath: string | null): Detection['goWork'] | null {
  if (!work) return null;
  const label = files.label(work.path);
  for (const rel of work.missing) evidence.push(`${label}: use ${rel} has no go.mod; go refuses this workspace until it is fixed`);
  let start = memberOf(work, files.dir);
  if (start === null && work.root === files.dir && entryPath) start = memberOf(work, joinPath(files.dir, entryPath.replace(/^\.\/?/, '')));
  if (start === null) {
    evidence.push(`${label}: does not use this module (go would refuse to build it there); building the module on its own`);
    return null;
  }
  const needs = neededGoModules(files.fs, work, start);
  const others = needs.filter((d) => d !== start);
  evidence.push(
    `${label}: workspace of ${work.modules.length} module${work.modules.length === 1 ? '' : 's'}; this app is ${start || '.'}` +
      (others.length ? `, and its build reads ${others.join(', ')}` : ', and its build reads no other member'),
  );
  return { path: work.path, modules: work.modules.map((m) => m.dir), needs };
}

export const goDetector: LanguageDetector = {
  language: 'go',
  checks: ['go.mod', '*.go', 'cmd/*/main.go'],
  probe,
  details(files) {
    // the workspace decides the version, and a go.work folder's entry decides which member is the app: entry first,
    // evidence in the usual order (version, workspace, checksums, entry)
    const found = findGoWorkspace(files.fs, files.dir);
    const entryEvidence: string[] = [];
    const entryPath = entry(files, entryEvidence, found);
    const workEvidence: string[] = [];
    const work = goWork(files, workEvidence, found, entryPath);
    const evidence: string[] = [];
    const runtime = runtimeVersion(files, evidence, work ? found : null);
    evidence.push(...workEvidence);
    const sum = files.findUp(['go.sum']);
    if (sum) evidence.push(`${files.label(sum.path)}: module checksums present`);
    evidence.push(...entryEvidence);
    return { language: 'go', packageManager: 'go', runtimeVersion: runtime, entry: entryPath, ...(work ? { goWork: work } : {}), evidence };
  },
};

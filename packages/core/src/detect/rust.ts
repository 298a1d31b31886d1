import { parse as parseToml } from 'smol-toml';
import { currentVersion } from './current-versions';
import type { LanguageDetector, Probe } from './detector';
import { joinPath } from './file-reader';
import { dig, isRecord, managedVersions, MANAGER_TOOL_NAMES, str, type ProjectFiles } from './project-files';
import { reduceVersionRange, truncateVersion } from './version-range';

type Toml = Record<string, unknown>;

function probe(files: ProjectFiles): Probe {
  return files.has('Cargo.toml') ? { strength: 3, signals: ['Cargo.toml'] } : { strength: 0, signals: [] };
}

function readCargo(files: ProjectFiles, path: string, evidence: string[]): Toml | null {
  const parsed = files.readToml(path);
  if (parsed && !parsed.ok) evidence.push(`${files.label(path)}: could not parse (${parsed.error})`);
  return parsed?.ok ? parsed.value : null;
}

/** The Cargo.toml holding [workspace]: the project's own, else the nearest one above. */
function workspaceManifest(files: ProjectFiles, own: Toml | null): { path: string; toml: Toml } | null {
  if (own && isRecord(own.workspace)) return { path: files.path('Cargo.toml'), toml: own };
  for (const dir of files.dirs.slice(1)) {
    const path = joinPath(dir, 'Cargo.toml');
    const parsed = files.readToml(path);
    if (parsed?.ok && isRecord(parsed.value.workspace)) return { path, toml: parsed.value };
  }
  return null;
}

/** rust-toolchain.toml / rust-toolchain (TOML or a bare channel line): the channel. */
function toolchainChannel(text: string): string | null {
  if (/^\s*\[toolchain\]/m.test(text)) {
    try {
      return str(dig(parseToml(text), 'toolchain', 'channel')) ?? null;
    } catch {
      return null;
    }
  }
  return text.split('\n').map((l) => l.replace(/#.*/, '').trim()).find(Boolean) ?? null;
}

function runtimeVersion(files: ProjectFiles, own: Toml | null, ws: { path: string; toml: Toml } | null, evidence: string[]): string | null {
  const tc = files.findUp(['rust-toolchain.toml', 'rust-toolchain']);
  if (tc) {
    const label = files.label(tc.path);
    const channel = toolchainChannel(files.fs.read(tc.path) ?? '');
    if (channel && /^\d+\.\d+/.test(channel)) {
      const v = truncateVersion(channel, 2);
      evidence.push(`${label}: channel ${channel} → ${v}`);
      return v;
    }
    if (channel) {
      evidence.push(`${label}: channel ${channel} has no versioned image → default stable`);
      return null;
    }
    evidence.push(`${label}: no channel found; ignored`);
  }
  for (const dir of files.dirs) {
    for (const m of managedVersions(files, dir, MANAGER_TOOL_NAMES.rust, evidence)) {
      if (!/^\d+\.\d+/.test(m.spec)) {
        evidence.push(`${files.label(m.path)}: ${m.what}"${m.spec}" has no versioned image → default stable`);
        return null;
      }
      const v = truncateVersion(m.spec, 2);
      evidence.push(`${files.label(m.path)}: ${m.what}${m.spec} → ${v}`);
      return v;
    }
  }
  // rust-version is a minimum (MSRV): an open floor, so the default (stable) toolchain.
  const ownRv = dig(own, 'package', 'rust-version');
  let msrv: string | undefined;
  let where = 'Cargo.toml: package.rust-version';
  if (typeof ownRv === 'string') msrv = ownRv;
  else if (ws && (dig(ownRv, 'workspace') === true || !own?.package)) {
    msrv = str(dig(ws.toml, 'workspace', 'package', 'rust-version'));
    where = `${files.label(ws.path)}: workspace.package.rust-version`;
  }
  if (msrv) {
    // the default is the stable channel (rust:1-*), which is at or past every published minimum
    evidence.push(`${where} ${msrv} → default (minimum supported; the stable channel satisfies it)`);
    return null;
  }
  return null;
}

/** Binary names a package builds: default-run, [[bin]] names, src/main.rs (package name), src/bin/*. */
function binaries(files: ProjectFiles, dir: string, cargo: Toml): { names: string[]; defaultRun?: string } {
  const pkgName = str(dig(cargo, 'package', 'name'));
  const names: string[] = [];
  const bins = Array.isArray(cargo.bin) ? cargo.bin : [];
  for (const b of bins) {
    const n = str(dig(b, 'name'));
    if (n) names.push(n);
  }
  if (pkgName && files.fs.isFile(joinPath(dir, 'src/main.rs')) && !names.includes(pkgName)) names.push(pkgName);
  for (const f of [...files.fs.list(joinPath(dir, 'src/bin'))].sort()) {
    const p = joinPath(dir, `src/bin/${f}`);
    const n = f.endsWith('.rs') && files.fs.isFile(p) ? f.slice(0, -3) : files.fs.isFile(`${p}/main.rs`) ? f : null;
    if (n && !names.includes(n)) names.push(n);
  }
  return { names, defaultRun: str(dig(cargo, 'package', 'default-run')) };
}

/** Member folders of a [workspace] (trailing `/*` globs expanded), relative to the workspace manifest's folder. */
function members(files: ProjectFiles, wsDir: string, ws: Toml): string[] {
  const list = dig(ws, 'workspace', 'members');
  const out: string[] = [];
  for (const m of Array.isArray(list) ? list : []) {
    if (typeof m !== 'string') continue;
    const clean = m.replace(/\/$/, '');
    if (clean.endsWith('/*')) {
      const base = clean.slice(0, -2);
      for (const d of [...files.fs.list(joinPath(wsDir, base))].sort()) {
        if (files.fs.isFile(joinPath(wsDir, `${base}/${d}/Cargo.toml`))) out.push(`${base}/${d}`);
      }
    } else if (!clean.includes('*')) out.push(clean);
  }
  return out;
}

function entry(files: ProjectFiles, own: Toml | null, evidence: string[]): string | null {
  if (!own) return null;
  if (isRecord(own.package)) {
    const { names, defaultRun } = binaries(files, files.dir, own);
    if (defaultRun) {
      evidence.push(`Cargo.toml: default-run ${defaultRun} → entry ${defaultRun}`);
      return defaultRun;
    }
    if (names.length) {
      const more = names.length > 1 ? ` (also: ${names.slice(1).join(', ')}; pass --entry to choose)` : '';
      evidence.push(`Cargo.toml: binary ${names[0]} → entry ${names[0]}${more}`);
      return names[0];
    }
    evidence.push('Cargo.toml: no [[bin]], src/main.rs or src/bin/ — a library crate; no entry');
    return null;
  }
  if (isRecord(own.workspace)) {
    const found: string[] = [];
    const mems = members(files, files.dir, own);
    evidence.push(`Cargo.toml: workspace members ${mems.join(', ') || '(none)'}`);
    for (const m of mems) {
      const cargo = files.readToml(files.path(`${m}/Cargo.toml`));
      if (!cargo?.ok) continue;
      const { names, defaultRun } = binaries(files, files.path(m), cargo.value);
      found.push(...(defaultRun ? [defaultRun] : names));
    }
    if (found.length) {
      const more = found.length > 1 ? ` (also: ${found.slice(1).join(', ')}; pass --entry to choose)` : '';
      evidence.push(`workspace binary ${found[0]} → entry ${found[0]}${more}`);
      return found[0];
    }
    evidence.push('no workspace member builds a binary; no entry');
  }
  return null;
}

export const rustDetector: LanguageDetector = {
  language: 'rust',
  checks: ['Cargo.toml'],
  probe,
  details(files) {
    const evidence: string[] = [];
    const own = readCargo(files, files.path('Cargo.toml'), evidence);
    if (!files.has('Cargo.toml')) evidence.push('Cargo.toml: not found in the project');
    const ws = workspaceManifest(files, own);
    if (ws && ws.path !== files.path('Cargo.toml')) evidence.push(`${files.label(ws.path)}: member of a Cargo workspace`);
    const runtime = runtimeVersion(files, own, ws, evidence);
    const lock = files.findUp(['Cargo.lock']);
    if (lock) evidence.push(`${files.label(lock.path)}: lockfile → cargo build --locked`);
    return { language: 'rust', packageManager: 'cargo', runtimeVersion: runtime, entry: entry(files, own, evidence), evidence };
  },
};

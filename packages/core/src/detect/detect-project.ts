import { describeEndOfLife, endOfLife, tagVersion } from '../catalog';
import { existsSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { LANGUAGES, type Detection, type FileReader, type Language, type LanguageHint, type NodeFramework } from '../types';
import { DetectionError, LANGUAGE_FLAG } from './detection-error';
import type { LanguageDetector, Probe } from './detector';
import { nodeFileReader, normalizePath } from './file-reader';
import { goDetector } from './go';
import { javaDetector } from './java';
import { nodeDetector } from './node';
import { detectListen } from './listen';
import { ProjectFiles } from './project-files';
import { pythonDetector } from './python';
import { rustDetector } from './rust';

export const DETECTORS: Readonly<Record<Language, LanguageDetector>> = {
  node: nodeDetector,
  python: pythonDetector,
  go: goDetector,
  rust: rustDetector,
  java: javaDetector,
};

export interface DetectOptions {
  /** Absolute path of the workspace (monorepo) root; lockfiles and version files are also looked up there. */
  workspaceRoot: string;
  /** Where files are read from; defaults to the real disk under workspaceRoot. */
  fs?: FileReader;
  /** Skip language detection and read only this language's details. */
  language?: Language;
  /** Languages the caller's tooling names for this project; each is as strong as a manifest. */
  hints?: readonly LanguageHint[];
  /** A framework the caller's tooling builds the app with (an Nx web build executor); used when the app's own files name none. */
  framework?: FrameworkHint;
}

export interface FrameworkHint {
  framework: NodeFramework;
  because: string;
}

/** projectRoot (absolute, or relative to the workspace root) → workspace-relative '/' path. */
function projectDir(projectRoot: string, workspaceRoot: string): string {
  let rel = path.isAbsolute(projectRoot) ? path.relative(path.resolve(workspaceRoot), path.resolve(projectRoot)) : projectRoot;
  if (path.isAbsolute(projectRoot) && rel.startsWith('..') && existsSync(workspaceRoot) && existsSync(projectRoot)) {
    // The same folder reached through a symlink (macOS /tmp → /private/tmp, a linked checkout).
    rel = path.relative(realpathSync(workspaceRoot), realpathSync(projectRoot));
  }
  const dir = normalizePath(rel);
  if (dir === null || path.isAbsolute(rel)) {
    throw new DetectionError(`project root "${projectRoot}" is outside the workspace root "${workspaceRoot}"; pass a folder inside it`);
  }
  return dir;
}

function checkedText(): string {
  return LANGUAGES.map((l) => `${l}: ${DETECTORS[l].checks.join(', ')}`).join('; ');
}

function hintSigns(hints: readonly LanguageHint[]): Map<Language, string[]> {
  const signs = new Map<Language, string[]>();
  for (const { language, because } of hints) {
    const list = signs.get(language) ?? [];
    if (!list.includes(because)) list.push(because);
    signs.set(language, list);
  }
  return signs;
}

/**
 * Language, package manager, runtime version and entry of the project at projectRoot.
 * The language is the one with the strongest sign (see Strength); a package.json with only scripts
 * loses to any other language's manifest. Throws DetectionError when nothing is found or two
 * languages are equally strong.
 */
export function detectProject(projectRoot: string, opts: DetectOptions): Detection {
  const fs = opts.fs ?? nodeFileReader(opts.workspaceRoot);
  const dir = projectDir(projectRoot, opts.workspaceRoot);
  const shown = dir === '' ? '.' : dir;
  if (dir !== '' && (!fs.exists(dir) || fs.isFile(dir))) {
    throw new DetectionError(`${shown}: no such project folder in the workspace "${opts.workspaceRoot}"; pass an existing project root`);
  }
  if (fs.list(dir).length === 0) {
    throw new DetectionError(`${dir === '' ? path.resolve(opts.workspaceRoot) : shown} is an empty folder; pass the folder that holds the app`);
  }
  const name = dir === '' ? path.basename(path.resolve(opts.workspaceRoot)) : dir.slice(dir.lastIndexOf('/') + 1);
  const files = new ProjectFiles(fs, dir, name);

  if (opts.language !== undefined) {
    const forced = Object.hasOwn(DETECTORS, opts.language) ? DETECTORS[opts.language] : undefined;
    if (!forced) throw new DetectionError(`unknown language "${opts.language}"; pass ${LANGUAGE_FLAG}`);
    const d = withFrameworkHint(withLifecycle(forced.details(files)), opts.framework);
    return withListen(opts.language, files, { ...d, evidence: [`language ${opts.language}: given by --language`, ...d.evidence] });
  }

  const hinted = hintSigns(opts.hints ?? []);
  const probes = LANGUAGES.map((language) => {
    const probe = DETECTORS[language].probe(files);
    const hint = hinted.get(language);
    // A hint is as strong as a manifest: apps built by a monorepo tool's plugin may have no manifest of their own.
    return hint ? { language, strength: 3 as const, signals: [...hint, ...probe.signals] } : { language, ...probe };
  }).filter((p) => p.strength > 0);
  const checked = Object.fromEntries(LANGUAGES.map((l) => [l, DETECTORS[l].checks]));
  const candidates = probes.map(({ language, signals }) => ({ language, signals }));
  if (!probes.length) {
    throw new DetectionError(
      `${shown}: no language detected (checked ${checkedText()}); pass ${LANGUAGE_FLAG}`,
      checked,
      candidates,
    );
  }
  const best = Math.max(...probes.map((p) => p.strength));
  const top = probes.filter((p) => p.strength === best);
  if (top.length > 1) {
    const found = top.map((p) => `${p.language} (${p.signals.join(', ')})`).join(' and ');
    throw new DetectionError(
      `${shown}: ${found} are equally likely (checked ${checkedText()}); pass ${LANGUAGE_FLAG} to choose`,
      checked,
      candidates,
    );
  }
  const winner: Probe & { language: Language } = top[0];
  const why = [`language ${winner.language}: ${winner.signals.join(', ')}`];
  for (const p of probes) {
    if (p === winner) continue;
    const note = p.language === 'node' && p.signals[0]?.startsWith('package.json (scripts only)') ? ' — a script wrapper' : '';
    why.push(`weaker sign of ${p.language} ignored: ${p.signals.join(', ')}${note}`);
  }
  const d = withFrameworkHint(withLifecycle(DETECTORS[winner.language].details(files)), opts.framework);
  return withListen(winner.language, files, { ...d, evidence: [...why, ...d.evidence] });
}

/** The caller's framework when the files named none (node only). */
function withFrameworkHint<D extends Omit<Detection, 'listen'>>(d: D, hint: FrameworkHint | undefined): D {
  if (!hint || d.language !== 'node' || d.framework) return d;
  const f = hint.framework;
  const what = f.kind === 'static' ? `static files in ${f.outputDir}/ served by nginx${f.spaFallback === false ? '' : ' with SPA fallback'}` : `built to ${f.outputDir}/`;
  return { ...d, framework: f, evidence: [...d.evidence, `${hint.because} → ${what}`] };
}

/** Adds where the app listens (port, env, loopback warnings) and its evidence after the language's own. */
function withListen(language: Language, files: ProjectFiles, d: Omit<Detection, 'listen'>): Detection {
  if (d.framework?.kind === 'static') {
    // the image's server is nginx on its own port; the app's sources describe a browser app (or a dev server)
    const listen = { port: null, portEnv: null, hostEnv: null, warnings: [] };
    return { ...d, listen, evidence: [...d.evidence, 'port: 8080, nginx in the static image (--port changes it)'] };
  }
  const l = detectListen(language, files, d);
  return { ...d, ...(l.startCommand ? { startCommand: l.startCommand } : {}), listen: l.listen, evidence: [...d.evidence, ...l.evidence] };
}

/** A version the project pins is kept, but the evidence says when it is past end of life and what to move to. */
function withLifecycle<D extends Omit<Detection, 'listen'>>(d: D): D {
  if (!d.runtimeVersion) return d;
  const eol = endOfLife(d.language, tagVersion(d.language, d.runtimeVersion));
  if (!eol) return d;
  return { ...d, evidence: [...d.evidence, `${describeEndOfLife(eol)} (kept because the project pins it)`] };
}

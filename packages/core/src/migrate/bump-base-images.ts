import type { ImageMove } from '../catalog/history';
import { addManagedHeader, managedState, type ManagedState } from '../managed/header';
import { compareVersions, fromImages, refRepository, refVersion, replaceFromImages } from '../dockerfile/from-refs';

export interface FromRewrite {
  line: number;
  from: string;
  to: string;
}

export interface FileOutcome {
  /** changed: `text` differs from the input; skipped: something looked relevant but was left alone; unchanged: nothing to do. */
  status: 'changed' | 'skipped' | 'unchanged';
  /** One line for the log. */
  reason: string;
  text: string;
  state: ManagedState;
  rewrites: FromRewrite[];
  /** Per-line reasons for FROM lines left alone. */
  notes: string[];
}

/** Image family for comparing versions: digits blanked, so nodejs20-debian12 and nodejs22-debian12 match. */
function family(ref: string): string {
  return refRepository(ref).replace(/\d+/g, '#');
}

/**
 * Move FROM lines of a managed Dockerfile from old catalog defaults to the current ones.
 * Untouched files (hash matches) get every old default moved and a fresh header, so they stay managed.
 * Hand-edited files get only the FROM lines that still equal an old default; their header stays, so
 * they stay marked as edited. Digest-pinned, ARG-based, newer and unknown refs are never touched, and
 * no move that would lower a version is applied.
 */
export function bumpBaseImages(text: string, moves: ImageMove[], opts: { version?: string } = {}): FileOutcome {
  const state = managedState(text);
  if (state === 'unmanaged') {
    return { status: 'skipped', reason: 'no docker-ms header, not a managed Dockerfile', text, state, rewrites: [], notes: [] };
  }
  const byFrom = new Map(moves.map((m) => [m.from, m.to]));
  const targets = new Set(moves.map((m) => m.to));
  const families = new Map<string, string>();
  for (const m of moves) families.set(family(m.from), m.to);

  const images = fromImages(text);
  const edits = new Map<number, string>();
  const rewrites: FromRewrite[] = [];
  const notes: string[] = [];
  for (const image of images) {
    if (image.isStage) continue;
    const where = `line ${image.line}: ${image.ref}`;
    if (image.usesArg) {
      notes.push(`${where} uses a build arg, left alone`);
      continue;
    }
    const related = families.get(family(image.ref));
    if (image.digest) {
      if (related) notes.push(`${where} is pinned by digest, left alone`);
      continue;
    }
    const to = byFrom.get(image.ref);
    if (to !== undefined) {
      const [oldV, newV] = [refVersion(image.ref), refVersion(to)];
      if (oldV && newV && compareVersions(newV, oldV) < 0) {
        notes.push(`${where} would move down to ${to}, left alone`);
        continue;
      }
      edits.set(image.start, to);
      rewrites.push({ line: image.line, from: image.ref, to });
      continue;
    }
    if (related && !targets.has(image.ref)) {
      const [have, target] = [refVersion(image.ref), refVersion(related)];
      if (have && target && compareVersions(have, target) >= 0) notes.push(`${where} is already at or past the default ${related}, left alone`);
      else notes.push(`${where} is not an old default, left alone`);
    }
  }

  if (rewrites.length === 0) {
    return notes.length
      ? { status: 'skipped', reason: notes.join('; '), text, state, rewrites, notes }
      : { status: 'unchanged', reason: 'no FROM line uses an old default', text, state, rewrites, notes };
  }
  const moved = replaceFromImages(text, images, edits);
  const summary = rewrites.map((r) => `line ${r.line}: ${r.from} -> ${r.to}`).join('; ');
  const kept = notes.length ? `; ${notes.join('; ')}` : '';
  if (state === 'untouched') {
    return { status: 'changed', reason: `untouched, header re-stamped; ${summary}${kept}`, text: addManagedHeader(moved, opts.version), state, rewrites, notes };
  }
  return { status: 'changed', reason: `hand-edited, only old defaults moved; ${summary}${kept}`, text: moved, state, rewrites, notes };
}

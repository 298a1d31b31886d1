import { readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { assertWritableFile, writeFileAtomic } from '../../files';
import { coreVersion, managedState } from '../../managed';
import { isPinned } from '../../dockerfile/pin-digests';
import { pinBaseImages, pinChangeLines } from '../../engine/digests';
import { migrateDockerfiles } from '../../migrate';
import { flagSpec, parseFlags } from '../flags';
import { UsageError } from '../io';
import type { CliCommand } from '../registry';
import { workspaceRootFor } from '../workspace-root';
import { findDockerfiles } from '../workspace-apps';

const spec = flagSpec({}, { own: { dryRun: 'boolean', from: 'string', workspaceRoot: 'string' } });
const RELEASE = /^\d+\.\d+\.\d+(-[\w.]+)?$/;

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'move managed Dockerfiles to the base images of this docker-ms release (what nx migrate runs)',
  help: [
    'Usage: docker-ms migrate [<file>...] [--dry-run] [--from <version>] [--workspace-root <dir>]',
    '',
    'Rewrites FROM lines of Dockerfiles carrying the docker-ms header from the base-image defaults of the',
    'release that wrote them (named in the header) to this release\'s. Untouched files are re-stamped;',
    'hand-edited files get only FROM lines that still equal an old default; digest-pinned, ARG-based and',
    'newer references are left alone; in a file pinned by digest (pinDigests) every digest is resolved again',
    '(registry, else the local store) and updated. Prints every file updated or skipped with the reason.',
    '  <file>...              Dockerfiles to migrate (default: every Dockerfile in the workspace)',
    '  --dry-run              print what would change, write nothing',
    '  --from <version>       treat files as written by this release instead of their header\'s',
    '  --workspace-root <dir> monorepo root (default: detected)',
  ].join('\n'),
  async run(args, io) {
    const { options, positionals } = parseFlags(args, spec, 'migrate');
    const from = options.from === undefined ? undefined : String(options.from);
    if (from !== undefined && !RELEASE.test(from)) throw new UsageError(`--from: must be a release like 0.1.0 (got ${JSON.stringify(from)})`);
    const root = workspaceRootFor(options.workspaceRoot, io.cwd, io.cwd);
    const paths = positionals.length
      ? positionals.map((p) => relative(root, resolve(io.cwd, p)).split(/[\\/]/).join('/'))
      : findDockerfiles(root);
    const files = paths.map((path) => {
      try {
        if (!statSync(join(root, path)).isFile()) throw new Error();
        return { path, text: readFileSync(join(root, path), 'utf8') };
      } catch {
        throw new UsageError(`${path}: no such file (paths are relative to the current folder)`);
      }
    });
    const dryRun = options.dryRun === true;
    // links are refused before any file is rewritten (the walk above never follows them; named files might be links)
    if (!dryRun) for (const { path } of files) assertWritableFile(join(root, path), path, root);
    const counts = { changed: 0, skipped: 0, unchanged: 0 };
    const results = migrateDockerfiles(files, { from, to: coreVersion() });
    // pinned base images (pinDigests) are re-resolved: every digest is found before any file is written
    const pins = await Promise.all(results.map((r) => (managedState(r.text) !== 'unmanaged' && isPinned(r.text) ? pinBaseImages(r.text, { env: io.env }) : null)));
    const problems = [...new Set(pins.flatMap((pin) => pin?.problems ?? []))];
    if (problems.length) {
      for (const problem of problems) io.err(problem);
      io.err('nothing written');
      return 1;
    }
    for (const [i, result] of results.entries()) {
      const pin = pins[i];
      const digests = pin?.changes.length ? `digests ${pinChangeLines(pin).join('; ')}` : '';
      const status = digests ? 'changed' : result.status;
      counts[status]++;
      if (status === 'changed') {
        const text = pin?.changes.length ? pin.text : result.text;
        if (!dryRun) writeFileAtomic(join(root, result.path), text);
        const reason = [result.status === 'changed' ? result.reason : '', digests].filter(Boolean).join('; ');
        io.out(`${dryRun ? 'would update' : 'updated'} ${result.path}: ${reason}`);
      } else if (status === 'skipped') {
        io.out(`skipped ${result.path}: ${result.reason}`);
      }
    }
    const verb = dryRun ? 'would update' : 'updated';
    io.out(`docker-ms ${coreVersion()}: ${verb} ${counts.changed}, skipped ${counts.skipped}, already current ${counts.unchanged} of ${files.length} Dockerfile(s)`);
    return 0;
  },
};

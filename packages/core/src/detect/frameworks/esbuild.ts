import type { NodeFramework } from '../../types';
import { joinPath } from '../file-reader';
import { dig, str } from '../project-files';
import type { FrameworkDetector } from './types';
import { appRelative } from './web-files';

/**
 * An esbuild web app built by its package.json script (esbuild.github.io/api: `--bundle`, `--outdir`/`--outfile`,
 * default platform browser). esbuild writes no HTML: the document root is the folder holding the app's index.html
 * that contains the bundle (public/ with public/build/), or the output folder when the script copies index.html there.
 */
export const esbuildDetector: FrameworkDetector = {
  name: 'esbuild',
  detect(files, pkg, evidence): NodeFramework | null {
    const script = str(dig(pkg, 'scripts', 'build'));
    if (!script || !/\besbuild\b/.test(script) || !/--bundle\b/.test(script) || /--platform[= ]node\b/.test(script)) return null;
    const outdir = /--outdir[= ](\S+)/.exec(script)?.[1] ?? /--outfile[= ](\S+)\/[^/\s]+/.exec(script)?.[1];
    if (!outdir) return null;
    const out = appRelative(outdir.replace(/^['"]|['"]$/g, ''));
    if (out.split('/').includes('..')) return null;
    let root: string | undefined;
    for (let dir = out; ; dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '.') {
      if (files.has(joinPath(dir === '.' ? '' : dir, 'index.html'))) {
        root = dir;
        break;
      }
      if (dir === '.') break;
    }
    if (root === '.' ) root = undefined; // the whole app folder is no document root
    if (!root && /index\.html/.test(script)) root = out;
    if (!root) return null;
    evidence.push(`package.json: scripts.build "${script}" bundles for the browser with esbuild into ${out}/ → static files in ${root}/ (its index.html) served by nginx with SPA fallback`);
    return { name: 'esbuild', kind: 'static', build: 'build', outputDir: root, spaFallback: true };
  },
};

import { NODE_LOCKFILE_NAMES } from '../../../options/lockfiles';
import type { NodeFramework } from '../../../types';
import type { ProjectFiles } from '../../project-files';
import { configFile, dependency, folder, literal, servedBy } from '../config';
import { buildScript } from './build-script';
import type { FrameworkDetector } from '../types';

/**
 * Next.js (https://nextjs.org/docs/app/api-reference/config/next-config-js/output):
 * `output: 'standalone'` → `.next/standalone/server.js`, which needs `.next/static` and `public/` copied next to it
 * and nothing from node_modules; it reads PORT and HOSTNAME (Docker sets HOSTNAME to the container id, so the image
 * sets 0.0.0.0). No `output` → `next start` over `.next` with the production dependencies. `output: 'export'` →
 * static files in `out/` (or distDir).
 */
export const nextDetector: FrameworkDetector = {
  name: 'next',
  detect(files, pkg, evidence) {
    const version = dependency(pkg, 'next');
    if (!version) return null;
    const config = configFile(files, 'next.config');
    const output = literal(config, 'output');
    const distLiteral = literal(config, 'distDir');
    const distDir = distLiteral && 'value' in distLiteral ? folder(distLiteral.value) : '.next';
    const read = config ? `${config.rel}: ` : 'no next.config.*: ';
    const dist = distLiteral && 'value' in distLiteral ? `, distDir "${distDir}"` : distLiteral ? ', distDir is not a literal (assumed .next)' : '';
    const build = buildScript(pkg, 'build', evidence);
    const hasPublic = files.isDir('public');
    const publicCopy = hasPublic ? [{ from: 'public', to: 'public' }] : [];

    if (output && 'value' in output && output.value === 'export') {
      const outputDir = distDir === '.next' ? 'out' : distDir;
      evidence.push(`${read}output "export"${dist} → Next.js static export: ${servedBy(outputDir, false)}`);
      return { name: 'next', kind: 'static', build, outputDir, spaFallback: false };
    }
    const listen = { port: 3000, portEnv: 'PORT' };
    if (output && 'value' in output && output.value === 'standalone') {
      const root = tracingRoot(files, evidence);
      evidence.push(`${read}output "standalone"${dist} → Next.js standalone server: ${distDir}/standalone/${root ? `${root.nested}/` : ''}server.js with ${distDir}/static${hasPublic ? ' and public/' : ''} copied next to it, no node_modules besides its own; start "node server.js"`);
      return {
        name: 'next',
        kind: 'server',
        build,
        outputDir: `${distDir}/standalone`,
        // from a workspace root, standalone keeps the app's path under it: standalone/<app>/server.js
        copy: [{ from: `${distDir}/standalone`, to: root?.up ?? '.' }, { from: `${distDir}/static`, to: `${distDir}/static` }, ...publicCopy],
        nodeModules: false,
        writable: [`${distDir}/cache`],
        start: ['node', 'server.js'],
        listen: { ...listen, hostEnv: ['HOSTNAME', '0.0.0.0'], why: 'server.js of Next.js standalone reads PORT (default 3000) and binds HOSTNAME, which Docker sets to the container id' },
      };
    }
    const why = !output ? 'no output setting' : 'value' in output ? `output "${output.value}"` : 'output is not a literal (assumed the default server)';
    const copy = [{ from: distDir, to: distDir }, ...publicCopy];
    if (config) copy.push({ from: config.rel, to: config.rel });
    evidence.push(`${read}${why}${dist} → Next.js server: next start over ${distDir}/${hasPublic ? ' and public/' : ''} with the production dependencies; start "next start" (output: 'standalone' gives a smaller image)`);
    const framework: NodeFramework = {
      name: 'next',
      kind: 'server',
      build,
      outputDir: distDir,
      copy,
      writable: [`${distDir}/cache`],
      start: ['node', 'node_modules/next/dist/bin/next', 'start'],
      listen: { ...listen, why: 'next start reads PORT (default 3000) and listens on every interface' },
    };
    return framework;
  },
};

/**
 * Next.js infers its outputFileTracingRoot from lockfiles up the tree (next/dist/lib/find-root.js: the highest one,
 * within the repository): when that is above the app, .next/standalone holds the app's path from there
 * (apps/web/server.js) and node_modules at its top.
 */
function tracingRoot(files: ProjectFiles, evidence: string[]): { nested: string; up: string } | null {
  const lock = files.findUp(NODE_LOCKFILE_NAMES, [...files.dirs].reverse());
  if (!lock || lock.dir === files.dir) return null;
  const nested = lock.dir === '' ? files.dir : files.dir.slice(lock.dir.length + 1);
  evidence.push(`${files.label(lock.path)}: Next.js traces from this lockfile's folder, so .next/standalone keeps ${nested}/ inside it (set outputFileTracingRoot to change that)`);
  return { nested, up: nested.split('/').map(() => '..').join('/') };
}

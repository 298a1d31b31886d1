import { configFile, dependency, folder, importsModule, literal, servedBy } from '../config';
import { buildScript } from './build-script';
import type { FrameworkDetector } from '../types';

/**
 * Astro (https://docs.astro.build/en/guides/integrations-guide/node/, /en/recipes/docker/): with the
 * @astrojs/node adapter in standalone mode the build writes dist/server/entry.mjs (run with the production
 * dependencies) and dist/client; it reads PORT (default 4321) and HOST, whose default is localhost, so the image
 * sets HOST=0.0.0.0. Without an adapter (output 'static', the default) → static files in dist/ (or outDir).
 */
export const astroDetector: FrameworkDetector = {
  name: 'astro',
  detect(files, pkg, evidence) {
    if (!dependency(pkg, 'astro')) return null;
    const config = configFile(files, 'astro.config');
    const read = config ? `${config.rel}: ` : 'no astro.config.*: ';
    const outDirLit = literal(config, 'outDir');
    const outDir = outDirLit && 'value' in outDirLit ? folder(outDirLit.value) : 'dist';
    const outText = outDirLit && 'value' in outDirLit ? `outDir "${outDir}"` : outDirLit ? 'outDir is not a literal (assumed dist)' : 'outDir dist (default)';
    const output = literal(config, 'output');
    const outputText = output ? ('value' in output ? `output "${output.value}"` : 'output is not a literal') : 'no output (static)';
    const build = buildScript(pkg, 'build', evidence);
    const nodeAdapter = importsModule(config, '@astrojs/node');
    if (!nodeAdapter) {
      if (output && !('value' in output && output.value === 'static')) {
        evidence.push(`${read}${outputText} without the @astrojs/node adapter: no Node server is built → Astro static site: ${servedBy(outDir, false)} (add @astrojs/node in standalone mode for on-demand pages)`);
      } else {
        evidence.push(`${read}${outputText}, ${outText}, no server adapter → Astro static site: ${servedBy(outDir, false)}`);
      }
      return { name: 'astro', kind: 'static', build, outputDir: outDir, spaFallback: false };
    }
    const mode = literal(config, 'mode', 'node');
    if (mode && 'value' in mode && mode.value === 'middleware') {
      evidence.push(`${read}@astrojs/node in middleware mode: the app's own server mounts ${outDir}/server/entry.mjs; treated as a plain Node server`);
      return null;
    }
    const entry = `${outDir}/server/entry.mjs`;
    evidence.push(`${read}${outputText}, @astrojs/node standalone, ${outText} → Astro server ${entry} with the production dependencies; start "node ${entry}"`);
    return {
      name: 'astro',
      kind: 'server',
      build,
      outputDir: outDir,
      start: ['node', entry],
      listen: { port: 4321, portEnv: 'PORT', hostEnv: ['HOST', '0.0.0.0'], why: '@astrojs/node standalone reads PORT (default 4321) and HOST (default localhost)' },
    };
  },
};

import { configFile, dependency, literal, script, servedBy } from '../config';
import { buildScript } from './build-script';
import type { FrameworkDetector } from '../types';

const NODE_PRESETS = new Set(['node-server', 'node_server', 'node-cluster', 'node_cluster', 'node']);

/**
 * Nuxt 3/4 (https://nuxt.com/docs/getting-started/deployment): `nuxt build` → `.output/server/index.mjs`, a
 * self-contained Nitro server (its dependencies are traced into .output/server/node_modules) reading
 * NITRO_PORT/PORT (default 3000) and NITRO_HOST/HOST (default every interface). `nuxt generate` (or the static
 * preset) → prerendered files in `.output/public`.
 */
export const nuxtDetector: FrameworkDetector = {
  name: 'nuxt',
  detect(files, pkg, evidence) {
    if (!dependency(pkg, 'nuxt')) return null;
    const config = configFile(files, 'nuxt.config');
    const preset = literal(config, 'preset', 'nitro');
    const build = script(pkg, 'build') ?? '';
    const generates = /\bnux[ti]\s+generate\b/.test(build);
    const read = config ? `${config.rel}: ` : 'no nuxt.config.*: ';
    const presetText = preset && 'value' in preset ? `nitro.preset "${preset.value}"` : preset ? 'nitro.preset is not a literal (assumed node-server)' : 'no nitro.preset (node-server)';
    if (generates || (preset && 'value' in preset && preset.value === 'static')) {
      const why = generates ? `package.json: scripts.build "${build}"` : `${read}${presetText}`;
      evidence.push(`${why} → Nuxt prerendered site: ${servedBy('.output/public', false)}`);
      return { name: 'nuxt', kind: 'static', build: buildScript(pkg, 'build', evidence), outputDir: '.output/public', spaFallback: false };
    }
    const scriptGenerate = /\bnux[ti]\s+generate\b/.test(script(pkg, 'generate') ?? '');
    if (preset && 'value' in preset && !NODE_PRESETS.has(preset.value)) {
      evidence.push(`${read}${presetText} builds for another host, not a Node server; the image still runs .output/server/index.mjs (set the preset to node-server)`);
    }
    evidence.push(`${read}${presetText} → Nuxt server: .output/ (self-contained, no node_modules copied); start "node .output/server/index.mjs"${scriptGenerate ? ' (scripts.generate exists, but the build script builds the server)' : ''}`);
    return {
      name: 'nuxt',
      kind: 'server',
      build: buildScript(pkg, 'build', evidence),
      outputDir: '.output',
      nodeModules: false,
      start: ['node', '.output/server/index.mjs'],
      listen: { port: 3000, portEnv: 'PORT', why: 'the Nitro node-server reads NITRO_PORT or PORT (default 3000) and listens on every interface' },
    };
  },
};

import { configFile, dependency, folder, importsModule, literal, servedBy } from '../config';
import { buildScript } from './build-script';
import type { FrameworkDetector } from '../types';

/**
 * SvelteKit (https://svelte.dev/docs/kit/adapter-node, /adapter-static), adapter from svelte.config.js or vite.config.*: adapter-node writes build/index.js (its
 * `out` option), run with package.json and the production dependencies; it reads PORT (default 3000) and HOST
 * (default 0.0.0.0). adapter-static writes files to build/ (its `pages` option); a `fallback` page makes it a SPA.
 * adapter-auto builds nothing a container can run.
 */
export const sveltekitDetector: FrameworkDetector = {
  name: 'sveltekit',
  detect(files, pkg, evidence) {
    if (!dependency(pkg, '@sveltejs/kit')) return null;
    // the adapter sits in svelte.config.js, or (sv create since SvelteKit 2.5x) in the sveltekit() plugin of vite.config.ts
    const candidates = [configFile(files, 'svelte.config', ['js', 'mjs', 'ts']), configFile(files, 'vite.config')].filter((c) => c !== null);
    const config = candidates.find((c) => /\badapter\b/.test(c.text)) ?? candidates[0] ?? null;
    const read = config ? `${config.rel}: ` : 'no svelte.config.*: ';
    const build = buildScript(pkg, 'build', evidence);
    if (importsModule(config, '@sveltejs/adapter-node')) {
      const out = literal(config, 'out', 'adapter');
      const dir = out && 'value' in out ? folder(out.value) : 'build';
      evidence.push(`${read}@sveltejs/adapter-node, out ${out && 'value' in out ? `"${dir}"` : 'build (default)'} → SvelteKit server ${dir}/index.js with package.json and the production dependencies; start "node ${dir}/index.js"`);
      return {
        name: 'sveltekit',
        kind: 'server',
        build,
        outputDir: dir,
        start: ['node', `${dir}/index.js`],
        listen: { port: 3000, portEnv: 'PORT', why: 'adapter-node reads PORT (default 3000) and HOST (default 0.0.0.0)' },
      };
    }
    if (importsModule(config, '@sveltejs/adapter-static')) {
      const pages = literal(config, 'pages', 'adapter');
      const fallback = literal(config, 'fallback', 'adapter');
      const dir = pages && 'value' in pages ? folder(pages.value) : 'build';
      const spa = Boolean(fallback && 'value' in fallback);
      evidence.push(`${read}@sveltejs/adapter-static, pages ${pages && 'value' in pages ? `"${dir}"` : 'build (default)'}${spa ? `, fallback "${(fallback as { value: string }).value}" (SPA)` : ''} → SvelteKit static site: ${servedBy(dir, spa)}`);
      return { name: 'sveltekit', kind: 'static', build, outputDir: dir, spaFallback: spa };
    }
    const adapter = /from\s*['"](@sveltejs\/adapter-[\w-]+|[\w@/.-]*adapter[\w@/.-]*)['"]/.exec(config?.text ?? '')?.[1];
    evidence.push(`${read}${adapter ? `adapter ${adapter}` : 'no adapter'} builds nothing a container runs; use @sveltejs/adapter-node (server) or @sveltejs/adapter-static (files) in svelte.config.js`);
    return null;
  },
};

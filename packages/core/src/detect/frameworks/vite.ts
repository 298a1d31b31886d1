import type { NodeFramework } from '../../types';
import { joinPath } from '../file-reader';
import type { FrameworkDetector } from './types';
import { appRelative, buildScript, buildWord, configFile, dependencyNames, literalOption } from './web-files';

const CONFIGS = ['vite.config.ts', 'vite.config.mts', 'vite.config.js', 'vite.config.mjs', 'vite.config.cts', 'vite.config.cjs'];

/** UI libraries whose Vite plugin or package names the SPA's flavor, for the evidence. */
const FLAVORS: Array<[string, string[]]> = [
  ['react', ['@vitejs/plugin-react', '@vitejs/plugin-react-swc', 'react-dom']],
  ['vue', ['@vitejs/plugin-vue', 'vue']],
  ['svelte', ['@sveltejs/vite-plugin-svelte', 'svelte']],
  ['preact', ['@preact/preset-vite', 'preact']],
  ['solid', ['vite-plugin-solid', 'solid-js']],
  ['lit', ['lit']],
];

/**
 * A Vite single-page app (vite.dev/guide: index.html at the project root, `vite build` writes `build.outDir`,
 * default dist, relative to `root`). Library mode (`build.lib`) and SSR builds are not sites; a config with no
 * index.html next to it is a test-only config (Vitest), not an app.
 */
export const viteDetector: FrameworkDetector = {
  name: 'vite',
  detect(files, pkg, evidence): NodeFramework | null {
    const config = configFile(files, CONFIGS);
    const deps = dependencyNames(files, pkg);
    if (!config && !deps.has('vite')) return null;
    const text = config?.text ?? '';
    if (/\blib\s*:\s*\{/.test(text) || /\bssr\s*:\s*['"`{]/.test(text)) return null;
    const rootOption = literalOption(text, 'root');
    const root = rootOption ? appRelative(rootOption) : '.';
    const index = joinPath(root === '.' ? '' : root, 'index.html');
    if (!files.has(index)) return null;
    const outDirOption = literalOption(text, 'outDir');
    let outDir = 'dist';
    if (typeof outDirOption === 'string') outDir = appRelative(root === '.' ? outDirOption : `${root}/${outDirOption}`);
    else if (outDirOption === null) evidence.push(`${config?.file}: build.outDir is not a string literal; assuming ${outDir} (pass --output-path if the build writes elsewhere)`);
    const flavor = FLAVORS.find(([, names]) => names.some((n) => deps.has(n) || text.includes(`'${n}'`) || text.includes(`"${n}"`)))?.[0];
    evidence.push(
      `${config?.file ?? 'package.json'}: Vite${flavor ? ` ${flavor}` : ''} single-page app (${index}, no SSR or library build) → static files in ${outDir}/ served by nginx with SPA fallback; ${buildWord(pkg)}`,
    );
    return { name: 'vite', kind: 'static', build: buildScript(pkg), outputDir: outDir, spaFallback: true };
  },
};

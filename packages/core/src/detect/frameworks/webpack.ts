import type { NodeFramework } from '../../types';
import type { FrameworkDetector } from './types';
import { appRelative, buildScript, buildWord, configFile, dependencyNames, literalOption } from './web-files';

const CONFIGS = ['webpack.config.js', 'webpack.config.cjs', 'webpack.config.mjs', 'webpack.config.ts'];

/**
 * A webpack web app: its config emits an index.html (html-webpack-plugin, webpack.js.org/plugins/html-webpack-plugin;
 * or Nx's NxAppWebpackPlugin with `index: './src/index.html'`) into `output.path` (default dist, or the plugin's
 * `outputPath`). `target: 'node'` builds a server, not a site.
 */
export const webpackDetector: FrameworkDetector = {
  name: 'webpack',
  detect(files, pkg, evidence): NodeFramework | null {
    const config = configFile(files, CONFIGS);
    if (!config) return null;
    const { text, file } = config;
    if (/\btarget\s*:\s*['"`](?:async-)?node/.test(text)) return null;
    const html = /HtmlWebpackPlugin|html-webpack-plugin/.test(text) || dependencyNames(files, pkg).has('html-webpack-plugin');
    const nxIndex = /\bindex\s*:\s*['"`][^'"`]*\.html['"`]/.test(text);
    if (!html && !nxIndex) return null;
    const option = literalOption(text, nxIndex ? 'outputPath' : 'path');
    let outDir = 'dist';
    if (typeof option === 'string') outDir = appRelative(option);
    else if (option === null) evidence.push(`${file}: the output folder is not a string literal; assuming ${outDir} (pass --output-path if the build writes elsewhere)`);
    evidence.push(`${file}: webpack web app (${html ? 'html-webpack-plugin' : 'index.html entry'}) → static files in ${outDir}/ served by nginx with SPA fallback; ${buildWord(pkg)}`);
    return { name: 'webpack', kind: 'static', build: buildScript(pkg), outputDir: outDir, spaFallback: true };
  },
};

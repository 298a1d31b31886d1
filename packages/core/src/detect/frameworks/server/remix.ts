import type { NodeFramework } from '../../../types';
import { nodeScriptEntry } from '../../node';
import { configFile, dependency, folder, literal, script, servedBy, type ConfigFile } from '../config';
import { buildScript } from './build-script';
import type { FrameworkDetector } from '../types';

/** `react-router-serve` / `remix-serve` as a node argv (their bin files: distroless images have no /usr/bin/env). */
function serveBin(pkg: Record<string, unknown> | null, flavour: 'react-router' | 'remix'): string {
  if (flavour === 'remix') return 'node_modules/@remix-run/serve/dist/cli.js';
  // @react-router/serve 7 ships bin.js, 8 bin.cjs
  const range = dependency(pkg, '@react-router/serve') ?? '';
  const major = Number(/(\d+)/.exec(range)?.[1] ?? 7);
  return `node_modules/@react-router/serve/${major >= 8 ? 'bin.cjs' : 'bin.js'}`;
}

/**
 * React Router 7+ framework mode (https://reactrouter.com/how-to/spa, react-router.config.ts) and Remix 2
 * (https://remix.run/docs/en/main/guides/deployment): `react-router build` / `remix vite:build` write
 * build/server/index.js and build/client, run by react-router-serve / remix-serve (PORT, default 3000, every
 * interface) or by the app's own server file named in the start script. `ssr: false` → build/client, a SPA
 * (index.html for every path). The classic Remix compiler (`remix build`) writes build/index.js and public/build.
 */
export const remixDetector: FrameworkDetector = {
  name: 'react-router',
  detect(files, pkg, evidence) {
    const rr = dependency(pkg, '@react-router/dev');
    const remix = dependency(pkg, '@remix-run/dev');
    if (!rr && !remix) return null;
    const name = rr ? 'react-router' : 'remix';
    let config: ConfigFile | null;
    let ssr: ReturnType<typeof literal>;
    let buildDir: ReturnType<typeof literal>;
    const classic = !rr && /\bremix\s+build\b/.test(script(pkg, 'build') ?? '');
    if (rr) {
      config = configFile(files, 'react-router.config');
      ssr = literal(config, 'ssr');
      buildDir = literal(config, 'buildDirectory');
    } else {
      // Remix on Vite: the options of the remix() plugin in vite.config.*
      config = configFile(files, 'vite.config');
      ssr = literal(config, 'ssr', 'remix');
      buildDir = literal(config, 'buildDirectory', 'remix');
    }
    const read = config ? `${config.rel}: ` : `no ${rr ? 'react-router.config.*' : 'vite.config.*'}: `;
    const build = buildScript(pkg, 'build', evidence);
    const dir = buildDir && 'value' in buildDir ? folder(buildDir.value) : 'build';
    const dirText = buildDir && 'value' in buildDir ? `buildDirectory "${dir}"` : buildDir ? 'buildDirectory is not a literal (assumed build)' : 'buildDirectory build (default)';
    if (ssr && 'value' in ssr && ssr.value === 'false') {
      evidence.push(`${read}ssr false, ${dirText} → ${name} SPA: ${servedBy(`${dir}/client`, true)}`);
      return { name, kind: 'static', build, outputDir: `${dir}/client`, spaFallback: true };
    }
    const serverBuild = classic ? `${dir}/index.js` : `${dir}/server/index.js`;
    const start = script(pkg, 'start') ?? '';
    const serve = /\b(?:react-router-serve|remix-serve)\s+(\S+)/.exec(start);
    const own = serve ? null : nodeScriptEntry(start);
    const copy = [{ from: dir, to: dir }];
    if (classic && files.isDir('public')) copy.push({ from: 'public', to: 'public' });
    let argv: string[];
    let how: string;
    if (own) {
      argv = ['node', own];
      copy.push({ from: own, to: own });
      how = `package.json: scripts.start "${start}" runs the app's own server ${own}`;
    } else {
      const target = serve ? serve[1].replace(/^\.\//, '') : serverBuild;
      argv = ['node', serveBin(pkg, name), target];
      how = serve ? `package.json: scripts.start "${start}"` : `no start script naming a server; ${name === 'remix' ? 'remix-serve' : 'react-router-serve'} assumed`;
    }
    evidence.push(`${read}${ssr ? `ssr ${'value' in ssr ? ssr.value : 'not a literal (assumed true)'}` : 'ssr true (default)'}, ${dirText}${classic ? ', classic compiler (remix build)' : ''} → ${name} server build ${serverBuild}; ${how}; start "${argv.join(' ')}" with the production dependencies`);
    const framework: NodeFramework = {
      name,
      kind: 'server',
      build,
      outputDir: dir,
      copy,
      start: argv,
      // the app's own server file says where it listens (the listen scan reads it)
      ...(own ? {} : { listen: { port: 3000, portEnv: 'PORT', why: `${name === 'remix' ? 'remix-serve' : 'react-router-serve'} reads PORT (default 3000) and listens on every interface` } }),
    };
    return framework;
  },
};

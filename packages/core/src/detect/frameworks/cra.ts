import type { NodeFramework } from '../../types';
import { dig, str } from '../project-files';
import type { FrameworkDetector } from './types';
import { buildScript, buildWord, dependencyNames } from './web-files';

/**
 * Create React App (create-react-app.dev/docs/folder-structure, /deployment): react-scripts builds public/index.html
 * and src/ into build/ (BUILD_PATH changes it); every route is index.html's (client-side routing).
 */
export const craDetector: FrameworkDetector = {
  name: 'cra',
  detect(files, pkg, evidence): NodeFramework | null {
    if (!dependencyNames(files, pkg).has('react-scripts')) return null;
    const env = files.read('.env') ?? '';
    const outDir = /^BUILD_PATH=["']?([^"'\s]+)/m.exec(env)?.[1]?.replace(/^\.\//, '').replace(/\/+$/, '') ?? 'build';
    const homepage = str(dig(pkg, 'homepage'));
    evidence.push(
      `package.json: react-scripts (Create React App) → static files in ${outDir}/ served by nginx with SPA fallback; ${buildWord(pkg)}` +
        (outDir !== 'build' ? ' (.env BUILD_PATH)' : '') +
        (homepage ? `; homepage "${homepage}" makes asset URLs relative to it` : ''),
    );
    return { name: 'cra', kind: 'static', build: buildScript(pkg), outputDir: outDir, spaFallback: true };
  },
};

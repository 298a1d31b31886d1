import type { NodeFramework } from '../../types';
import { dig, isRecord, str } from '../project-files';
import type { FrameworkDetector } from './types';
import { appRelative, buildScript, buildWord } from './web-files';

/** Builders whose output is the browser bundle (angular.dev/tools/cli/build). */
const APPLICATION = /^@angular(?:-devkit\/build-angular|\/build):application$/;
const BROWSER = /^@angular-devkit\/build-angular:browser(?:-esbuild)?$/;

/**
 * The browser output folder of an Angular build target: the application builder (v17+) writes
 * `<outputPath>/browser` (outputPath default `dist/<project>`, or `{ base, browser }`); the older browser
 * builders write outputPath itself. Null for a server build (ssr, server, outputMode "server": the SSR detector's).
 */
export function angularBrowserOutput(builder: string, options: Record<string, unknown>, project: string): { dir: string; why: string } | null {
  if (APPLICATION.test(builder)) {
    if (options.ssr || options.server || options.outputMode === 'server') return null;
    const out = options.outputPath;
    if (isRecord(out)) {
      const base = str(out.base) ?? `dist/${project}`;
      const browser = str(out.browser) ?? 'browser';
      return { dir: appRelative(browser === '' ? base : `${base}/${browser}`), why: `outputPath.base "${base}", browser "${browser}"` };
    }
    const base = str(out) ?? `dist/${project}`;
    return { dir: appRelative(`${base}/browser`), why: `${typeof out === 'string' ? `outputPath "${base}"` : `default outputPath ${base}`} + /browser` };
  }
  if (BROWSER.test(builder)) {
    const base = str(options.outputPath);
    return base ? { dir: appRelative(base), why: `outputPath "${base}"` } : null;
  }
  return null;
}

/** An Angular CLI workspace's application (angular.json in the app folder, its `build` target's builder and outputPath). */
export const angularDetector: FrameworkDetector = {
  name: 'angular',
  detect(files, pkg, evidence): NodeFramework | null {
    const parsed = files.readJson(files.path('angular.json'));
    if (!parsed?.ok) return null;
    const projects = dig(parsed.value, 'projects');
    if (!isRecord(projects)) return null;
    const apps = Object.entries(projects).filter(([, p]) => isRecord(p) && (p.projectType ?? 'application') === 'application');
    // the app whose root is the workspace folder itself (ng new), else the only application
    const found = apps.find(([, p]) => (str(dig(p, 'root')) ?? '') === '') ?? (apps.length === 1 ? apps[0] : undefined);
    if (!found) {
      if (apps.length > 1) evidence.push(`angular.json: ${apps.length} applications (${apps.map(([n]) => n).join(', ')}); none at the workspace root — point docker-ms at one, or pass --variant static --output-path`);
      return null;
    }
    const [name, project] = found;
    const build = dig(project, 'architect', 'build') ?? dig(project, 'targets', 'build');
    const builder = str(dig(build, 'builder')) ?? str(dig(build, 'executor')) ?? '';
    const options = isRecord(dig(build, 'options')) ? (dig(build, 'options') as Record<string, unknown>) : {};
    const out = angularBrowserOutput(builder, options, name);
    if (!out) return null;
    evidence.push(`angular.json: project "${name}" builds with ${builder} (${out.why}) → Angular browser app: static files in ${out.dir}/ served by nginx with SPA fallback; ${buildWord(pkg)}`);
    return { name: 'angular', kind: 'static', build: buildScript(pkg), outputDir: out.dir, spaFallback: true };
  },
};

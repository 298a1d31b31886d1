import { dig, isRecord, str } from '../../project-files';
import { dependency, folder } from '../config';
import { buildScript } from './build-script';
import type { FrameworkDetector } from '../types';

/**
 * Angular with server-side rendering (https://angular.dev/guide/ssr): the application builder with `ssr` set in
 * angular.json writes dist/<project>/server/server.mjs next to dist/<project>/browser; the generated
 * src/server.ts reads PORT (default 4000). Angular without `ssr` is a browser app: left to the static detectors.
 */
/**
 * The line that says an SSR build lists no allowed hosts, or null. @angular/ssr checks each request's Host header
 * against the build option `security.allowedHosts` (SSRF protection); an empty list allows none, not even localhost:
 * Angular 21 then serves the client-side shell, Angular 22 answers 400.
 */
export function angularAllowedHostsNote(file: string, buildOptions: unknown): string | null {
  const hosts = dig(buildOptions, 'security', 'allowedHosts');
  if (Array.isArray(hosts) && hosts.length > 0) return null;
  return `${file}: build option security.allowedHosts is empty → the server renders no request (Angular 21 serves the client-side shell, Angular 22 answers 400); list the host names the app is reached by (e.g. ["shop.example.com"]) or set NG_ALLOWED_HOSTS when the container starts`;
}

/** The SSR server the application builder writes, relative to its outputPath (a string, or { base, server }). */
export function angularServerFile(outputPath: unknown): string {
  return `${folder(str(dig(outputPath, 'server')) ?? 'server')}/server.mjs`;
}

export const angularSsrDetector: FrameworkDetector = {
  name: 'angular',
  detect(files, pkg, evidence) {
    if (!dependency(pkg, '@angular/core')) return null;
    const parsed = files.readJson(files.path('angular.json'));
    if (!parsed?.ok) return null;
    const projects = dig(parsed.value, 'projects');
    if (!isRecord(projects)) return null;
    // the project at the workspace's root (the CLI's single-app layout), else the only/first application
    const entries = Object.entries(projects).filter(([, p]) => isRecord(p) && (dig(p, 'projectType') ?? 'application') === 'application');
    const [project, config] = entries.find(([, p]) => (str(dig(p, 'root')) ?? '') === '') ?? entries[0] ?? [];
    if (!project) return null;
    const options = dig(config, 'architect', 'build', 'options') ?? dig(config, 'targets', 'build', 'options');
    const ssr = dig(options, 'ssr');
    if (!ssr) return null;
    const outputPath = dig(options, 'outputPath');
    const base = folder(str(outputPath) ?? str(dig(outputPath, 'base')) ?? `dist/${project}`);
    const entry = `${base}/${angularServerFile(outputPath)}`;
    const outText = outputPath ? `outputPath ${JSON.stringify(outputPath)}` : `no outputPath (dist/${project})`;
    evidence.push(`angular.json: project "${project}" builds with ssr, ${outText} → Angular SSR server ${entry} with the production dependencies; start "node ${entry}"`);
    const hosts = angularAllowedHostsNote('angular.json', options);
    if (hosts) evidence.push(hosts);
    return {
      name: 'angular',
      kind: 'server',
      build: buildScript(pkg, 'build', evidence),
      outputDir: base,
      start: ['node', entry],
      listen: { port: 4000, portEnv: 'PORT', why: "the CLI's src/server.ts reads PORT (default 4000)" },
    };
  },
};

import type { OptionsFor } from '../../options';
import { baseTemplateData, healthcheckCommand, joinPath, type BaseTemplateData } from '../template-data';
import { nodeInstallData, type NodeInstallData } from './node';

/** Where nginx-unprivileged serves files from, and the site config it includes from conf.d. */
export const DOCUMENT_ROOT = '/usr/share/nginx/html';
const SITE_CONFIG = '/etc/nginx/conf.d/default.conf';
const DEFAULT_PORT = 8080;

/**
 * File names that carry a content hash: Vite's assets/<name>-<8 base64url>, webpack/CRA/Angular-webpack hex
 * `[contenthash]`es (8–32), Angular's esbuild `<name>-<8 of A-Z0-9>`. Words never match (they are not all hex and
 * not upper case), so a plain file is never cached for a year.
 */
export const HASHED = '(?:^/assets/.+-[A-Za-z0-9_-]{8}|[.-][0-9a-f]{8,32}(?:\\.chunk)?|-[0-9A-Z]{8})\\.[A-Za-z0-9]+$';

export interface StaticTemplateData extends BaseTemplateData, NodeInstallData {
  /** Context-relative folder the build writes (the document root), as the build stage sees it under /app. */
  site: string;
  port: number;
  /** nginx site config, one line per printf argument. */
  config: string[];
  configPath: string;
  documentRoot: string;
}

export function siteConfig(port: number, spaFallback: boolean): string[] {
  return [
    'server {',
    `    listen ${port};`,
    '    server_name _;',
    `    root ${DOCUMENT_ROOT};`,
    '    index index.html;',
    '    server_tokens off;',
    // redirects (a folder without its slash) keep the client's host and port, not the container's 8080
    '    absolute_redirect off;',
    '    gzip on;',
    '    gzip_vary on;',
    '    gzip_comp_level 6;',
    '    gzip_min_length 256;',
    '    gzip_proxied any;',
    '    gzip_types text/css text/plain text/xml text/javascript application/javascript application/json application/manifest+json application/xml application/wasm image/svg+xml font/ttf font/otf;',
    `    location ~ "${HASHED}" {`,
    '        add_header Cache-Control "public, max-age=31536000, immutable";',
    '        try_files $uri =404;',
    '    }',
    '    location / {',
    '        add_header Cache-Control "no-cache";',
    spaFallback ? '        try_files $uri $uri/ /index.html;' : '        try_files $uri $uri/ $uri.html =404;',
    '    }',
    ...(spaFallback ? [] : ['    error_page 404 /404.html;']),
    '}',
  ];
}

export function staticTemplateData(o: OptionsFor<'node'>): StaticTemplateData {
  const base = baseTemplateData(o);
  const port = o.port ?? DEFAULT_PORT;
  const withPort = { ...o, port, healthcheck: o.healthcheck ?? '/' };
  // the real image has curl (Debian's nginx images install it); -f fails on HTTP errors
  const probe = ['curl', '-fsS', '-o', '/dev/null'];
  return {
    ...base,
    ...nodeInstallData(o, base),
    site: o.outputPath ?? joinPath(o.projectRoot, 'dist'),
    port,
    config: siteConfig(port, o.spaFallback ?? true),
    configPath: SITE_CONFIG,
    documentRoot: DOCUMENT_ROOT,
    healthcheck: healthcheckCommand(withPort, probe),
    entrypoint: null,
    // the image's own command (its ENTRYPOINT script runs its conf.d hooks first), written out so the file says what runs
    cmd: ['nginx', '-g', 'daemon off;'],
  };
}

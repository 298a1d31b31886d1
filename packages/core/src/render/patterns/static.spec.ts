import { lintDockerfile } from '../../lint';
import { HASHED, siteConfig } from './static';

// nginx matches `location ~` with PCRE; these constructs mean the same in JavaScript.
const hashed = new RegExp(HASHED);

describe('static site config: which files are cached for a year', () => {
  it.each([
    '/assets/index-B-_xK9aa.js', // Vite: assets/<name>-<8 base64url>
    '/assets/index-abcdefgh.css', // a Vite hash without digits
    '/static/js/main.1a2b3c4d.js', // Create React App
    '/static/js/453.8ab3c1f2.chunk.js',
    '/static/css/main.0f2c6a1e.css',
    '/main-ABCD1234.js', // Angular's esbuild builder
    '/styles-5INURTSO.css',
    '/main.3f2b9c8d7e6a5b4c.js', // Angular's webpack builder, webpack [contenthash]
  ])('%s: immutable', (uri) => expect(hashed.test(uri)).toBe(true));

  it.each(['/index.html', '/favicon.ico', '/robots.txt', '/my-services.js', '/vendor-chunk.js', '/assets/logo.png', '/images/hero-banner.jpg', '/useStore.js'])(
    '%s: revalidated',
    (uri) => expect(hashed.test(uri)).toBe(false),
  );

  it('SPA fallback sends unknown paths to index.html; without it, <path>.html or 404', () => {
    expect(siteConfig(8080, true)).toContain('        try_files $uri $uri/ /index.html;');
    expect(siteConfig(8080, false)).toContain('        try_files $uri $uri/ $uri.html =404;');
  });
});

describe('nginx lifecycle in lint', () => {
  const lint = (from: string) => lintDockerfile(`FROM node:26-trixie-slim AS build\nRUN true\n\nFROM ${from} AS runtime\nUSER 101\nCMD ["nginx","-g","daemon off;"]\n`);

  it('a past stable line (1.28 ended when 1.30 shipped) is a warning naming the current image', () => {
    expect(lint('nginxinc/nginx-unprivileged:1.28-bookworm')).toEqual([
      { line: 4, rule: 'EndOfLifeBaseImage', severity: 'warning', message: 'nginxinc/nginx-unprivileged:1.28-bookworm: nginx 1.28 reached end of life on 2026-04-30; use nginxinc/nginx-unprivileged:1.30-trixie' },
    ]);
  });

  it('the current stable line and newer mainline lines are fine', () => {
    expect(lint('nginxinc/nginx-unprivileged:1.30-trixie')).toEqual([]);
    expect(lint('nginxinc/nginx-unprivileged:1.31-trixie')).toEqual([]);
  });
});

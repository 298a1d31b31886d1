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

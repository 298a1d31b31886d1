// What a static site image must do when run the way a user runs it: `docker run -d -p 127.0.0.1:<free>:<EXPOSEd>`
// with no env, then GET `/`, a deep link the SPA fallback answers, and a hashed asset with its long-cache header.
import { DOCKER, log } from './env';
import { exec, execSync } from './exec';
import { exposedPort, freePort, imageUser } from './docker';

export interface SiteAnswers {
  index: { status: number; cacheControl: string | null; body: string };
  deepLink: { status: number; body: string };
  asset: { path: string; status: number; cacheControl: string | null; contentEncoding: string | null; contentType: string | null };
  missingAsset: number;
  /** Exit code of the image's own HEALTHCHECK command run inside the container. */
  healthcheck: number;
  /** What the document root holds. */
  files: string[];
  user: string;
  port: number;
}

async function get(url: string, headers: Record<string, string> = {}) {
  const deadline = Date.now() + 60_000;
  for (let attempt = 0; attempt < 120 && Date.now() < deadline; attempt++) {
    try {
      return await fetch(url, { headers, signal: AbortSignal.timeout(3000) });
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`no answer from ${url}`);
}

/** Runs the image with no -e on its one EXPOSEd port (published on 127.0.0.1 only) and reads what it serves. */
export async function serveStaticSite(image: string, deepLink = '/some/deep/link'): Promise<SiteAnswers> {
  const port = exposedPort(image);
  const hostPort = await freePort();
  const name = `docker-ms-e2e-site-${hostPort}-${Date.now()}`;
  await exec(DOCKER, ['run', '-d', '--name', name, '-p', `127.0.0.1:${hostPort}:${port}`, image], { timeout: 60_000 });
  try {
    const base = `http://127.0.0.1:${hostPort}`;
    const index = await get(`${base}/`);
    const indexBody = await index.text();
    const deep = await get(`${base}${deepLink}`);
    const deepBody = await deep.text();
    // the entry script or stylesheet the build wrote into index.html (a hashed name)
    const assetPath = /(?:src|href)="\.?(\/?[^"]*?[.-][\w-]{8,}\.(?:js|css))"/.exec(indexBody)?.[1];
    if (!assetPath) throw new Error(`${image}: no hashed script or stylesheet in index.html:\n${indexBody}`);
    const asset = await get(`${base}${assetPath.startsWith('/') ? '' : '/'}${assetPath}`, { 'accept-encoding': 'gzip' });
    await asset.arrayBuffer();
    const missing = await get(`${base}/assets/missing-ABCDEFGH.js`);
    await missing.arrayBuffer();
    const test = JSON.parse(execSync(DOCKER, ['image', 'inspect', '-f', '{{json .Config.Healthcheck.Test}}', image]).stdout.trim()) as string[];
    const healthcheck = execSync(DOCKER, ['exec', name, ...test.slice(1)], { allowFailure: true }).code;
    const files = execSync(DOCKER, ['exec', name, 'ls', '-A', '/usr/share/nginx/html']).stdout.trim().split('\n');
    const answers: SiteAnswers = {
      index: { status: index.status, cacheControl: index.headers.get('cache-control'), body: indexBody },
      deepLink: { status: deep.status, body: deepBody },
      asset: {
        path: assetPath,
        status: asset.status,
        cacheControl: asset.headers.get('cache-control'),
        contentEncoding: asset.headers.get('content-encoding'),
        contentType: asset.headers.get('content-type'),
      },
      missingAsset: missing.status,
      healthcheck,
      files,
      user: imageUser(image),
      port,
    };
    log(`${image}: / ${index.status} (${answers.index.cacheControl}), ${deepLink} ${deep.status}, ${assetPath} ${asset.status} (${answers.asset.cacheControl}; ${answers.asset.contentEncoding}), missing asset ${missing.status}, healthcheck exit ${healthcheck}, files ${files.join(' ')}`);
    return answers;
  } catch (e) {
    const logs = execSync(DOCKER, ['logs', '--tail', '50', name], { allowFailure: true }).output;
    throw new Error(`${(e as Error).message}\ncontainer log:\n${logs}`);
  } finally {
    execSync(DOCKER, ['rm', '-f', name], { allowFailure: true });
  }
}

/** The expectations every static site shares (called inside a test). */
export function expectStaticSite(a: SiteAnswers, marker: string): void {
  expect(a.port).toBe(8080);
  expect(a.user).toBe('101');
  expect(a.index.status).toBe(200);
  expect(a.index.body).toContain(marker);
  expect(a.index.cacheControl).toBe('no-cache');
  expect(a.deepLink).toEqual({ status: 200, body: a.index.body });
  expect(a.asset.status).toBe(200);
  expect(a.asset.cacheControl).toBe('public, max-age=31536000, immutable');
  expect(a.asset.contentEncoding).toBe('gzip');
  expect(a.missingAsset).toBe(404);
  expect(a.healthcheck).toBe(0);
  expect(a.files).toContain('index.html');
  for (const f of ['package.json', 'node_modules', 'src']) expect(a.files).not.toContain(f);
}

import { addManagedHeader, isUntouched, managedState, readManagedHeader } from '../managed/header';
import { bumpBaseImages } from './bump-base-images';

const moves = [
  { from: 'node:20-bookworm-slim', to: 'node:22-bookworm-slim' },
  { from: 'gcr.io/distroless/nodejs20-debian12:nonroot', to: 'gcr.io/distroless/nodejs22-debian12:nonroot' },
];

const generated = [
  'FROM node:20-bookworm-slim AS deps',
  'WORKDIR /app',
  'COPY package.json package-lock.json ./',
  'RUN npm ci',
  '',
  'FROM deps AS build',
  'COPY . .',
  'RUN npm run build',
  '',
  'FROM gcr.io/distroless/nodejs20-debian12:nonroot AS runtime',
  'COPY --from=build /app/dist /app',
  'USER 65532',
  'CMD ["/app/main.js"]',
  '',
].join('\n');

describe('bumpBaseImages', () => {
  it('moves every old default of an untouched file and re-stamps it so it stays untouched', () => {
    const text = addManagedHeader(generated, '0.1.0');
    const out = bumpBaseImages(text, moves, { version: '0.2.0' });
    expect(out.status).toBe('changed');
    expect(out.state).toBe('untouched');
    expect(out.rewrites).toEqual([
      { line: 2, from: 'node:20-bookworm-slim', to: 'node:22-bookworm-slim' },
      { line: 11, from: 'gcr.io/distroless/nodejs20-debian12:nonroot', to: 'gcr.io/distroless/nodejs22-debian12:nonroot' },
    ]);
    expect(out.text).toContain('FROM node:22-bookworm-slim AS deps');
    expect(out.text).toContain('FROM gcr.io/distroless/nodejs22-debian12:nonroot AS runtime');
    expect(out.text).toContain('FROM deps AS build');
    expect(readManagedHeader(out.text)?.version).toBe('0.2.0');
    expect(isUntouched(out.text)).toBe(true);
  });

  it('in a hand-edited file moves only old defaults, keeps the edit and leaves it marked edited', () => {
    const text = addManagedHeader(generated, '0.1.0').replace('RUN npm ci', 'RUN npm ci --omit=optional');
    const out = bumpBaseImages(text, moves, { version: '0.2.0' });
    expect(out.status).toBe('changed');
    expect(out.state).toBe('edited');
    expect(out.text).toContain('RUN npm ci --omit=optional');
    expect(out.text).toContain('FROM node:22-bookworm-slim AS deps');
    expect(readManagedHeader(out.text)?.version).toBe('0.1.0');
    expect(managedState(out.text)).toBe('edited');
  });

  it('leaves digest-pinned and newer refs alone and says why', () => {
    const digest = '@sha256:' + 'b'.repeat(64);
    const text = addManagedHeader(generated, '0.1.0')
      .replace('FROM node:20-bookworm-slim AS deps', `FROM node:20-bookworm-slim${digest} AS deps`)
      .replace('nodejs20-debian12:nonroot', 'nodejs24-debian12:nonroot');
    const out = bumpBaseImages(text, moves);
    expect(out.status).toBe('skipped');
    expect(out.text).toBe(text);
    expect(out.notes).toEqual([
      `line 2: node:20-bookworm-slim${digest} is pinned by digest, left alone`,
      'line 11: gcr.io/distroless/nodejs24-debian12:nonroot is already at or past the default gcr.io/distroless/nodejs22-debian12:nonroot, left alone',
    ]);
  });

  it('leaves an older tag that was never a default alone', () => {
    const text = addManagedHeader(generated.replace('node:20-bookworm-slim', 'node:18-bookworm-slim'), '0.1.0');
    const out = bumpBaseImages(text, moves);
    expect(out.rewrites.map((r) => r.line)).toEqual([11]);
    expect(out.text).toContain('FROM node:18-bookworm-slim AS deps');
    expect(out.notes).toEqual(['line 2: node:18-bookworm-slim is not an old default, left alone']);
  });

  it('never applies a move that would lower the version', () => {
    const text = addManagedHeader('FROM node:22-bookworm-slim AS runtime\nUSER 65532\n', '0.1.0');
    const out = bumpBaseImages(text, [{ from: 'node:22-bookworm-slim', to: 'node:20-bookworm-slim' }]);
    expect(out.status).toBe('skipped');
    expect(out.text).toBe(text);
    expect(out.reason).toMatch(/would move down/);
  });

  it('leaves ARG-based FROM lines alone', () => {
    const text = addManagedHeader('ARG NODE=20\nFROM node:${NODE}-bookworm-slim AS runtime\n', '0.1.0');
    const out = bumpBaseImages(text, moves);
    expect(out.text).toBe(text);
    expect(out.notes).toEqual(['line 3: node:${NODE}-bookworm-slim uses a build arg, left alone']);
  });

  it('keeps --platform flags and parser directives', () => {
    const text = addManagedHeader('# escape=`\nFROM --platform=$BUILDPLATFORM node:20-bookworm-slim AS build\nFROM build AS runtime\n', '0.1.0');
    const out = bumpBaseImages(text, moves, { version: '0.2.0' });
    expect(out.text.split('\n')[0]).toBe('# escape=`');
    expect(out.text).toContain('FROM --platform=$BUILDPLATFORM node:22-bookworm-slim AS build');
    expect(isUntouched(out.text)).toBe(true);
  });

  it('skips files without the docker-ms header', () => {
    const out = bumpBaseImages(generated, moves);
    expect(out).toMatchObject({ status: 'skipped', state: 'unmanaged', text: generated });
    expect(out.reason).toMatch(/not a managed Dockerfile/);
  });

  it('is a no-op on its own output', () => {
    const once = bumpBaseImages(addManagedHeader(generated, '0.1.0'), moves, { version: '0.2.0' });
    const twice = bumpBaseImages(once.text, moves, { version: '0.2.0' });
    expect(twice.status).toBe('unchanged');
    expect(twice.text).toBe(once.text);
  });
});

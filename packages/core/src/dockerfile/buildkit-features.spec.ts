import { buildKitFeatures } from './buildkit-features';

describe('buildKitFeatures', () => {
  it('finds RUN --mount, COPY --chmod / --link and heredocs with their lines', () => {
    const text = [
      'FROM node:22 AS build',
      'RUN --mount=type=cache,target=/root/.npm npm ci',
      'COPY --chmod=0755 run.sh /run.sh',
      'COPY --link . .',
      'RUN <<EOF',
      'echo hi',
      'EOF',
    ].join('\n');
    expect(buildKitFeatures(text)).toEqual([
      { line: 2, feature: 'RUN --mount' },
      { line: 3, feature: 'COPY --chmod' },
      { line: 4, feature: 'COPY --link' },
      { line: 5, feature: 'RUN heredoc' },
    ]);
  });

  it('returns [] for a file the legacy builder accepts', () => {
    expect(buildKitFeatures('FROM node:22\nCOPY --from=0 --chown=1000:1000 a b\nRUN npm ci\n')).toEqual([]);
  });
});

import { listStages } from './stages';

describe('listStages', () => {
  it('lists named and unnamed stages with their image and 1-based line', () => {
    const text = [
      '# comment',
      'ARG V=1',
      'FROM golang:1.22-bookworm AS build',
      'RUN go build ./...',
      '',
      'FROM build as Test',
      'FROM gcr.io/distroless/static-debian12:nonroot',
    ].join('\n');
    expect(listStages(text)).toEqual([
      { name: 'build', index: 0, image: 'golang:1.22-bookworm', line: 3 },
      { name: 'Test', index: 1, image: 'build', line: 6 },
      { name: null, index: 2, image: 'gcr.io/distroless/static-debian12:nonroot', line: 7 },
    ]);
  });

  it('keeps --platform out of the image and handles continuation lines', () => {
    const text = 'FROM --platform=$BUILDPLATFORM \\\n  node:22-bookworm-slim \\\n  AS deps\n';
    expect(listStages(text)).toEqual([{ name: 'deps', index: 0, image: 'node:22-bookworm-slim', line: 1 }]);
  });

  it('returns [] for text without FROM', () => {
    expect(listStages('')).toEqual([]);
    expect(listStages('RUN echo hi\n')).toEqual([]);
  });
});

import { fromImages, refRepository, refVersion, replaceFromImages } from './from-refs';

describe('fromImages', () => {
  it('finds each FROM image with its position, ignoring flags and stage names', () => {
    const text = [
      '# a comment',
      'FROM --platform=$BUILDPLATFORM node:22-bookworm-slim AS build',
      'RUN echo FROM node:22-bookworm-slim',
      'FROM build AS test',
      'FROM gcr.io/distroless/nodejs22-debian12:nonroot@sha256:' + 'a'.repeat(64) + ' AS runtime',
      'FROM node:${NODE_VERSION}-alpine',
      '',
    ].join('\n');
    const images = fromImages(text);
    expect(images.map((i) => [i.line, i.ref, i.isStage, i.usesArg, i.digest !== null])).toEqual([
      [2, 'node:22-bookworm-slim', false, false, false],
      [4, 'build', true, false, false],
      [5, 'gcr.io/distroless/nodejs22-debian12:nonroot@sha256:' + 'a'.repeat(64), false, false, true],
      [6, 'node:${NODE_VERSION}-alpine', false, true, false],
    ]);
    expect(text.slice(images[0].start, images[0].end)).toBe('node:22-bookworm-slim');
  });

  it('replaces only the image text of the chosen lines', () => {
    const text = 'FROM node:20-bookworm-slim AS build\nRUN echo node:20-bookworm-slim\nFROM node:20-bookworm-slim AS runtime\n';
    const images = fromImages(text);
    const out = replaceFromImages(text, images, new Map([[images[1].start, 'node:22-bookworm-slim']]));
    expect(out).toBe('FROM node:20-bookworm-slim AS build\nRUN echo node:20-bookworm-slim\nFROM node:22-bookworm-slim AS runtime\n');
  });
});

describe('refVersion / refRepository', () => {
  it.each([
    ['node:22-bookworm-slim', [22]],
    ['python:3.12-slim-bookworm', [3, 12]],
    ['golang:1.22.5-alpine', [1, 22, 5]],
    ['gcr.io/distroless/nodejs22-debian12:nonroot', [22]],
    ['gcr.io/distroless/java21-debian12:nonroot', [21]],
    ['gcr.io/distroless/static-debian12:nonroot', null],
    ['localhost:5000/node:20-alpine', [20]],
    ['node', null],
  ])('%s → %p', (ref, version) => {
    expect(refVersion(ref)).toEqual(version);
  });

  it('strips tag and digest but keeps a registry port', () => {
    expect(refRepository('localhost:5000/team/node:20-alpine@sha256:abc')).toBe('localhost:5000/team/node');
    expect(refRepository('node')).toBe('node');
  });
});

import { parseOptions, type DockerfileOptionsInput } from '../options';
import { describeImage, imagesFor, knownImages } from './index';

const refs = (input: DockerfileOptionsInput) => {
  const { build, runtime } = imagesFor(parseOptions(input));
  return [build.ref, runtime.ref];
};

describe('imagesFor defaults: glibc Debian 13 builders, minimal runtimes', () => {
  it.each<[DockerfileOptionsInput, string, string]>([
    [{ language: 'node' }, 'node:26-trixie-slim', 'gcr.io/distroless/nodejs26-debian13:nonroot'],
    [{ language: 'python' }, 'python:3.14-slim-trixie', 'python:3.14-slim-trixie'],
    [{ language: 'go' }, 'golang:1.26-trixie', 'gcr.io/distroless/static-debian13:nonroot'],
    [{ language: 'rust' }, 'rust:1-slim-trixie', 'gcr.io/distroless/cc-debian13:nonroot'],
    [{ language: 'java' }, 'maven:3.9-eclipse-temurin-25', 'gcr.io/distroless/java25-debian13:nonroot'],
    [{ language: 'java', packageManager: 'gradle' }, 'gradle:9.7-jdk25', 'gcr.io/distroless/java25-debian13:nonroot'],
  ])('%j', (input, build, runtime) => {
    expect(refs(input)).toEqual([build, runtime]);
  });
});

describe('tags follow runtimeVersion', () => {
  it('uses the major for node and java, major.minor for python, go and rust', () => {
    expect(refs({ language: 'node', runtimeVersion: '22.11.1' })).toEqual(['node:22-trixie-slim', 'gcr.io/distroless/nodejs22-debian13:nonroot']);
    expect(refs({ language: 'python', runtimeVersion: '3.11.9' })).toEqual(['python:3.11-slim-trixie', 'python:3.11-slim-trixie']);
    expect(refs({ language: 'go', runtimeVersion: '1.27.1' })[0]).toBe('golang:1.27-trixie');
    expect(refs({ language: 'rust', runtimeVersion: '1.90.1' })[0]).toBe('rust:1.90-slim-trixie');
    expect(refs({ language: 'java', runtimeVersion: '17' })).toEqual(['maven:3.9-eclipse-temurin-17', 'gcr.io/distroless/java17-debian13:nonroot']);
  });

  it('keeps a pinned past-EOL version on the newest Debian that still has its tag', () => {
    expect(refs({ language: 'node', runtimeVersion: '18' })).toEqual(['node:18-bookworm-slim', 'node:18-bookworm-slim']);
    expect(refs({ language: 'go', runtimeVersion: '1.22' })[0]).toBe('golang:1.22-bookworm');
    expect(refs({ language: 'rust', runtimeVersion: '1.80' })[0]).toBe('rust:1.80-slim-bookworm');
  });

  it('refuses a version upstream never published, naming the tags it looked for', () => {
    expect(() => refs({ language: 'node', runtimeVersion: '17' })).toThrow(
      'runtimeVersion: node 17 has no published image (looked for node:17-trixie-slim, node:17-bookworm-slim)',
    );
  });

  it('falls back to a slim image with a shell where no distroless image exists for that version', () => {
    const node = imagesFor(parseOptions({ language: 'node', runtimeVersion: '25' }));
    expect(node.runtime).toMatchObject({ ref: 'node:25-trixie-slim', flavor: 'debian', shell: true });
    expect(refs({ language: 'java', runtimeVersion: '11' })[1]).toBe('eclipse-temurin:11-jre');
  });
});

describe('seed variants', () => {
  it.each<[DockerfileOptionsInput, string, string]>([
    // alpine node builds run on the alpine image: musl native add-ons never meet a glibc runtime
    [{ language: 'node', variant: 'alpine' }, 'node:26-alpine', 'node:26-alpine'],
    [{ language: 'python', variant: 'slim' }, 'python:3.14-slim', 'python:3.14-slim'],
    [{ language: 'python', variant: 'bookworm' }, 'python:3.14-slim-bookworm', 'python:3.14-slim-bookworm'],
    [{ language: 'go', variant: 'scratch' }, 'golang:1.26-alpine', 'scratch'],
    [{ language: 'rust', variant: 'musl' }, 'rust:1-alpine', 'scratch'],
    [{ language: 'java', variant: 'alpine' }, 'maven:3.9-eclipse-temurin-25-alpine', 'eclipse-temurin:25-jre-alpine'],
    [{ language: 'java', variant: 'alpine', packageManager: 'gradle' }, 'gradle:9.7-jdk25-alpine', 'eclipse-temurin:25-jre-alpine'],
  ])('%j', (input, build, runtime) => {
    expect(refs(input)).toEqual([build, runtime]);
  });
});

describe('overrides and mirror', () => {
  it('prefixes every catalog ref with registryMirror, but never scratch', () => {
    expect(refs({ language: 'node', registryMirror: 'mirror.example.com/hub' })).toEqual([
      'mirror.example.com/hub/node:26-trixie-slim',
      'mirror.example.com/hub/gcr.io/distroless/nodejs26-debian13:nonroot',
    ]);
    expect(refs({ language: 'go', variant: 'scratch', registryMirror: 'mirror.example.com' })).toEqual([
      'mirror.example.com/golang:1.26-alpine',
      'scratch',
    ]);
  });

  it('uses baseRuntime/baseBuild and describes them (known refs exactly, unknown ones conservatively)', () => {
    const known = imagesFor(parseOptions({ language: 'java', baseRuntime: 'eclipse-temurin:17-jre-alpine' }));
    expect(known.runtime).toMatchObject({ ref: 'eclipse-temurin:17-jre-alpine', flavor: 'alpine', toolchain: 'jre', version: '17', shell: true });
    const unknown = imagesFor(parseOptions({ language: 'go', baseRuntime: 'corp.example.com/base/distroless-go:3' }));
    expect(unknown.runtime).toMatchObject({ flavor: 'distroless', shell: false, role: 'runtime', toolchain: 'none' });
    const scratch = imagesFor(parseOptions({ language: 'rust', baseRuntime: 'scratch' }));
    expect(scratch.runtime).toMatchObject({ ref: 'scratch', flavor: 'scratch', shell: false });
  });

  it('mirrors user images without a registry host, and leaves ones with a host alone', () => {
    const o = { language: 'node' as const, registryMirror: 'm.example.com' };
    expect(refs({ ...o, baseBuild: 'node:22-bookworm' })[0]).toBe('m.example.com/node:22-bookworm');
    expect(refs({ ...o, baseBuild: 'corp.example.com/node:22' })[0]).toBe('corp.example.com/node:22');
  });
});

describe('describeImage and knownImages', () => {
  it('knows every default and seed ref, each pinned and never latest', () => {
    const all = knownImages();
    const names = all.map((i) => i.ref);
    for (const ref of [
      'node:26-trixie-slim', 'gcr.io/distroless/nodejs26-debian13:nonroot', 'node:26-alpine',
      'python:3.14-slim-trixie', 'python:3.14-slim', 'golang:1.26-trixie', 'golang:1.26-alpine', 'gcr.io/distroless/static-debian13:nonroot',
      'scratch', 'rust:1-slim-trixie', 'rust:1-alpine', 'gcr.io/distroless/cc-debian13:nonroot', 'maven:3.9-eclipse-temurin-25',
      'gradle:9.7-jdk25', 'gcr.io/distroless/java25-debian13:nonroot', 'maven:3.9-eclipse-temurin-25-alpine', 'eclipse-temurin:25-jre-alpine',
    ]) {
      expect(names).toContain(ref);
    }
    for (const img of all) {
      if (img.ref !== 'scratch') expect(img.ref).toMatch(/:[^:/]+$/);
      expect(img.ref).not.toMatch(/:latest$/);
      expect(describeImage(img.ref)).toMatchObject({ ref: img.ref, flavor: img.flavor, shell: img.shell });
    }
  });

  it('describes refs at other versions and behind a mirror, and nothing else', () => {
    expect(describeImage('golang:1.23-bookworm')).toMatchObject({ language: 'go', role: 'build', version: '1.23', toolchain: 'go' });
    expect(describeImage('gradle:8.10-jdk21')).toMatchObject({ language: 'java', toolchain: 'gradle', version: '21' });
    expect(describeImage('mirror.example.com/hub/gcr.io/distroless/java17-debian12:nonroot')).toMatchObject({
      ref: 'mirror.example.com/hub/gcr.io/distroless/java17-debian12:nonroot',
      language: 'java',
      flavor: 'distroless',
      version: '17',
    });
    expect(describeImage('redis:7')).toBeUndefined();
  });
});

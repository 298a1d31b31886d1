import { parseOptions } from '../options';
import { PACKAGE_MANAGERS, VARIANTS } from '../options/schema';
import { LANGUAGES } from '../types';
import { imagesFor } from './catalog';
import { LIFECYCLE, supportedLines } from './lifecycle';
import { isMaintained, isPublished } from './published';

// The whole tag space the catalog can render: every language × lifecycle line × variant × package manager.
const space = LANGUAGES.flatMap((language) =>
  LIFECYCLE[language].flatMap(({ version }) =>
    VARIANTS[language].flatMap((variant) =>
      PACKAGE_MANAGERS[language].map((packageManager) => ({ language, version, variant, packageManager })),
    ),
  ),
);

describe('every rendered FROM exists upstream', () => {
  it('walks the tag space: each combination renders published tags or fails with a clear error', () => {
    let rendered = 0;
    for (const key of space) {
      let refs: string[];
      try {
        const set = imagesFor(parseOptions({ language: key.language, variant: key.variant, packageManager: key.packageManager, runtimeVersion: key.version } as never));
        refs = [set.build.ref, set.runtime.ref];
      } catch (e) {
        expect((e as Error).message).toMatch(/^runtimeVersion: .* has no published image \(looked for .*\); pick a supported version/);
        continue;
      }
      rendered++;
      for (const ref of refs) {
        if (!isPublished(ref)) throw new Error(`${JSON.stringify(key)} renders ${ref}, which upstream never published`);
      }
    }
    expect(rendered).toBeGreaterThan(space.length / 2);
  });

  it('renders only maintained tags for every supported line (none frozen); the one impossible pair is Gradle on JDK 8 alpine', () => {
    const impossible: string[] = [];
    for (const key of space) {
      if (!supportedLines(key.language, '2026-12-01').some((l) => l.version === key.version)) continue;
      let set;
      try {
        set = imagesFor(parseOptions({ language: key.language, variant: key.variant, packageManager: key.packageManager, runtimeVersion: key.version } as never));
      } catch {
        impossible.push(`${key.language} ${key.version} ${key.variant} ${key.packageManager}`);
        continue;
      }
      for (const ref of [set.build.ref, set.runtime.ref]) {
        if (!isMaintained(ref)) throw new Error(`${JSON.stringify(key)} renders ${ref}, which upstream no longer rebuilds`);
      }
    }
    expect(impossible).toEqual(['java 8 alpine gradle']);
  });

  it('maps Gradle to a line that publishes the JDK: 9.7 for 17+, 8.14 below, never gradle 8 with JDK 25', () => {
    const ref = (jdk: string, variant = 'distroless') =>
      imagesFor(parseOptions({ language: 'java', packageManager: 'gradle', variant, runtimeVersion: jdk } as never)).build.ref;
    expect(ref('25')).toBe('gradle:9.7-jdk25');
    expect(ref('25', 'alpine')).toBe('gradle:9.7-jdk25-alpine');
    expect(ref('21')).toBe('gradle:9.7-jdk21');
    expect(ref('11')).toBe('gradle:8.14-jdk11');
    expect(isPublished('gradle:8.10-jdk25')).toBe(false);
  });

  it('knows the published list is real: frozen tags exist, never-published ones do not', () => {
    expect(isPublished('node:20-bookworm-slim')).toBe(true);
    expect(isMaintained('node:20-bookworm-slim')).toBe(false);
    expect(isPublished('node:17-bookworm-slim')).toBe(false);
    expect(isPublished('gcr.io/distroless/nodejs24-debian13:nonroot')).toBe(true);
    expect(isPublished('gcr.io/distroless/nodejs22-debian12:nonroot')).toBe(false);
  });
});

// The only place image references and tool versions live. Every tag is pinned (never "latest") and
// published upstream: each ref is checked against published-tags.json (the official images' library
// files and the distroless README), and a version without a published image is a clear error.
import { OptionsError } from '../options/errors';
import type { Language } from '../types';
import { DEFAULT_VERSIONS, NGINX_VERSION } from './lifecycle';
import { isPublished, publishedDistroless } from './published';
import type { CatalogImage, Flavor, Toolchain } from './types';

export { DEFAULT_VERSIONS };

/** Build tools installed inside builder images (pinned so rebuilds are repeatable). */
export const TOOL_VERSIONS = {
  maven: '3.9',
  poetry: '2.1.3',
  uv: '0.8.0',
  pdm: '2.29.4',
  pipenv: '2026.10.3',
  bun: '1.4.5',
  pnpm: '9',
  // Yarn 1 for node images that ship none (Node 25+), when the project pins no exact 1.x
  yarn1: '1.22.22',
  turbo: '2.11.9',
} as const;

/**
 * Gradle line per JDK: the newest line that publishes an image for it. Gradle 9 runs on JDK 17+ and
 * is the only line with JDK 25/26 images; JDK 8 and 11 stay on 8.14 (Spring Boot 4 needs ≥ 8.14).
 */
export function gradleVersion(jdk: string): string {
  return Number(jdk) >= 17 ? '9.7' : '8.14';
}

/** Tags carry the major (node, java), major.minor (python, go) or "1"/major.minor (rust) of the runtime. */
export function tagVersion(language: Language, version: string | undefined): string {
  const parts = (version ?? DEFAULT_VERSIONS[language]).replace(/^v/, '').split('.');
  return language === 'node' || language === 'java' ? parts[0] : parts.slice(0, 2).join('.');
}

function image(
  language: Language,
  role: CatalogImage['role'],
  ref: string,
  flavor: Flavor,
  toolchain: Toolchain,
  version: string,
): CatalogImage {
  return { ref, language, role, flavor, toolchain, version, shell: flavor === 'debian' || flavor === 'alpine' };
}

export interface PatternKey {
  language: Language;
  variant: string;
  packageManager: string;
  version: string;
}

/** The first candidate tag that upstream publishes (newest Debian first), else a clear error. */
function firstPublished(language: Language, version: string, candidates: string[]): string {
  const found = candidates.find(isPublished);
  if (found) return found;
  throw new OptionsError([
    `runtimeVersion: ${language} ${version} has no published image (looked for ${candidates.join(', ')}); ` +
      `pick a supported version with --runtime-version (default ${DEFAULT_VERSIONS[language]}) or set --base-build/--base-runtime`,
  ]);
}

export function buildImage({ language, variant, packageManager, version: v }: PatternKey): CatalogImage {
  switch (language) {
    case 'node':
      // static: the same Debian builder; only the runtime differs
      return variant === 'alpine'
        ? image('node', 'build', firstPublished('node', v, [`node:${v}-alpine`]), 'alpine', 'node', v)
        : image('node', 'build', firstPublished('node', v, [`node:${v}-trixie-slim`, `node:${v}-bookworm-slim`]), 'debian', 'node', v);
    case 'python': {
      const tags =
        variant === 'slim' ? [`python:${v}-slim`] : variant === 'bookworm' ? [`python:${v}-slim-bookworm`] : [`python:${v}-slim-trixie`, `python:${v}-slim-bookworm`];
      return image('python', 'build', firstPublished('python', v, tags), 'debian', 'python', v);
    }
    case 'go':
      return variant === 'scratch'
        ? image('go', 'build', firstPublished('go', v, [`golang:${v}-alpine`]), 'alpine', 'go', v)
        : image('go', 'build', firstPublished('go', v, [`golang:${v}-trixie`, `golang:${v}-bookworm`]), 'debian', 'go', v);
    case 'rust':
      return variant === 'musl'
        ? image('rust', 'build', firstPublished('rust', v, [`rust:${v}-alpine`]), 'alpine', 'rust', v)
        : image('rust', 'build', firstPublished('rust', v, [`rust:${v}-slim-trixie`, `rust:${v}-slim-bookworm`]), 'debian', 'rust', v);
    case 'java': {
      // The alpine JDK has no build tool: its Maven/Gradle images add one on the same temurin JDK alpine base.
      const suffix = variant === 'alpine' ? '-alpine' : '';
      const flavor: Flavor = variant === 'alpine' ? 'alpine' : 'debian';
      return packageManager === 'gradle'
        ? image('java', 'build', firstPublished('java', v, [`gradle:${gradleVersion(v)}-jdk${v}${suffix}`]), flavor, 'gradle', v)
        : image('java', 'build', firstPublished('java', v, [`maven:${TOOL_VERSIONS.maven}-eclipse-temurin-${v}${suffix}`]), flavor, 'maven', v);
    }
  }
}

/** The distroless image for a runtime on the newest Debian distroless builds, if it is still published. */
function distroless(name: string): string | undefined {
  return publishedDistroless(`gcr.io/distroless/${name}-debian13`) ? `gcr.io/distroless/${name}-debian13:nonroot` : undefined;
}

export function runtimeImage(key: PatternKey): CatalogImage {
  const { language, variant, version: v } = key;
  switch (language) {
    case 'node': {
      // musl node_modules (native add-ons) only load on a musl runtime: alpine builds run on alpine
      if (variant === 'alpine') return { ...buildImage(key), role: 'runtime' };
      // apps built to files: nginx as uid 101 on 8080 (the official image's unprivileged build, Debian 13)
      if (variant === 'static') return { ...image('node', 'runtime', `nginxinc/nginx-unprivileged:${NGINX_VERSION}-trixie`, 'debian', 'nginx', NGINX_VERSION) };
      const ref = variant !== 'slim' ? distroless(`nodejs${v}`) : undefined;
      if (ref) return image('node', 'runtime', ref, 'distroless', 'node', v);
      return { ...buildImage(key), role: 'runtime' };
    }
    case 'python':
      return { ...buildImage(key), role: 'runtime' };
    case 'go':
      return variant === 'scratch'
        ? image('go', 'runtime', 'scratch', 'scratch', 'none', v)
        : image('go', 'runtime', distroless('static')!, 'distroless', 'none', 'debian13');
    case 'rust':
      return variant === 'musl'
        ? image('rust', 'runtime', 'scratch', 'scratch', 'none', v)
        : image('rust', 'runtime', distroless('cc')!, 'distroless', 'none', 'debian13');
    case 'java': {
      if (variant === 'alpine') return image('java', 'runtime', firstPublished('java', v, [`eclipse-temurin:${v}-jre-alpine`]), 'alpine', 'jre', v);
      const ref = distroless(`java${v}`);
      return ref
        ? image('java', 'runtime', ref, 'distroless', 'jre', v)
        : image('java', 'runtime', firstPublished('java', v, [`eclipse-temurin:${v}-jre`]), 'debian', 'jre', v);
    }
  }
}

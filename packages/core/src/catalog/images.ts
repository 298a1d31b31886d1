// The only place image references and tool versions live. Every tag is pinned (never "latest").
import type { Language } from '../types';
import type { CatalogImage, Flavor, Toolchain } from './types';

export const DEFAULT_VERSIONS: Record<Language, string> = {
  node: '22',
  python: '3.12',
  go: '1.22',
  rust: '1.83',
  java: '21',
};

/** Build tools installed inside builder images (pinned so rebuilds are repeatable). */
export const TOOL_VERSIONS = {
  maven: '3.9',
  gradle: '8.10',
  poetry: '2.1.3',
  uv: '0.8.0',
  bun: '1.4.5',
  pnpm: '9',
  turbo: '2.11.9',
} as const;

/** Majors with a gcr.io/distroless image on Debian 12; other majors fall back to a slim image with a shell. */
const DISTROLESS_NODE = ['18', '20', '22', '24'];
const DISTROLESS_JAVA = ['17', '21'];

/** Tags carry the major (node, java) or major.minor (python, go, rust) of the runtime version. */
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

export function buildImage({ language, variant, packageManager, version: v }: PatternKey): CatalogImage {
  switch (language) {
    case 'node':
      return variant === 'alpine'
        ? image('node', 'build', `node:${v}-alpine`, 'alpine', 'node', v)
        : image('node', 'build', `node:${v}-bookworm-slim`, 'debian', 'node', v);
    case 'python':
      return variant === 'slim'
        ? image('python', 'build', `python:${v}-slim`, 'debian', 'python', v)
        : image('python', 'build', `python:${v}-slim-bookworm`, 'debian', 'python', v);
    case 'go':
      return variant === 'scratch'
        ? image('go', 'build', `golang:${v}-alpine`, 'alpine', 'go', v)
        : image('go', 'build', `golang:${v}-bookworm`, 'debian', 'go', v);
    case 'rust':
      return variant === 'musl'
        ? image('rust', 'build', `rust:${v}-alpine`, 'alpine', 'rust', v)
        : image('rust', 'build', `rust:${v}-slim-bookworm`, 'debian', 'rust', v);
    case 'java':
      // The alpine JDK has no build tool: its Maven/Gradle images add one on the same temurin JDK alpine base.
      if (variant === 'alpine')
        return packageManager === 'gradle'
          ? image('java', 'build', `gradle:${TOOL_VERSIONS.gradle}-jdk${v}-alpine`, 'alpine', 'gradle', v)
          : image('java', 'build', `maven:${TOOL_VERSIONS.maven}-eclipse-temurin-${v}-alpine`, 'alpine', 'maven', v);
      return packageManager === 'gradle'
        ? image('java', 'build', `gradle:${TOOL_VERSIONS.gradle}-jdk${v}`, 'debian', 'gradle', v)
        : image('java', 'build', `maven:${TOOL_VERSIONS.maven}-eclipse-temurin-${v}`, 'debian', 'maven', v);
  }
}

export function runtimeImage({ language, variant, version: v }: PatternKey): CatalogImage {
  switch (language) {
    case 'node':
      if (variant !== 'slim' && DISTROLESS_NODE.includes(v)) {
        return image('node', 'runtime', `gcr.io/distroless/nodejs${v}-debian12:nonroot`, 'distroless', 'node', v);
      }
      return image('node', 'runtime', `node:${v}-bookworm-slim`, 'debian', 'node', v);
    case 'python':
      return { ...buildImage({ language, variant, packageManager: 'pip', version: v }), role: 'runtime' };
    case 'go':
      return variant === 'scratch'
        ? image('go', 'runtime', 'scratch', 'scratch', 'none', v)
        : image('go', 'runtime', 'gcr.io/distroless/static-debian12:nonroot', 'distroless', 'none', 'debian12');
    case 'rust':
      return variant === 'musl'
        ? image('rust', 'runtime', 'scratch', 'scratch', 'none', v)
        : image('rust', 'runtime', 'gcr.io/distroless/cc-debian12:nonroot', 'distroless', 'none', 'debian12');
    case 'java':
      if (variant === 'alpine') return image('java', 'runtime', `eclipse-temurin:${v}-jre-alpine`, 'alpine', 'jre', v);
      return DISTROLESS_JAVA.includes(v)
        ? image('java', 'runtime', `gcr.io/distroless/java${v}-debian12:nonroot`, 'distroless', 'jre', v)
        : image('java', 'runtime', `eclipse-temurin:${v}-jre`, 'debian', 'jre', v);
  }
}

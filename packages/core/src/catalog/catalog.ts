import type { DockerfileOptions } from '../options';
import { LANGUAGES, type Language } from '../types';
import { buildImage, DEFAULT_VERSIONS, runtimeImage, tagVersion, type PatternKey } from './images';
import type { CatalogImage, Flavor, ImageSet, Toolchain } from './types';
import { PACKAGE_MANAGERS, VARIANTS } from '../options/schema';

/** Base images for rendered options: catalog choice, user overrides (baseBuild/baseRuntime), then the mirror prefix. */
export function imagesFor(options: DockerfileOptions): ImageSet {
  const key: PatternKey = {
    language: options.language,
    variant: options.variant,
    packageManager: options.packageManager,
    version: tagVersion(options.language, options.runtimeVersion),
  };
  const mirror = options.registryMirror;
  const build = options.baseBuild ? userImage(options.baseBuild, key, 'build', mirror) : mirrored(buildImage(key), mirror);
  const runtime = options.baseRuntime
    ? userImage(options.baseRuntime, key, 'runtime', mirror)
    : mirrored(runtimeImage(key), mirror);
  return { build, runtime };
}

/** Metadata for a ref the catalog can produce (any version, with or without a mirror prefix). */
export function describeImage(ref: string): CatalogImage | undefined {
  const candidates = [ref];
  const segments = ref.split('/');
  for (let i = 1; i < segments.length; i++) candidates.push(segments.slice(i).join('/'));
  for (const candidate of candidates) {
    const found = lookup(candidate) ?? byShape(candidate);
    if (found) return { ...found, ref };
  }
  return undefined;
}

/** Every ref of every variant and package manager at the default versions (what e2e stand-ins must provide). */
export function knownImages(): CatalogImage[] {
  const keys: PatternKey[] = [];
  for (const language of LANGUAGES) {
    for (const variant of VARIANTS[language]) {
      for (const packageManager of PACKAGE_MANAGERS[language]) {
        keys.push({ language, variant, packageManager, version: DEFAULT_VERSIONS[language] });
      }
    }
  }
  const byRef = new Map<string, CatalogImage>();
  for (const key of keys) {
    for (const img of [buildImage(key), runtimeImage(key)]) {
      if (!byRef.has(`${img.role}:${img.ref}`)) byRef.set(`${img.role}:${img.ref}`, img);
    }
  }
  return [...byRef.values()];
}

function lookup(ref: string): CatalogImage | undefined {
  const numbers = ref.match(/\d+(?:\.\d+)?/g) ?? [];
  for (const language of LANGUAGES) {
    const versions = new Set([DEFAULT_VERSIONS[language], ...numbers.map((n) => tagVersion(language, n))]);
    for (const version of versions) {
      for (const variant of VARIANTS[language]) {
        for (const packageManager of PACKAGE_MANAGERS[language]) {
          const key = { language, variant, packageManager, version };
          for (const img of imagesOf(key)) if (img.ref === ref) return img;
        }
      }
    }
  }
  return undefined;
}

// Official-image tag shapes, also for tags the catalog rendered in earlier releases (node:20-bookworm-slim,
// gradle:8.10-jdk21, gcr.io/distroless/nodejs20-debian12): [pattern, language, role, flavor, toolchain].
const SHAPES: Array<[RegExp, Language, CatalogImage['role'], Flavor, Toolchain]> = [
  [/^node:(\d+)-alpine[\d.]*$/, 'node', 'build', 'alpine', 'node'],
  [/^node:(\d+)(?:-(?:trixie|bookworm|bullseye))?(?:-slim)?$/, 'node', 'build', 'debian', 'node'],
  [/^gcr\.io\/distroless\/nodejs(\d+)-debian\d+(?::[\w.-]+)?$/, 'node', 'runtime', 'distroless', 'node'],
  [/^python:(\d+\.\d+)-alpine[\d.]*$/, 'python', 'build', 'alpine', 'python'],
  [/^python:(\d+\.\d+)(?:-slim)?(?:-(?:trixie|bookworm|bullseye))?$/, 'python', 'build', 'debian', 'python'],
  [/^golang:(\d+\.\d+)-alpine[\d.]*$/, 'go', 'build', 'alpine', 'go'],
  [/^golang:(\d+\.\d+)(?:-(?:trixie|bookworm|bullseye))?$/, 'go', 'build', 'debian', 'go'],
  [/^rust:(1(?:\.\d+)?)-alpine[\d.]*$/, 'rust', 'build', 'alpine', 'rust'],
  [/^rust:(1(?:\.\d+)?)(?:-slim)?(?:-(?:trixie|bookworm|bullseye))?$/, 'rust', 'build', 'debian', 'rust'],
  [/^maven:[\d.]+-eclipse-temurin-(\d+)-alpine$/, 'java', 'build', 'alpine', 'maven'],
  [/^maven:[\d.]+-eclipse-temurin-(\d+)(?:-noble)?$/, 'java', 'build', 'debian', 'maven'],
  [/^gradle:[\d.]+-jdk(\d+)-alpine$/, 'java', 'build', 'alpine', 'gradle'],
  [/^gradle:[\d.]+-jdk(\d+)(?:-(?:noble|jammy))?$/, 'java', 'build', 'debian', 'gradle'],
  [/^eclipse-temurin:(\d+)-jre-alpine$/, 'java', 'runtime', 'alpine', 'jre'],
  [/^eclipse-temurin:(\d+)-jre(?:-(?:noble|jammy))?$/, 'java', 'runtime', 'debian', 'jre'],
  [/^eclipse-temurin:(\d+)-jdk-alpine$/, 'java', 'build', 'alpine', 'jdk'],
  [/^eclipse-temurin:(\d+)-jdk(?:-(?:noble|jammy))?$/, 'java', 'build', 'debian', 'jdk'],
  [/^gcr\.io\/distroless\/java(\d+)-debian\d+(?::[\w.-]+)?$/, 'java', 'runtime', 'distroless', 'jre'],
  [/^gcr\.io\/distroless\/(?:static|cc|base)-(debian\d+)(?::[\w.-]+)?$/, 'go', 'runtime', 'distroless', 'none'],
  [/^nginxinc\/nginx-unprivileged:(\d+\.\d+)(?:\.\d+)?-(?:trixie|bookworm)$/, 'node', 'runtime', 'debian', 'nginx'],
  [/^nginxinc\/nginx-unprivileged:(\d+\.\d+)(?:\.\d+)?-alpine[\d.]*$/, 'node', 'runtime', 'alpine', 'nginx'],
];

function byShape(ref: string): CatalogImage | undefined {
  for (const [re, language, role, flavor, toolchain] of SHAPES) {
    const m = re.exec(ref);
    if (!m) continue;
    const lang = ref.includes('/cc-') ? 'rust' : language;
    return { ref, language: lang, role, flavor, toolchain, version: m[1], shell: flavor === 'debian' || flavor === 'alpine' };
  }
  return undefined;
}

/** Build and runtime image of a key; none when the version has no published image. */
function imagesOf(key: PatternKey): CatalogImage[] {
  try {
    return [buildImage(key), runtimeImage(key)];
  } catch {
    return [];
  }
}

/** A user-supplied image: catalog metadata when we know it, else a conservative guess from its name. */
function describeOverride(ref: string, key: PatternKey, role: CatalogImage['role']): CatalogImage {
  const known = describeImage(ref);
  if (known) return { ...known, role, language: key.language };
  const name = ref.toLowerCase();
  const flavor: Flavor =
    name === 'scratch' ? 'scratch' : name.includes('distroless') || name.includes('chainguard') ? 'distroless' : name.includes('alpine') ? 'alpine' : 'debian';
  return {
    ref,
    language: key.language,
    role,
    flavor,
    toolchain: guessToolchain(key.language, role, key.packageManager, flavor),
    version: key.version,
    shell: flavor === 'debian' || flavor === 'alpine',
  };
}

function guessToolchain(language: Language, role: CatalogImage['role'], packageManager: string, flavor: Flavor): Toolchain {
  if (flavor === 'scratch') return 'none';
  if (language === 'java') {
    if (role === 'runtime') return 'jre';
    return packageManager === 'gradle' ? 'gradle' : packageManager === 'maven' ? 'maven' : 'jdk';
  }
  if ((language === 'go' || language === 'rust') && role === 'runtime') return 'none';
  return language;
}

/** User images go through the mirror too, unless they already name a registry host. */
function userImage(ref: string, key: PatternKey, role: CatalogImage['role'], mirror: string | undefined): CatalogImage {
  const img = describeOverride(ref, key, role);
  const first = ref.split('/')[0];
  const hasRegistry = ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return hasRegistry ? img : mirrored(img, mirror);
}

function mirrored(img: CatalogImage, mirror: string | undefined): CatalogImage {
  if (!mirror || img.ref === 'scratch') return img;
  return { ...img, ref: `${mirror}/${img.ref}` };
}

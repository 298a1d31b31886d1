// What each engine can honour. Anything it cannot is an error or a warning, never dropped silently.
import type { BuildOptions } from './options';
import { LEGACY_FIX, ResolvedEngine } from './resolve';

export interface SupportCheck {
  errors: string[];
  warnings: string[];
}

const cacheTypes = (refs: string[]) => refs.filter((r) => /(^|,)type=/.test(r));

export function checkSupport(options: BuildOptions, engine: ResolvedEngine): SupportCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const { kind } = engine;
  const legacy = kind === 'docker' && !engine.buildKit;
  const plain = kind !== 'buildx';

  if (plain && options.builder) errors.push(`builder: only engine buildx can use a builder (engine is ${kind}); pass engine buildx or remove builder`);
  if (options.push && options.tags.length === 0) errors.push('push: needs tags naming a registry (e.g. tags: ["registry.example.com/team/app:1.0"])');
  if (plain && options.platforms.length > 1) {
    errors.push(`platforms: engine ${kind} builds one platform at a time (got ${options.platforms.join(', ')}); pass engine buildx or a single platform`);
  }
  if (legacy && options.platforms.length === 1) errors.push(`platforms: the legacy builder cannot target a platform; ${LEGACY_FIX}`);
  if (legacy && options.secrets.length) errors.push(`secrets: the legacy builder has no build secrets; ${LEGACY_FIX}`);
  if (kind === 'docker' && options.cacheTo.length) {
    errors.push('cacheTo: docker build cannot export a cache; pass engine buildx (or use cacheFrom with an image built with BUILDKIT_INLINE_CACHE=1)');
  }
  if (kind === 'docker' && cacheTypes(options.cacheFrom).length) {
    errors.push(`cacheFrom: docker build takes image references only, not ${cacheTypes(options.cacheFrom).join(' ')}; pass engine buildx`);
  }
  if ((kind === 'podman' || kind === 'buildah') && cacheTypes([...options.cacheFrom, ...options.cacheTo]).length) {
    errors.push(`cacheFrom/cacheTo: ${kind} takes a repository (e.g. registry.example.com/team/app-cache), not ${cacheTypes([...options.cacheFrom, ...options.cacheTo]).join(' ')}`);
  }
  const attestations = [options.sbom && 'sbom', options.provenance && 'provenance'].filter(Boolean);
  if (plain && attestations.length) {
    errors.push(`${attestations.join(', ')}: attestations need engine buildx (engine is ${kind}${legacy ? ', legacy builder' : ''}); install docker-buildx and pass engine buildx, or remove ${attestations.join(' and ')}`);
  }
  if (plain && options.load === false) {
    warnings.push(`load: false has no effect with engine ${kind}; the image always lands in its local store`);
  }
  if (kind === 'buildx' && options.load === true && options.platforms.length > 1) {
    warnings.push('load: loading a multi-platform image needs the containerd image store; push instead or build one platform');
  }
  return { errors, warnings };
}

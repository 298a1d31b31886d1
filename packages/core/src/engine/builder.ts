// What a buildx builder can build, asked before a build that names platforms, so a platform it cannot build
// is one line naming why rather than an error deep in the engine's output.
import { defaultProbe, type EngineProbe, type ResolvedEngine } from './resolve';

export interface BuilderFacts {
  name: string;
  driver: string;
  /** Platforms the builder's nodes build (natively or through registered QEMU emulators). */
  platforms: string[];
  /** The docker engine keeps images in containerd (multi-platform images can be loaded). */
  containerdStore: boolean;
}

/** `docker buildx inspect` (and, for the docker driver, `docker info`): null when the builder does not answer. */
export async function inspectBuilder(engine: ResolvedEngine, builder: string | undefined, probe: EngineProbe = defaultProbe): Promise<BuilderFacts | null> {
  const r = await probe.run(engine.command, ['buildx', 'inspect', ...(builder ? [builder] : [])]);
  if (r.code !== 0) return null;
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(r.stdout)?.[1].trim() ?? '';
  const platforms = [...r.stdout.matchAll(/^Platforms:\s*(.*)$/gm)].flatMap((m) => m[1].split(',').map((p) => p.trim().replace(/\*$/, '')).filter(Boolean));
  const driver = field('Driver');
  let containerdStore = false;
  if (driver === 'docker') {
    const info = await probe.run(engine.command, ['info', '--format', '{{json .DriverStatus}}']);
    containerdStore = info.code === 0 && info.stdout.includes('io.containerd.snapshotter');
  }
  return { name: field('Name') || builder || 'default', driver, platforms: [...new Set(platforms)], containerdStore };
}

/** linux/arm64 matches linux/arm64/v8 and the other way round. */
const covers = (have: string, want: string) => have === want || have.startsWith(`${want}/`) || want.startsWith(`${have}/`);

/** Why the builder cannot build these platforms (one line), or null. */
export function platformProblem(platforms: string[], facts: BuilderFacts): string | null {
  const builder = `builder ${facts.name} (${facts.driver} driver)`;
  if (platforms.length > 1 && facts.driver === 'docker' && !facts.containerdStore) {
    return `platforms: ${builder} builds several platforms (${platforms.join(', ')}) only when the docker engine uses the containerd image store, which this one does not; create a docker-container builder (docker buildx create --use --driver docker-container, then pass builder) or turn on the containerd image store, or pass one platform`;
  }
  const missing = platforms.filter((p) => !facts.platforms.some((have) => covers(have, p)));
  if (missing.length) {
    return `platforms: ${builder} cannot build ${missing.join(', ')} (it builds ${facts.platforms.join(', ') || 'nothing it reports'}); register QEMU emulators for them (docker run --privileged --rm tonistiigi/binfmt --install all) or use a builder on such a machine, or leave ${missing.join(', ')} out`;
  }
  return null;
}

import { addManagedHeader, isUntouched, readManagedHeader } from '../managed/header';
import { applyDigests, describePinChange, isPinned, pinSites } from '../dockerfile/pin-digests';
import { lintDockerfile } from '../lint';
import { renderDockerfile } from '../render/dockerfile';
import { pinBaseImages, resolveDigest } from './digests';
import type { EngineProbe, ProbeResult, ResolvedEngine } from './resolve';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const C = `sha256:${'c'.repeat(64)}`;
const DOCKERFILE = [
  'FROM golang:1.26-trixie AS deps',
  'FROM deps AS build',
  'RUN go build -o /app .',
  'FROM gcr.io/distroless/static-debian13:nonroot AS runtime',
  'COPY --from=build /app /app',
  'USER 65532',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');

const docker: ResolvedEngine = { kind: 'docker', command: '/usr/bin/docker', version: '20.10.24', buildKit: true, description: '', warnings: [] };
const buildx: ResolvedEngine = { ...docker, kind: 'buildx' };

/** A fake machine: `registry` answers manifest requests, `local` holds RepoDigests; every call is recorded. */
function machine(registry: Record<string, string>, local: Record<string, string[]> = {}) {
  const calls: string[][] = [];
  const ok = (stdout: string): ProbeResult => ({ code: 0, stdout, stderr: '' });
  const probe: EngineProbe = {
    which: () => null,
    async run(_command, args) {
      calls.push(args);
      const image = args.at(-1) as string;
      if (args[0] === 'buildx') {
        return registry[image] ? ok(JSON.stringify({ mediaType: 'application/vnd.oci.image.index.v1+json', digest: registry[image], size: 1 })) : { code: 1, stdout: '', stderr: `ERROR: ${image}: not found` };
      }
      if (args[0] === 'manifest') {
        return registry[image] ? ok(JSON.stringify({ Ref: image, Descriptor: { digest: registry[image] } })) : { code: 1, stdout: '', stderr: `no such manifest: ${image}` };
      }
      if (args[0] === 'image') return local[image] ? ok(`${JSON.stringify(local[image])}\n`) : { code: 1, stdout: '', stderr: `Error: No such image: ${image}` };
      throw new Error(`unexpected ${args.join(' ')}`);
    },
  };
  return { probe, calls };
}

describe('pin-digests (text)', () => {
  it('finds the registry images of FROM lines, not stages, variables or scratch', () => {
    const text = `ARG V=1\n${DOCKERFILE}FROM scratch AS empty\nFROM node:\${V} AS x\n`;
    expect(pinSites(text).map((s) => [s.line, s.image])).toEqual([[2, 'golang:1.26-trixie'], [5, 'gcr.io/distroless/static-debian13:nonroot']]);
    expect(isPinned(text)).toBe(false);
  });

  it('writes name:tag@digest, keeps flags and stage names, and replaces an old digest', () => {
    const once = applyDigests(`FROM --platform=$BUILDPLATFORM golang:1.26-trixie AS deps\n${DOCKERFILE.split('\n').slice(1).join('\n')}`, new Map([['golang:1.26-trixie', A], ['gcr.io/distroless/static-debian13:nonroot', B]]));
    expect(once.text).toContain(`FROM --platform=$BUILDPLATFORM golang:1.26-trixie@${A} AS deps`);
    expect(once.text).toContain(`FROM gcr.io/distroless/static-debian13:nonroot@${B} AS runtime`);
    expect(isPinned(once.text)).toBe(true);
    const again = applyDigests(once.text, new Map([['golang:1.26-trixie', C], ['gcr.io/distroless/static-debian13:nonroot', B]]));
    expect(again.changes).toEqual([{ line: 1, image: 'golang:1.26-trixie', from: A, to: C }]);
    expect(again.text).toContain(`golang:1.26-trixie@${C} AS deps`);
    expect(describePinChange(again.changes[0])).toBe('line 1: golang:1.26-trixie sha256:aaaaaaaaaaaa → sha256:cccccccccccc');
  });

  it.each(['node', 'python', 'go', 'rust', 'java'] as const)('our lint finds nothing more in a pinned %s Dockerfile than in the tagged one', (language) => {
    const text = renderDockerfile({ language, entry: language === 'rust' ? 'api' : undefined } as Parameters<typeof renderDockerfile>[0]);
    const pinned = applyDigests(text, new Map(pinSites(text).map((s) => [s.image, A]))).text;
    expect(isPinned(pinned)).toBe(true);
    const findings = (t: string) => lintDockerfile(t).map((f) => `${f.rule} line ${f.line}`);
    expect(findings(pinned)).toEqual(findings(text));
  });
});

describe('resolveDigest', () => {
  it('asks the registry through buildx imagetools first', async () => {
    const { probe, calls } = machine({ 'golang:1.26-trixie': A }, { 'golang:1.26-trixie': [`golang@${B}`] });
    expect(await resolveDigest(buildx, 'golang:1.26-trixie', probe)).toEqual({ digest: A, source: 'registry' });
    expect(calls).toEqual([['buildx', 'imagetools', 'inspect', '--format', '{{json .Manifest}}', 'golang:1.26-trixie']]);
  });

  it('without buildx uses docker manifest inspect, with --insecure only for a loopback registry', async () => {
    const { probe, calls } = machine({ '127.0.0.1:5000/mirror/golang:1.26-trixie': A });
    expect(await resolveDigest(docker, '127.0.0.1:5000/mirror/golang:1.26-trixie', probe)).toEqual({ digest: A, source: 'registry' });
    expect(calls[0]).toEqual(['manifest', 'inspect', '-v', '--insecure', '127.0.0.1:5000/mirror/golang:1.26-trixie']);
    await resolveDigest(docker, 'golang:1.26-trixie', probe);
    expect(calls[1]).toEqual(['manifest', 'inspect', '-v', 'golang:1.26-trixie']);
  });

  it('falls back to the digest the local store pulled, matching docker.io names', async () => {
    const { probe } = machine({}, { 'golang:1.26-trixie': [`docker.io/library/golang@${B}`, `mirror.example.com/golang@${C}`] });
    expect(await resolveDigest(buildx, 'golang:1.26-trixie', probe)).toEqual({ digest: B, source: 'local store' });
  });

  it('says in one line which image has no digest and what to do', async () => {
    const { probe } = machine({}, { 'golang:1.26-trixie': [] });
    const result = await resolveDigest(buildx, 'golang:1.26-trixie', probe);
    expect(result).toEqual({
      problem: 'pinDigests: no digest for golang:1.26-trixie: the registry did not give one (golang:1.26-trixie: not found) and the local store has none (an image built or imported here has no digest until it is pushed or pulled); docker pull golang:1.26-trixie (or push it to its registry) and run again, or leave out pinDigests',
    });
  });
});

describe('pinBaseImages', () => {
  it('pins every base image and re-stamps an untouched managed file', async () => {
    const { probe } = machine({ 'golang:1.26-trixie': A, 'gcr.io/distroless/static-debian13:nonroot': B });
    const text = addManagedHeader(DOCKERFILE, '0.3.0');
    const out = await pinBaseImages(text, { engine: buildx, probe });
    expect(out.problems).toEqual([]);
    expect(out.changes.map((c) => c.image)).toEqual(['golang:1.26-trixie', 'gcr.io/distroless/static-debian13:nonroot']);
    expect(out.sources).toEqual({ 'golang:1.26-trixie': 'registry', 'gcr.io/distroless/static-debian13:nonroot': 'registry' });
    expect(out.text).toContain(`FROM golang:1.26-trixie@${A} AS deps`);
    expect(isUntouched(out.text)).toBe(true);
    expect(readManagedHeader(out.text)?.version).toBe('0.3.0');
  });

  it('changes nothing when one image has no digest', async () => {
    const { probe } = machine({ 'golang:1.26-trixie': A });
    const out = await pinBaseImages(DOCKERFILE, { engine: buildx, probe });
    expect(out.text).toBe(DOCKERFILE);
    expect(out.changes).toEqual([]);
    expect(out.problems).toHaveLength(1);
    expect(out.problems[0]).toMatch(/^pinDigests: no digest for gcr\.io\/distroless\/static-debian13:nonroot: /);
  });
});

describe('pinBaseImages without an engine', () => {
  it('is one line naming what to install', async () => {
    const probe: EngineProbe = { which: () => null, run: async () => ({ code: 127, stdout: '', stderr: '' }) };
    const out = await pinBaseImages(DOCKERFILE, { probe });
    expect(out).toMatchObject({ text: DOCKERFILE, changes: [] });
    expect(out.problems).toEqual([expect.stringMatching(/^pinDigests: no container engine found .*; install docker\.io, podman or buildah$/)]);
  });
});

import fc from 'fast-check';
import { lintDockerfile } from '../lint';
import { PACKAGE_MANAGERS, VARIANTS, type DockerfileOptionsInput } from '../options';
import { LANGUAGES, type Language } from '../types';
import { renderDockerfile, renderDockerignore } from './index';
import { execForm, finalStage, lastOf, structure } from './__fixtures__/structure';

const VERSIONS: Record<Language, string[]> = {
  node: ['18', '20', '21', '22.11.0', '23', '24', 'v25.1.0', '26'],
  python: ['3.9', '3.11.9', '3.12', '3.13', '3.14'],
  go: ['1.21', '1.22.5', '1.23', '1.24', '1.26.1', '1.27'],
  rust: ['1.75', '1.80.1', '1.83', '1.85', '1'],
  java: ['11', '17', '21', '25'],
};

// Base-image overrides that can run each language's output (scratch only where the binary is static).
const RUNTIMES: Record<Language, string[]> = {
  node: ['node:22-bookworm', 'gcr.io/distroless/nodejs20-debian12:nonroot', 'corp.example.com/base/node:22'],
  python: ['python:3.11-slim', 'corp.example.com/python:3.12'],
  go: ['scratch', 'alpine:3.20', 'gcr.io/distroless/base-debian12:nonroot'],
  rust: ['gcr.io/distroless/base-debian12:nonroot', 'debian:12-slim'],
  java: ['eclipse-temurin:21-jre', 'gcr.io/distroless/java17-debian12:nonroot'],
};
const BUILDERS: Record<Language, string[]> = {
  node: ['node:22-bookworm', 'corp.example.com/node-builder:22'],
  python: ['python:3.12-bookworm'],
  go: ['golang:1.23-bookworm', 'golang:1.23-alpine'],
  rust: ['rust:1.85-bookworm', 'corp.example.com/rust:1'],
  java: ['maven:3.9-eclipse-temurin-17', 'gradle:8.10-jdk17'],
};

const ENTRIES: Record<Language, fc.Arbitrary<string>> = {
  node: fc.constantFrom('index.js', 'dist/main.js', 'src/server.mjs', 'build/app.cjs'),
  python: fc.constantFrom('main.py', 'app/main.py', 'app', 'svc.cli:main', 'manage.py'),
  go: fc.constantFrom('.', './cmd/api', 'cmd/worker', './cmd/api-gateway/'),
  rust: fc.constantFrom('server', 'my-app', 'hello_world'),
  java: fc.constantFrom('com.example.App', 'org.acme.Main'),
};

const projectRoot = fc.constantFrom('.', 'apps/api', 'services/billing-v2', 'packages/x');
const label = fc.tuple(
  fc.constantFrom('org.opencontainers.image.source', 'org.opencontainers.image.revision', 'team', 'com.example.note'),
  fc.string({ unit: fc.constantFrom(...'abc XYZ 09-_./:"\'=#'.split('')), maxLength: 24 }),
);

function optionsFor(language: Language): fc.Arbitrary<DockerfileOptionsInput> {
  return fc
    .record(
      {
        packageManager: fc.constantFrom(...PACKAGE_MANAGERS[language]),
        variant: fc.constantFrom(...VARIANTS[language]),
        runtimeVersion: fc.constantFrom(...VERSIONS[language]),
        target: fc.constantFrom('runtime', 'build'),
        cacheMounts: fc.boolean(),
        port: fc.integer({ min: 1, max: 65535 }),
        user: fc.oneof(fc.integer({ min: 1, max: 2 ** 31 - 1 }).map(String), fc.constantFrom('10001:10001', '1000:0')),
        labels: fc.array(label, { maxLength: 3 }).map((pairs) => Object.fromEntries(pairs)),
        registryMirror: fc.constantFrom('mirror.example.com', 'registry.corp:5000/dockerhub', 'localhost:5000/'),
        projectRoot,
        entry: ENTRIES[language],
        baseRuntime: fc.constantFrom(...RUNTIMES[language]),
        baseBuild: fc.constantFrom(...BUILDERS[language]),
        healthcheck: fc.constantFrom<string[]>(['/usr/local/bin/probe'], ['/app/healthcheck', '--quiet']),
        startCommand: fc.constantFrom<string | string[]>('/usr/local/bin/start --port 8080', ['node', 'server.js'], ['/bin/app']),
      },
      { requiredKeys: [] },
    )
    .chain((common) => {
      const extra: Record<string, fc.Arbitrary<unknown>> = {};
      if (language === 'node') {
        extra.buildCommand = fc.constantFrom('npm run build', 'npx nx build api', 'pnpm turbo run build --filter=api');
        extra.outputPath = fc.constantFrom('dist', 'dist/apps/api', 'build');
      }
      if (language === 'node' || language === 'python') extra.healthcheck = fc.constantFrom('/healthz', '/');
      if (language === 'java') extra.buildCommand = fc.constantFrom('mvn -B -q package', './gradlew bootJar');
      return fc.record(extra, { requiredKeys: [] }).map((more) => {
        const o: Record<string, unknown> = { language, ...common, ...more };
        // An HTTP path healthcheck needs a port; the rust binary name is required.
        if (typeof o.healthcheck === 'string' && o.port === undefined) o.port = 8080;
        if (language === 'rust' && o.entry === undefined) o.entry = 'app';
        // scratch runs static binaries only (go always, rust with musl)
        if (o.baseRuntime === 'scratch' && language === 'rust' && o.variant !== 'musl') delete o.baseRuntime;
        // java's jar folder must be inside the project
        if (language === 'java' && o.outputPath !== undefined) delete o.outputPath;
        return o as DockerfileOptionsInput;
      });
    });
}

const anyOptions = fc.constantFrom(...LANGUAGES).chain(optionsFor);

describe('property: every valid option set renders a correct Dockerfile', () => {
  it('parses, COPY --from names earlier stages, runtime last and non-root, exec form, lint-clean', () => {
    fc.assert(
      fc.property(anyOptions, (input) => {
        const text = renderDockerfile(input);
        const { stages, problems } = structure(text);
        expect(problems).toBe(0);

        const names = stages.map((s) => s.name);
        expect(names[names.length - 1]).toBe('runtime');
        expect(names).toContain(input.target ?? 'runtime');
        stages.forEach((stage, index) => {
          expect(stage.name).toMatch(/^[a-z][a-z0-9-]*$/);
          for (const copy of stage.instructions.filter((i) => i.from !== null)) {
            expect(names.slice(0, index)).toContain(copy.from);
          }
          // literal, pinned FROM lines only
          expect(stage.image).not.toMatch(/\$|:latest$/);
          if (!names.slice(0, index).includes(stage.image) && stage.image !== 'scratch') expect(stage.image).toMatch(/:[^/]+$/);
        });

        const final = finalStage(text);
        const user = lastOf(final, 'USER')?.args ?? '';
        expect(user).toMatch(/^\d+(:\d+)?$/);
        expect(Number(user.split(':')[0])).toBeGreaterThan(0);
        for (const keyword of ['ENTRYPOINT', 'CMD']) {
          const instruction = lastOf(final, keyword);
          if (instruction) expect(execForm(instruction.args)).not.toBeNull();
        }
        const healthcheck = lastOf(final, 'HEALTHCHECK');
        if (healthcheck) expect(execForm(healthcheck.args)).not.toBeNull();
        expect(lastOf(final, 'ENTRYPOINT') ?? lastOf(final, 'CMD')).toBeDefined();

        if (input.cacheMounts === false) expect(text).not.toMatch(/--mount|--chmod/);
        expect(text).not.toMatch(/^# *syntax=|--link\b|sharing=locked|<<-?["']?[A-Z]/m);

        // a pinned past-EOL version is kept and only warned about (EndOfLifeBaseImage has its own tests)
        expect(lintDockerfile(text).filter((f) => f.rule !== 'EndOfLifeBaseImage')).toEqual([]);
        expect(renderDockerignore(input).length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });
});

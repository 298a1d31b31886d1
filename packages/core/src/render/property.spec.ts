import fc from 'fast-check';
import type { PropertyInstruction } from '../dockerfile/ast';
import { lintDockerfile } from '../lint';
import { parseDockerfile } from '../dockerfile/parse';
import { PACKAGE_MANAGERS, parseOptions, VARIANTS, type DockerfileOptions, type DockerfileOptionsInput } from '../options';
import { OptionsError } from '../options/errors';
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

// ---------------------------------------------------------------------------------------------------------------
// Hostile values in every free-text option: rejected with one line naming the option, or written literally.

const FRAGMENTS = [
  '$', '${PATH}', '$5', '$(id -u>&2)', '`id`', '\\', '\\\\', '"', "'", ';', '&&', '|', '>', '<', '*', '#', ' ', '\t',
  '\n', '\r', '\r\n', '\\\n', '\u2028', '\u0085', '\u0000', '\u001b[31m', '<<EOF', 'é', 'ß', '中', '😀', '\u200b',
  '\nUSER root', '\nFROM scratch', ' \\', '--mount=type=secret,id=x', '--chown=0', '-', 'RUN id', ']', '[', ',', '=', '/', '..', '%2e',
];
const hostileText = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) }, fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })), {
    minLength: 1,
    maxLength: 5,
  })
  .map((parts) => parts.join(''));
/** Benign words around hostile ones, so that accepted values (no control characters) are common. */
const mixed = (benign: string) => fc.oneof(hostileText, hostileText.map((h) => `${benign}${h}`), hostileText.map((h) => `${h}${benign}`));
const hostileArgv = fc.array(mixed('arg'), { minLength: 1, maxLength: 3 });

const BENIGN_ENTRY: Record<Language, string> = { node: 'index.js', python: 'main.py', go: './cmd/api', rust: 'app', java: 'com.example.App' };

/** Every free-text option, each usually benign and sometimes hostile, so one or two hostile values meet in one set. */
function hostileOptionsFor(language: Language): fc.Arbitrary<Record<string, unknown>> {
  const field = <T>(benign: T, hostile: fc.Arbitrary<unknown>) => fc.oneof({ weight: 4, arbitrary: fc.constant(benign) }, { weight: 1, arbitrary: hostile });
  const fields: Record<string, fc.Arbitrary<unknown>> = {
    labels: field({ team: 'payments' }, fc.array(fc.tuple(fc.oneof(fc.constantFrom('org.opencontainers.image.title', 'team'), mixed('k')), mixed('v')), { minLength: 1, maxLength: 3 })
      .map((pairs) => Object.fromEntries(pairs))),
    startCommand: field('/bin/app --port 8080', fc.oneof(mixed('/bin/app --flag'), hostileArgv)),
    healthcheck: field(language === 'node' || language === 'python' ? '/healthz' : ['/bin/app', 'health'], fc.oneof(mixed('/healthz').map((h) => (h.startsWith('/') ? h : `/${h}`)), hostileArgv)),
    buildCommand: field('npm run build', mixed('npm run build')),
    entry: field(BENIGN_ENTRY[language], mixed(BENIGN_ENTRY[language])),
    projectRoot: field('apps/api', mixed('apps/api')),
    registryMirror: field('mirror.example.com', mixed('mirror.example.com')),
    baseBuild: field(BUILDERS[language][0], mixed(BUILDERS[language][0])),
    user: field('10001', mixed('10001')),
    target: field('runtime', mixed('runtime')),
    runtimeVersion: field(VERSIONS[language][0], mixed(VERSIONS[language][0])),
  };
  if (language === 'node') {
    Object.assign(fields, {
      outputPath: field('dist', mixed('dist')),
      manifestsPath: field('dist/docker', mixed('dist/docker')),
      workspaceManifests: field(['libs/a/package.json'], fc.array(mixed('libs/a/package.json'), { minLength: 1, maxLength: 2 })),
      pruneScope: field('web', mixed('web')),
    });
  }
  return fc
    .record(fields, { requiredKeys: [] })
    .map((o) => ({ language, port: 8080, ...(language === 'rust' && o.entry === undefined ? { entry: 'app' } : {}), ...(o.pruneScope !== undefined ? { pruneWith: 'turbo' } : {}), ...o }));
}

/** The same option set with every free-text value replaced by a benign one of the same shape. */
function benignTwin(o: DockerfileOptions): DockerfileOptions {
  const twin: Record<string, unknown> = { ...o };
  const word = (v: unknown, benign: string) => (Array.isArray(v) ? v.map(() => benign) : benign);
  if (o.startCommand !== undefined) twin.startCommand = word(o.startCommand, '/bin/x');
  if (o.healthcheck !== undefined) twin.healthcheck = Array.isArray(o.healthcheck) ? word(o.healthcheck, 'x') : '/h';
  if (o.buildCommand !== undefined) twin.buildCommand = 'true';
  twin.labels = Object.fromEntries(Object.keys(o.labels).map((_, i) => [`k${i}`, 'v']));
  return twin as DockerfileOptions;
}

/** Per stage: its name, image and the keywords of its instructions with their flag names, read with the project's parser. */
function shape(text: string): string[] {
  const flags = (i: object) => ('getFlags' in i ? (i as { getFlags(): Array<{ getName(): string }> }).getFlags().map((f) => `--${f.getName()}`) : []);
  return parseDockerfile(text).stages.map((s) => [s.name, s.image, ...s.instructions.map((i) => [i.getKeyword(), ...flags(i)].join(' '))].join(' | '));
}

// option name, then map keys or array indexes (quoted when they are not plain words), then the problem
const PROBLEM_LINE = /^([A-Za-z]+)(?:\.(?:[\w.-]+|"(?:[^"\\\n\r]|\\.)*"))*: [^\n\r]+$/;

describe('property: hostile values are rejected with one line each, or written literally', () => {
  it.each(LANGUAGES)('%s', (language) => {
    let accepted = 0;
    fc.assert(
      fc.property(hostileOptionsFor(language), (input) => {
        let o: DockerfileOptions;
        let text: string;
        try {
          o = parseOptions(input);
          text = renderDockerfile(o);
        } catch (error) {
          expect(error).toBeInstanceOf(OptionsError);
          const problems = (error as OptionsError).problems;
          expect(problems.length).toBeGreaterThan(0);
          for (const line of problems) {
            const m = PROBLEM_LINE.exec(line);
            expect(m).not.toBeNull();
            expect(Object.keys(input)).toContain(m![1]);
          }
          return;
        }
        accepted++;
        // the same stages and instructions as with benign values: nothing added, nothing swallowed
        expect(shape(text)).toEqual(shape(renderDockerfile(benignTwin(o))));
        expect(lintDockerfile(text).filter((f) => f.rule !== 'EndOfLifeBaseImage')).toEqual([]);

        const model = parseDockerfile(text);
        const final = model.stages[model.stages.length - 1].instructions;
        const label = final.find((i) => i.getKeyword() === 'LABEL') as PropertyInstruction | undefined;
        const entries = Object.entries(o.labels);
        if (entries.length === 0) expect(label).toBeUndefined();
        else {
          // dockerfile-ast leaves "\$" to variable resolution; docker reads it as "$"
          const read = label!.getProperties().map((p) => [p.getName(), (p.getValue() ?? '').replace(/\\\$/g, '$')]);
          expect(read).toEqual(entries.map(([k, v]) => [k, v]));
          expect(label!.getVariables()).toEqual([]);
        }
        // exec forms read from the source line as docker does (dockerfile-ast's argument list drops whitespace inside JSON strings)
        const execArgv = (i: (typeof final)[number]) => JSON.parse(model.lines[i.getRange().start.line].replace(/^\s*\w+\s+(?:--\S+\s+)*(?:CMD\s+)?/, '')) as string[];
        const args = (keyword: string) => final.filter((i) => i.getKeyword() === keyword).map(execArgv);
        if (o.startCommand !== undefined) {
          const argv = Array.isArray(o.startCommand) ? o.startCommand : o.startCommand.trim().split(/\s+/);
          const [entrypoint] = args('ENTRYPOINT');
          expect(entrypoint.slice(1)).toEqual(argv.slice(1));
          expect(entrypoint[0] === argv[0] || (argv[0] === 'node' && entrypoint[0].endsWith('node'))).toBe(true);
        }
        if (o.healthcheck !== undefined) {
          const [argv] = args('HEALTHCHECK');
          if (Array.isArray(o.healthcheck)) expect(argv).toEqual(o.healthcheck);
          else expect(argv[argv.length - 1]).toBe(`http://127.0.0.1:${o.port}${o.healthcheck}`);
        }
        if (o.buildCommand !== undefined && (language === 'node' || language === 'java')) {
          // one RUN is the command as written (its --mount flags aside), nothing before or after it
          const runs = model.instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => (i.getArgumentsContent() ?? '').trim());
          expect(runs).toContain(o.buildCommand.trim());
        }
      }),
      { numRuns: 400 },
    );
    // the generator must reach the accepting branch too, or the test proves nothing about literal output
    expect(accepted).toBeGreaterThan(20);
  });
});

import { OptionsError, optionsJsonSchema, parseOptions, PACKAGE_MANAGERS, VARIANTS } from './index';

function problems(input: unknown): string[] {
  try {
    parseOptions(input);
  } catch (e) {
    expect(e).toBeInstanceOf(OptionsError);
    expect((e as Error).message).toBe((e as OptionsError).problems.join('\n'));
    return (e as OptionsError).problems;
  }
  throw new Error('expected an OptionsError');
}

describe('parseOptions defaults', () => {
  it.each(Object.entries(PACKAGE_MANAGERS))('%s gets target runtime, cache mounts, first package manager and variant', (language, managers) => {
    const o = parseOptions({ language });
    expect(o).toMatchObject({
      language,
      target: 'runtime',
      cacheMounts: true,
      labels: {},
      projectRoot: '.',
      packageManager: managers[0],
      variant: VARIANTS[language as keyof typeof VARIANTS][0],
    });
    expect(o.port).toBeUndefined();
    expect(o.user).toBeUndefined();
  });

  it('normalizes paths, numbers given as strings, versions and the mirror', () => {
    const o = parseOptions({
      language: 'go',
      projectRoot: './apps/api/',
      outputPath: 'dist/./apps/api/',
      port: '8080',
      user: 10001,
      runtimeVersion: 'v1.22.5',
      registryMirror: 'mirror.example.com/hub/',
    });
    expect(o).toMatchObject({
      projectRoot: 'apps/api',
      outputPath: 'dist/apps/api',
      port: 8080,
      user: '10001',
      runtimeVersion: '1.22.5',
      registryMirror: 'mirror.example.com/hub',
    });
  });

  it('ignores options given as undefined (how adapters pass unset flags)', () => {
    expect(parseOptions({ language: 'rust', port: undefined, entry: undefined }).port).toBeUndefined();
  });
});

describe('parseOptions errors: one line per problem naming the option and allowed values', () => {
  it('rejects an unknown or missing language', () => {
    expect(problems({ language: 'ruby' })).toEqual(['language: must be one of node, python, go, rust, java (got "ruby")']);
    expect(problems({})).toEqual(['language: must be one of node, python, go, rust, java (got nothing)']);
    expect(problems('node')).toEqual(['options: expected an object (got "node")']);
  });

  it('lists per-language allowed package managers and variants', () => {
    expect(problems({ language: 'python', packageManager: 'pnpm', variant: 'alpine' })).toEqual([
      'packageManager: must be one of pip, poetry, uv, pdm, pipenv for python (got "pnpm")',
      'variant: must be one of trixie, slim, bookworm for python (got "alpine")',
    ]);
    expect(problems({ language: 'java', packageManager: 'ant' })).toEqual([
      'packageManager: must be one of maven, gradle for java (got "ant")',
    ]);
  });

  it('reports every bad option at once', () => {
    const lines = problems({
      language: 'node',
      port: 70000,
      user: '0',
      baseRuntime: 'node:latest',
      projectRoot: '../elsewhere',
      cacheMounts: 'yes',
      healthcheck: 'healthz',
      target: 'Runtime',
      labels: { version: 2 },
    });
    expect(lines).toHaveLength(8);
    expect(lines).toEqual(
      expect.arrayContaining([
        'port: must be <=65535 (got number 70000)',
        'user: must not be 0 (root); use a non-root uid such as 10001 (got "0")',
        'baseRuntime: must be pinned to a tag other than "latest" (or a digest), e.g. "node:24-trixie-slim" (got "node:latest")',
        'projectRoot: must be a relative path inside the build context (no leading "/" or "..") (got "../elsewhere")',
        'cacheMounts: expected boolean (got "yes")',
        'labels.version: expected string (got number 2)',
      ]),
    );
    expect(lines.find((l) => l.startsWith('healthcheck: '))).toMatch(/HTTP path starting with "\/".*command array/);
    expect(lines.find((l) => l.startsWith('target: '))).toMatch(/lowercase stage name/);
    for (const line of lines) expect(line).toMatch(/^[a-zA-Z.]+: .+\(got .+\)$/);
  });

  it('names unknown options with the closest real one', () => {
    expect(problems({ language: 'node', cachemounts: false, frobnicate: 1 })).toEqual([
      'cachemounts: unknown option (did you mean "cacheMounts"?)',
      'frobnicate: unknown option',
    ]);
  });

  it('rejects a user name and a malformed image reference', () => {
    expect(problems({ language: 'go', user: 'app' })[0]).toMatch(/^user: must be a numeric uid/);
    expect(problems({ language: 'go', baseBuild: 'Not An Image' })[0]).toMatch(/^baseBuild: must be an image reference/);
    // no tag means :latest, which our own lint refuses
    expect(problems({ language: 'go', baseBuild: 'golang' })[0]).toMatch(/^baseBuild: must be pinned to a tag other than "latest"/);
    expect(parseOptions({ language: 'go', baseBuild: `golang@sha256:${'a'.repeat(64)}` }).baseBuild).toMatch(/@sha256:/);
    expect(problems({ language: 'go', runtimeVersion: 'latest' })[0]).toMatch(/^runtimeVersion: must be a version number/);
  });
});

describe('optionsJsonSchema', () => {
  it('is one flat object whose enums are the union over languages', () => {
    const schema = optionsJsonSchema() as { type: string; properties: Record<string, { enum?: string[]; default?: unknown; description?: string }> };
    expect(schema.type).toBe('object');
    expect(schema.properties.language.enum).toEqual(['node', 'python', 'go', 'rust', 'java']);
    expect(schema.properties.packageManager.enum).toEqual(['npm', 'pnpm', 'yarn', 'bun', 'pip', 'poetry', 'uv', 'pdm', 'pipenv', 'go', 'cargo', 'maven', 'gradle']);
    expect(schema.properties.variant.enum).toEqual(expect.arrayContaining(['distroless', 'alpine', 'slim', 'bookworm', 'scratch', 'musl']));
    expect(schema.properties.target.default).toBe('runtime');
    expect(schema.properties.cacheMounts.default).toBe(true);
    for (const [name, prop] of Object.entries(schema.properties)) expect([name, typeof prop.description]).toEqual([name, 'string']);
  });
});

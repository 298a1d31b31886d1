import { BuildOptionsError, parseBuildOptions } from './options';

function problems(input: unknown): string[] {
  try {
    parseBuildOptions(input);
  } catch (error) {
    if (error instanceof BuildOptionsError) return error.problems;
    throw error;
  }
  throw new Error('expected a BuildOptionsError');
}

describe('parseBuildOptions', () => {
  it('fills defaults', () => {
    expect(parseBuildOptions({})).toEqual({
      engine: 'auto', context: '.', tags: [], buildArgs: {}, secrets: [], platforms: [], push: false,
      cacheFrom: [], cacheTo: [], labels: {}, gitLabels: true, noCache: false, pull: false, quiet: false, progress: 'auto', verbose: false, dryRun: false,
      defaultSecrets: true, rebuild: false, sbom: false,
    });
  });

  it('normalises nx-container kebab-case aliases to camelCase', () => {
    const options = parseBuildOptions({
      'build-args': ['NODE_ENV=production', 'EMPTY='], 'cache-from': 'type=registry,ref=r/app:cache',
      'cache-to': ['type=inline'], 'no-cache': true,
    });
    expect(options.buildArgs).toEqual({ NODE_ENV: 'production', EMPTY: '' });
    expect(options.cacheFrom).toEqual(['type=registry,ref=r/app:cache']);
    expect(options.cacheTo).toEqual(['type=inline']);
    expect(options.noCache).toBe(true);
    expect(options).not.toHaveProperty('no-cache');
  });

  it('accepts lists as comma-separated strings for tags and platforms, records for args and labels', () => {
    const options = parseBuildOptions({ tags: 'app:1, app:2', platforms: 'linux/amd64,linux/arm64', labels: { a: 1, b: true }, buildArgs: { X: 'y=z' } });
    expect(options.tags).toEqual(['app:1', 'app:2']);
    expect(options.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(options.labels).toEqual({ a: '1', b: 'true' });
    expect(options.buildArgs).toEqual({ X: 'y=z' });
  });

  it('reports every problem, one line each, naming the option', () => {
    expect(problems({ engine: 'dockr', tags: ['ok:1', 'a;rm -rf /', 'App'], push: 'yes', buildArgs: ['NOEQUALS'] })).toEqual([
      `engine: must be one of auto, docker, buildx, podman, buildah (got "dockr"; did you mean 'docker'?)`,
      'tags: tag "a;rm -rf /" contains whitespace; image references cannot',
      `tags: tag "App": repository names must be lowercase ('App' → 'app')`,
      'buildArgs[0]: each entry must look like KEY=value',
      'push: must be true or false (got "yes")',
    ]);
  });

  it('names an alias given twice, unsupported nx-container options and unknown options', () => {
    const lines = problems({ 'no-cache': true, noCache: false, ssh: ['default'], 'shm-size': '2g', colour: 'red' });
    expect(lines).toEqual([
      'no-cache: given twice, as no-cache and noCache; keep one',
      'ssh: an nx-container option docker-ms does not support; remove it',
      'shm-size: an nx-container option docker-ms does not support; remove it',
      expect.stringMatching(/^colour: unknown build option \(known: engine, file, context, target, tags, /),
    ]);
  });

  it('accepts docker secret forms and rejects values on the command line', () => {
    expect(parseBuildOptions({ secrets: ['id=npm,src=.npmrc', 'id=tok,env=GH_TOKEN', 'NPM_TOKEN'] }).secrets).toHaveLength(3);
    expect(problems({ secrets: ['TOKEN=abc123'] })).toEqual([
      'secrets[0]: each secret must be id=<id>,src=<file>, id=<id>,env=<VAR> or an environment variable name',
    ]);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { detectProject } from './detect-project';
import { memoryFileReader, nodeFileReader } from './file-reader';
import { goModError } from './go-mod-syntax';
import { jsonError } from './json-error';
import { MANIFEST_MAX_BYTES } from './manifest-error';

const detect = (files: Record<string, string>) => detectProject('apps/x', { workspaceRoot: '/ws', fs: memoryFileReader(files) });

describe('bad manifests stop detection: the file, the position, the parse error', () => {
  it.each([
    ['package.json', '{\n  "name": "x",\n  "main": "index.js",\n}\n', 'apps/x/package.json:4:1: expected a property name in double quotes but found "}"'],
    ['package.json', '{ "name": "x", "scripts": { "start": "node a.js" }\n', 'apps/x/package.json:2:1: unexpected end of file'],
    ['package.json', '["not", "an", "object"]', 'apps/x/package.json:1:1: must be a JSON object'],
    ['pyproject.toml', '[project]\nname = "x"\nversion = 0.1.0\n', 'apps/x/pyproject.toml:3:'],
    ['Cargo.toml', '[package\nname = "x"\n', 'apps/x/Cargo.toml:1:'],
    ['go.mod', 'module example.com/x\n\ngo 1.22\nrequre github.com/a/b v1.0.0\n', 'apps/x/go.mod:4:1: unknown directive: requre'],
    ['go.mod', 'module example.com/x\nrequire (\n  github.com/a/b v1.0.0\n', 'apps/x/go.mod:2:1: block is not closed (missing ")")'],
    ['pom.xml', '<project>\n<artifactId>x</artifactId>\n<version>1</versoin>\n</project>\n', 'apps/x/pom.xml:3:'],
  ])('%s: %j', (name, text, message) => {
    expect(() => detect({ [`apps/x/${name}`]: text })).toThrow(message);
    try {
      detect({ [`apps/x/${name}`]: text });
    } catch (error) {
      expect((error as Error).name).toBe('ManifestError');
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('a valid manifest with a trailing newline and a BOM-free UTF-8 name still detects', () => {
    expect(detect({ 'apps/x/package.json': '{"name":"é","main":"a.js"}\n' }).language).toBe('node');
    expect(detect({ 'apps/x/go.mod': 'module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/a/b v1.0.0 // indirect\n)\n' }).language).toBe('go');
  });
});

describe('pnpm-only manifests (package.json5 / package.yaml, read by pnpm when package.json is absent)', () => {
  // Written after pnpm's docs (package.json page: "pnpm also supports package.json5 and package.yaml").
  const json5 = "// pnpm reads this when there is no package.json\n{\n  name: 'api',\n  version: '1.0.0',\n  main: 'index.js',\n  dependencies: { express: '^5.1.0', },\n}\n";
  const yaml = 'name: api\nversion: 1.0.0\nmain: index.js\nscripts:\n  start: node index.js\ndependencies:\n  express: ^5.1.0\n';
  const lock = "lockfileVersion: '9.0'\n";

  it.each([
    ['package.json5', json5],
    ['package.yaml', yaml],
  ])('%s alone: recognised as a Node app, refused with one line naming the rename', (name, text) => {
    for (const files of [{ [`apps/x/${name}`]: text }, { [`apps/x/${name}`]: text, 'apps/x/pnpm-lock.yaml': lock }]) {
      let error: unknown;
      try {
        detect(files);
      } catch (e) {
        error = e;
      }
      expect((error as Error).name).toBe('ManifestError');
      expect((error as Error).message).toBe(
        `apps/x/${name}: a Node app needs package.json (Node and the image read no other manifest); rename it to package.json with the same fields as JSON`,
      );
    }
  });

  it('a package.json next to it wins: pnpm and docker-ms read package.json', () => {
    const result = detect({ 'apps/x/package.json': '{"name":"api","main":"index.js"}', 'apps/x/package.yaml': yaml, 'apps/x/index.js': '' });
    expect(result.language).toBe('node');
    expect(result.entry).toBe('index.js');
  });
});

describe('jsonError agrees with JSON.parse', () => {
  it('null exactly when JSON.parse accepts the text; otherwise an offset inside it', () => {
    const jsonish = fc.oneof(
      fc.json(),
      fc.json().map((j) => j.slice(0, -1)),
      fc.string({ unit: fc.constantFrom(...'{}[]:,"\\ \n0123456789.-eE+truefalsn\u0001ux'.split('')), maxLength: 20 }),
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const error = jsonError(text);
        expect(error === null).toBe(valid);
        if (error) expect(error.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('deep nesting does not overflow the stack', () => {
    expect(jsonError('['.repeat(200_000))).toEqual({ offset: 200_000, message: 'unexpected end of file' });
  });

  it('go.mod: known directives and blocks pass', () => {
    expect(goModError('// comment\nmodule x\ngo 1.22\ntoolchain go1.22.5\nreplace a => ../a\n')).toBeNull();
  });
});

describe('files that must not be read', () => {
  const workspace = () => {
    const root = mkdtempSync(join(tmpdir(), 'docker-ms-manifests-'));
    mkdirSync(join(root, 'apps/x'), { recursive: true });
    return root;
  };

  it('a FIFO named package.json is refused at once, not read', () => {
    const root = workspace();
    execFileSync('mkfifo', [join(root, 'apps/x/package.json')]);
    // reading it would block this test until jest's timeout
    expect(() => detectProject('apps/x', { workspaceRoot: root })).toThrow('apps/x/package.json: not a regular file (a FIFO, socket or device); refusing to read it');
  });

  it('a manifest over the size cap is refused without reading it', () => {
    const root = workspace();
    const file = join(root, 'apps/x/package.json');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 600 * 1024 * 1024); // sparse: 600 MB of size, no disk
    closeSync(fd);
    expect(() => nodeFileReader(root).read('apps/x/package.json')).toThrow(/^apps\/x\/package\.json: 600\.0 MB is over the 4 MB limit for a manifest; refusing to read it$/);
    writeFileSync(file, JSON.stringify({ name: 'x', description: 'y'.repeat(MANIFEST_MAX_BYTES - 100) }));
    expect(detectProject('apps/x', { workspaceRoot: root }).language).toBe('node');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DetectionError, memoryFileReader } from '../detect';
import { OptionsError } from '../options';
import { generateDockerfile } from './index';
import { finalStage, lastOf, stageNames, structure } from './__fixtures__/structure';

const pkg = (o: object) => JSON.stringify({ name: 'api', version: '1.0.0', ...o });

describe('generateDockerfile', () => {
  it('fills language, package manager, version, entry and build command from the project', () => {
    const files = memoryFileReader({
      'package.json': pkg({ scripts: { build: 'tsc -p .', start: 'node dist/main.js' }, engines: { node: '20' } }),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
    });
    const result = generateDockerfile({ workspaceRoot: '/repo', projectRoot: '.', fs: files });
    expect(result.detection).toMatchObject({ language: 'node', packageManager: 'pnpm', runtimeVersion: '20', entry: 'dist/main.js' });
    expect(result.options).toMatchObject({ language: 'node', packageManager: 'pnpm', runtimeVersion: '20', entry: 'dist/main.js', buildCommand: 'pnpm run build' });
    expect(structure(result.dockerfile).stages.map((s) => s.image)[0]).toBe('node:20-trixie-slim');
    // node 20 has no Debian 13 distroless image: the slim image (with node on PATH) runs it
    expect(lastOf(finalStage(result.dockerfile), 'CMD')?.args).toBe('["node","dist/main.js"]');
    expect(result.dockerignore).toContain('**/node_modules');
  });

  it('lets user options win over detection', () => {
    const files = memoryFileReader({
      'package.json': pkg({ scripts: { build: 'tsc', start: 'node dist/main.js' } }),
      'package-lock.json': '{"lockfileVersion":3}',
    });
    const result = generateDockerfile({
      workspaceRoot: '/repo',
      projectRoot: '.',
      fs: files,
      options: { runtimeVersion: '24', buildCommand: 'npm run compile', entry: 'out/server.js', port: 4000, variant: 'slim' },
    });
    expect(result.options).toMatchObject({ runtimeVersion: '24', buildCommand: 'npm run compile', entry: 'out/server.js', port: 4000 });
    expect(lastOf(finalStage(result.dockerfile), 'CMD')?.args).toBe('["node","out/server.js"]');
  });

  it('Nx-style: workspace-root context, app under apps/api, output from the build target', () => {
    const files = memoryFileReader({
      'package.json': pkg({ name: 'ws', devDependencies: { nx: '23.2.1' } }),
      'package-lock.json': '{"lockfileVersion":3}',
      'apps/api/project.json': '{"name":"api"}',
      'apps/api/src/main.ts': 'console.log(1)',
    });
    const result = generateDockerfile({
      workspaceRoot: '/repo',
      projectRoot: 'apps/api',
      fs: files,
      options: { language: 'node', projectRoot: 'apps/api', buildCommand: 'npx nx build api', outputPath: 'dist/apps/api' },
    });
    expect(result.options.entry).toBeUndefined();
    const runtime = finalStage(result.dockerfile);
    expect(lastOf(runtime, 'CMD')?.args).toBe('["dist/apps/api/main.js"]');
    expect(result.dockerignore.split('\n')).toContain('dist/apps/api');
  });

  it('go, rust, python and java projects on disk (default file reader)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dms-generate-'));
    try {
      const write = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), text);
      };
      write('svc/go.mod', 'module example.com/svc\n\ngo 1.23\n');
      write('svc/cmd/svc/main.go', 'package main\n\nfunc main() {}\n');
      write('tool/Cargo.toml', '[package]\nname = "tool"\nversion = "0.1.0"\nedition = "2021"\n');
      write('tool/src/main.rs', 'fn main() {}\n');
      write('py/requirements.txt', '\n');
      write('py/app.py', 'print(1)\n');
      write('jv/pom.xml', '<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId><version>1</version><properties><maven.compiler.release>17</maven.compiler.release></properties></project>');

      const go = generateDockerfile({ workspaceRoot: root, projectRoot: 'svc' });
      expect(go.options).toMatchObject({ language: 'go', runtimeVersion: '1.23', entry: './cmd/svc' });
      expect(structure(go.dockerfile).stages[0].image).toBe('golang:1.23-bookworm');
      expect(lastOf(finalStage(go.dockerfile), 'ENTRYPOINT')?.args).toBe('["/usr/local/bin/svc"]');

      const rust = generateDockerfile({ workspaceRoot: root, projectRoot: path.join(root, 'tool') });
      expect(rust.options).toMatchObject({ language: 'rust', entry: 'tool' });
      expect(stageNames(rust.dockerfile)).toEqual(['deps', 'build', 'runtime']);

      const py = generateDockerfile({ workspaceRoot: root, projectRoot: 'py' });
      expect(py.options).toMatchObject({ language: 'python', packageManager: 'pip', entry: 'app.py' });

      const java = generateDockerfile({ workspaceRoot: root, projectRoot: 'jv' });
      expect(java.options).toMatchObject({ language: 'java', packageManager: 'maven', runtimeVersion: '17' });
      expect(structure(java.dockerfile).stages.map((s) => s.image)).toEqual([
        'maven:3.9-eclipse-temurin-17',
        'gcr.io/distroless/java17-debian13:nonroot',
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('a forced language reads that language only and keeps user choices', () => {
    const files = memoryFileReader({ 'go.mod': 'module x\n\ngo 1.22\n', 'main.go': 'package main\n' });
    const result = generateDockerfile({ workspaceRoot: '/r', projectRoot: '.', fs: files, options: { language: 'go', variant: 'scratch' } });
    expect(structure(result.dockerfile).stages.map((s) => s.image)).toEqual(['golang:1.22-alpine', 'deps', 'scratch']);
  });

  it('passes detection and option errors through', () => {
    expect(() => generateDockerfile({ workspaceRoot: '/r', projectRoot: '.', fs: memoryFileReader({ 'README.md': '# hi' }) })).toThrow(DetectionError);
    const files = memoryFileReader({ 'go.mod': 'module x\n\ngo 1.22\n', 'main.go': 'package main\n' });
    expect(() => generateDockerfile({ workspaceRoot: '/r', projectRoot: '.', fs: files, options: { port: 0 } })).toThrow(OptionsError);
  });

  describe('listens where the app does', () => {
    // the @nx/node express template: HOST with a localhost default, PORT with a default
    const express = "const host = process.env.HOST ?? 'localhost';\nconst port = process.env.PORT ? Number(process.env.PORT) : 3000;\napp.listen(port, host);\n";
    const files = () => memoryFileReader({ 'package.json': pkg({ main: 'main.js', dependencies: { express: '4' } }), 'package-lock.json': '{}', 'main.js': express });

    it('EXPOSE, ENV PORT and ENV HOST=0.0.0.0 in the final stage', () => {
      const result = generateDockerfile({ workspaceRoot: '/repo', projectRoot: '.', fs: files() });
      expect(result.options).toMatchObject({ port: 3000, env: { HOST: '0.0.0.0', PORT: '3000' } });
      const runtime = finalStage(result.dockerfile);
      expect(lastOf(runtime, 'EXPOSE')?.args).toBe('3000');
      expect(runtime.instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args)).toContain('HOST=0.0.0.0 PORT=3000');
    });

    it('--port wins and PORT follows it; a user env value wins over a detected one', () => {
      const result = generateDockerfile({ workspaceRoot: '/repo', projectRoot: '.', fs: files(), options: { port: 8080, env: { HOST: '::' } } });
      expect(result.options).toMatchObject({ port: 8080, env: { HOST: '::', PORT: '8080' } });
      expect(lastOf(finalStage(result.dockerfile), 'EXPOSE')?.args).toBe('8080');
    });

    it('no port found: no EXPOSE and no ENV', () => {
      const quiet = memoryFileReader({ 'package.json': pkg({ main: 'main.js', dependencies: { x: '1' } }), 'package-lock.json': '{}', 'main.js': 'console.log(1)\n' });
      const result = generateDockerfile({ workspaceRoot: '/repo', projectRoot: '.', fs: quiet });
      expect(result.options.port).toBeUndefined();
      expect(result.options.env).toEqual({});
      expect(result.dockerfile).not.toMatch(/^EXPOSE|^ENV PORT/m);
    });

    it('python: a Procfile gunicorn command becomes the start command, with PORT set for its 0.0.0.0:$PORT bind', () => {
      const py = memoryFileReader({ 'requirements.txt': 'flask\ngunicorn\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n', Procfile: 'web: gunicorn app:app\n' });
      const result = generateDockerfile({ workspaceRoot: '/repo', projectRoot: '.', fs: py });
      const runtime = finalStage(result.dockerfile);
      expect(lastOf(runtime, 'ENTRYPOINT')?.args).toBe('["gunicorn","app:app"]');
      expect(lastOf(runtime, 'EXPOSE')?.args).toBe('8000');
      expect(runtime.instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args)).toContain('PORT=8000');
    });
  });
});

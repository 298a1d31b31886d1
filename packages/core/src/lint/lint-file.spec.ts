import { memoryFileReader } from '../detect';
import { LintConfigError } from './lint';
import { lintDockerfileFile } from './lint-file';

const dockerfile = [
  'FROM node:22-bookworm-slim AS build',
  'WORKDIR /app',
  'COPY . .',
  'RUN npm ci',
  'FROM gcr.io/distroless/nodejs22-debian12:nonroot AS runtime',
  'COPY --from=build /app /app',
  'USER 65532',
  'CMD ["/app/main.js"]',
  '',
].join('\n');

function workspace(extra: Record<string, string>) {
  return memoryFileReader({
    'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { express: '4.0.0' }, scripts: { start: 'node main.js' } }),
    'apps/api/Dockerfile': dockerfile,
    ...extra,
  });
}

describe('lintDockerfileFile', () => {
  it('adds the drift rule, naming the Dockerfile and the .nvmrc', () => {
    const fs = workspace({ 'apps/api/.nvmrc': '20\n' });
    const { path, findings } = lintDockerfileFile('apps/api/Dockerfile', { workspaceRoot: '/ws', fs });
    expect(path).toBe('apps/api/Dockerfile');
    const drift = findings.filter((f) => f.rule === 'runtime-drift');
    expect(drift.map((f) => f.line)).toEqual([1, 5]);
    expect(drift[0].message).toMatch(/^node 22 in apps\/api\/Dockerfile \(FROM node:22-bookworm-slim\) differs from node 20 in \.nvmrc/);
  });

  it('reads engines.node as a range through real detection', () => {
    const pkg = (engines: string) => JSON.stringify({ name: 'api', engines: { node: engines }, dependencies: { express: '4.0.0' }, scripts: { start: 'node main.js' } });
    const drift = (engines: string) =>
      lintDockerfileFile('apps/api/Dockerfile', { workspaceRoot: '/ws', fs: workspace({ 'apps/api/package.json': pkg(engines) }) }).findings.filter((f) => f.rule === 'runtime-drift');
    expect(drift('>=20')).toEqual([]);
    expect(drift('^22.11.0')).toEqual([]);
    expect(drift('>=24').map((f) => f.message)).toEqual([
      expect.stringMatching(/^node 22 in apps\/api\/Dockerfile \(FROM node:22-bookworm-slim\) is outside the range in package\.json \(engines\.node ">=24"\)/),
      expect.stringContaining('FROM gcr.io/distroless/nodejs22-debian12:nonroot'),
    ]);
  });

  it('reads go.mod for go projects', () => {
    const fs = memoryFileReader({
      'svc/go.mod': 'module example.com/svc\n\ngo 1.23\n',
      'svc/main.go': 'package main\nfunc main() {}\n',
      'svc/Dockerfile': 'FROM golang:1.22-bookworm AS build\nFROM gcr.io/distroless/static-debian12:nonroot AS runtime\nUSER 65532\n',
    });
    const drift = lintDockerfileFile('svc/Dockerfile', { workspaceRoot: '/ws', fs }).findings.filter((f) => f.rule === 'runtime-drift');
    expect(drift).toHaveLength(1);
    expect(drift[0].message).toContain('is older than go 1.23 required by go.mod (go 1.23)');
  });

  it('has no drift when the repository pins nothing, and honours rules: off', () => {
    expect(lintDockerfileFile('apps/api/Dockerfile', { workspaceRoot: '/ws', fs: workspace({}) }).findings.filter((f) => f.rule === 'runtime-drift')).toEqual([]);
    const fs = workspace({ 'apps/api/.nvmrc': '20\n' });
    const off = lintDockerfileFile('apps/api/Dockerfile', { workspaceRoot: '/ws', fs, rules: { 'runtime-drift': 'off' } });
    expect(off.findings.filter((f) => f.rule === 'runtime-drift')).toEqual([]);
    const warn = lintDockerfileFile('apps/api/Dockerfile', { workspaceRoot: '/ws', fs, rules: { 'runtime-drift': 'warning' } });
    expect(warn.findings.filter((f) => f.rule === 'runtime-drift').map((f) => f.severity)).toEqual(['warning', 'warning']);
  });

  it('skips drift for a Dockerfile outside any recognisable project', () => {
    const fs = memoryFileReader({ 'docker/Dockerfile': dockerfile });
    expect(lintDockerfileFile('docker/Dockerfile', { workspaceRoot: '/ws', fs }).findings.filter((f) => f.rule === 'runtime-drift')).toEqual([]);
  });

  it('names the missing file', () => {
    expect(() => lintDockerfileFile('apps/nope/Dockerfile', { workspaceRoot: '/ws', fs: workspace({}) })).toThrow(LintConfigError);
    expect(() => lintDockerfileFile('apps/nope/Dockerfile', { workspaceRoot: '/ws', fs: workspace({}) })).toThrow(/apps\/nope\/Dockerfile: no such Dockerfile/);
  });

  it('warns (loopback-bind, at the final stage) when the app binds 127.0.0.1 and no env variable changes it', () => {
    const fs = workspace({ 'apps/api/main.js': "require('http').createServer(h).listen(3000, '127.0.0.1');\n" });
    const loopback = lintDockerfileFile('apps/api/Dockerfile', { workspaceRoot: '/ws', fs }).findings.filter((f) => f.rule === 'loopback-bind');
    expect(loopback).toEqual([
      { line: 5, rule: 'loopback-bind', severity: 'warning', message: expect.stringMatching(/^main\.js: \.listen\(…\) binds "127\.0\.0\.1" \(line 1\), and no environment variable changes it/) },
    ]);
    const off = lintDockerfileFile('apps/api/Dockerfile', { workspaceRoot: '/ws', fs, rules: { 'loopback-bind': 'off' } });
    expect(off.findings.filter((f) => f.rule === 'loopback-bind')).toEqual([]);
  });

  it('warns (no-lockfile) for a node app without a lockfile of its package manager, naming the command that writes one', () => {
    const noLock = lintDockerfileFile('apps/api/Dockerfile', { workspaceRoot: '/ws', fs: workspace({}) }).findings.filter((f) => f.rule === 'no-lockfile');
    expect(noLock).toEqual([{ line: 1, rule: 'no-lockfile', severity: 'warning', message: expect.stringMatching(/^no npm lockfile: .* not reproducible; run `npm install` and commit the lockfile$/) }]);
    const locked = lintDockerfileFile('apps/api/Dockerfile', { workspaceRoot: '/ws', fs: workspace({ 'apps/api/package-lock.json': '{"lockfileVersion":3}' }) });
    expect(locked.findings.filter((f) => f.rule === 'no-lockfile')).toEqual([]);
    const off = lintDockerfileFile('apps/api/Dockerfile', { workspaceRoot: '/ws', fs: workspace({}), rules: { 'no-lockfile': 'off' } });
    expect(off.findings.filter((f) => f.rule === 'no-lockfile')).toEqual([]);
  });

  it('no loopback-bind finding when the host comes from HOST with a loopback default (the image sets HOST)', () => {
    const fs = workspace({ 'apps/api/main.js': "const host = process.env.HOST ?? 'localhost';\napp.listen(3000, host);\n" });
    expect(lintDockerfileFile('apps/api/Dockerfile', { workspaceRoot: '/ws', fs }).findings.filter((f) => f.rule === 'loopback-bind')).toEqual([]);
  });
});

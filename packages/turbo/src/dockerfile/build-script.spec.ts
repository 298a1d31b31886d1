import fs from 'node:fs';
import path from 'node:path';
import { addDockerBuildScript, buildsFromWorkspaceRoot, dockerBuildScript } from './build-script';
import { read, readJson, tempWorkspace } from '../testing/temp-workspace';

const PRUNING = 'FROM node:22-bookworm-slim AS prune\nCOPY . .\nRUN turbo prune web --docker\n';

describe('docker-build script', () => {
  it('builds a pruning Dockerfile from the workspace root, others from their folder', () => {
    expect(buildsFromWorkspaceRoot(PRUNING)).toBe(true);
    expect(buildsFromWorkspaceRoot('FROM x AS deps\nCOPY --from=prune /app/out/json/ ./\n')).toBe(true);
    expect(buildsFromWorkspaceRoot('FROM golang:1.22-bookworm AS build\nRUN go build ./...\n# turbo prune is not used here\n')).toBe(false);
    expect(dockerBuildScript('apps/web', PRUNING)).toBe('docker-ms build . --context ../..');
    expect(dockerBuildScript('services/team/web', PRUNING)).toBe('docker-ms build . --context ../../..');
    expect(dockerBuildScript('apps/go', 'FROM golang:1.22-bookworm AS build\n')).toBe('docker-ms build .');
    expect(dockerBuildScript('apps/web', PRUNING, 'acme/web')).toBe('docker-ms build . --context ../.. --name acme/web');
  });

  it('adds the script keeping indentation, key order and the final newline', () => {
    const root = tempWorkspace({ 'apps/a/package.json': '{\n    "name": "a",\n    "scripts": {\n        "start": "node ."\n    },\n    "version": "1.0.0"\n}' });
    expect(addDockerBuildScript(root, 'apps/a', 'docker-ms build .')).toEqual({
      path: 'apps/a/package.json',
      status: 'updated',
      note: 'script docker-build: docker-ms build .',
    });
    expect(read(root, 'apps/a/package.json')).toBe(
      '{\n    "name": "a",\n    "scripts": {\n        "start": "node .",\n        "docker-build": "docker-ms build ."\n    },\n    "version": "1.0.0"\n}',
    );
    expect(addDockerBuildScript(root, 'apps/a', 'docker-ms build .').status).toBe('unchanged');
  });

  it("never replaces the user's own docker-build script", () => {
    const root = tempWorkspace({ 'apps/a/package.json': { name: 'a', scripts: { 'docker-build': 'docker build -t a .' } } });
    const before = read(root, 'apps/a/package.json');
    const change = addDockerBuildScript(root, 'apps/a', 'docker-ms build .');
    expect(change.status).toBe('skipped');
    expect(change.note).toContain('docker build -t a .');
    expect(read(root, 'apps/a/package.json')).toBe(before);
  });

  it('creates a minimal wrapper package.json for a folder without one', () => {
    const root = tempWorkspace({ 'apps/rusty/Cargo.toml': '[package]\nname = "rusty"\n' });
    expect(addDockerBuildScript(root, 'apps/rusty', 'docker-ms build .').status).toBe('created');
    expect(readJson(root, 'apps/rusty/package.json')).toEqual({ name: 'rusty', private: true, scripts: { 'docker-build': 'docker-ms build .' } });
  });

  it('leaves an unparsable package.json alone and says so', () => {
    const root = tempWorkspace({ 'apps/a/package.json': '{ "name": "a", }' });
    const change = addDockerBuildScript(root, 'apps/a', 'docker-ms build .');
    expect(change.status).toBe('skipped');
    expect(change.note).toMatch(/not valid JSON/);
    expect(fs.readFileSync(path.join(root, 'apps/a/package.json'), 'utf8')).toBe('{ "name": "a", }');
  });
});

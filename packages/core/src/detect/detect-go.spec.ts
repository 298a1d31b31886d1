import { detectProject } from './detect-project';
import { memoryFileReader } from './file-reader';

const APP = 'apps/api';
const MAIN = 'package main\n\nfunc main() {}\n';

function detect(files: Record<string, string>, project = APP) {
  return detectProject(project, { workspaceRoot: '/ws', fs: memoryFileReader(files) });
}

const gomod = (directives: string): string => `module example.com/api\n\n${directives}\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n`;

describe('go: runtime version', () => {
  it.each([
    ['toolchain wins over go', 'go 1.21\ntoolchain go1.22.5', '1.22', 'go.mod: toolchain go1.22.5 → 1.22 (wins over go 1.21)'],
    ['go with a patch', 'go 1.22.5', '1.22', 'go.mod: go 1.22.5 → 1.22'],
    ['go major.minor', 'go 1.21', '1.21', 'go.mod: go 1.21 → 1.21'],
    ['toolchain default is ignored', 'go 1.23.0\ntoolchain default', '1.23', 'go.mod: go 1.23.0 → 1.23'],
    ['no directive', '', null, 'go.mod: no go or toolchain directive'],
  ])('%s', (_name, directives, version, evidence) => {
    const d = detect({ [`${APP}/go.mod`]: gomod(directives), [`${APP}/main.go`]: MAIN });
    expect(d).toMatchObject({ language: 'go', packageManager: 'go', runtimeVersion: version });
    expect(d.evidence).toContain(evidence);
    if (directives) expect(d.evidence).toContain('go.mod: module example.com/api');
  });

  it('a project without go.mod under one root go.mod (single-module repository) reads the root one', () => {
    const d = detect({ 'go.mod': gomod('go 1.22.1'), 'go.sum': '', [`${APP}/main.go`]: MAIN });
    expect(d.language).toBe('go');
    expect(d.runtimeVersion).toBe('1.22');
    expect(d.entry).toBe('.');
    expect(d.evidence).toContain('go.mod (workspace root): go 1.22.1 → 1.22');
    expect(d.evidence).toContain('go.sum (workspace root): module checksums present');
  });

  it('go.work at the workspace root is noted', () => {
    const d = detect({ 'go.work': 'go 1.22\n\nuse ./apps/api\n', [`${APP}/go.mod`]: gomod('go 1.22.0'), [`${APP}/main.go`]: MAIN });
    expect(d.evidence).toContain('go.work (workspace root): workspace of 1 module; this app is apps/api, and its build reads no other member');
  });
});

describe('go: entry', () => {
  it.each([
    ['one cmd/*/main.go', { [`${APP}/cmd/server/main.go`]: MAIN, [`${APP}/internal/h.go`]: 'package internal\n' }, './cmd/server'],
    ['several commands: first sorted', { [`${APP}/cmd/worker/main.go`]: MAIN, [`${APP}/cmd/migrate/main.go`]: MAIN }, './cmd/migrate'],
    ['several commands: the one named like the project folder', { [`${APP}/cmd/api/main.go`]: MAIN, [`${APP}/cmd/admin/main.go`]: MAIN }, './cmd/api'],
    ['main.go at the top', { [`${APP}/main.go`]: MAIN }, '.'],
    ['package main in another file at the top', { [`${APP}/server.go`]: '// Server.\npackage main\n' }, '.'],
    ['a library', { [`${APP}/lib.go`]: 'package lib\n' }, null],
    ['cmd folder without main.go', { [`${APP}/cmd/README.md`]: '', [`${APP}/cmd/tool/tool.go`]: 'package main\n' }, null],
  ])('%s', (_name, extra, entry) => {
    expect(detect({ [`${APP}/go.mod`]: gomod('go 1.22'), ...extra }).entry).toBe(entry);
  });

  it('several commands: evidence names the others', () => {
    const d = detect({ [`${APP}/go.mod`]: gomod('go 1.22'), [`${APP}/cmd/worker/main.go`]: MAIN, [`${APP}/cmd/migrate/main.go`]: MAIN, [`${APP}/cmd/cron/main.go`]: MAIN });
    expect(d.entry).toBe('./cmd/cron');
    expect(d.evidence).toContain('cmd/cron/main.go: found → entry ./cmd/cron (also: cmd/migrate, cmd/worker; pass --entry to choose)');
  });
});

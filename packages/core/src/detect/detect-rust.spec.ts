import { detectProject } from './detect-project';
import { memoryFileReader } from './file-reader';

const APP = 'apps/svc';

function detect(files: Record<string, string>, project = APP) {
  return detectProject(project, { workspaceRoot: '/ws', fs: memoryFileReader(files) });
}

const cargo = (extra = '', pkgExtra = ''): string => `[package]
name = "svc"
version = "0.1.0"
edition = "2021"
${pkgExtra}

[dependencies]
axum = "0.7"
${extra}`;

describe('rust: runtime version', () => {
  it.each([
    ['rust-toolchain.toml channel 1.75.0', { [`${APP}/rust-toolchain.toml`]: '[toolchain]\nchannel = "1.75.0"\ncomponents = ["clippy"]\n' }, '1.75', 'rust-toolchain.toml: channel 1.75.0 → 1.75'],
    ['rust-toolchain.toml at the workspace root', { 'rust-toolchain.toml': '[toolchain]\nchannel = "1.80"\n' }, '1.80', 'rust-toolchain.toml (workspace root): channel 1.80 → 1.80'],
    ['legacy rust-toolchain file', { [`${APP}/rust-toolchain`]: '1.79.0\n' }, '1.79', 'rust-toolchain: channel 1.79.0 → 1.79'],
    ['channel stable means the default', { [`${APP}/rust-toolchain.toml`]: '[toolchain]\nchannel = "stable"\n' }, null, 'rust-toolchain.toml: channel stable has no versioned image → default stable'],
    ['nightly has no versioned image', { [`${APP}/rust-toolchain.toml`]: '[toolchain]\nchannel = "nightly-2024-05-01"\n' }, null, 'rust-toolchain.toml: channel nightly-2024-05-01 has no versioned image → default stable'],
    ['.tool-versions', { '.tool-versions': 'rust 1.78.0\n' }, '1.78', '.tool-versions (workspace root): rust 1.78.0 → 1.78'],
  ])('%s', (_name, extra, version, evidence) => {
    const d = detect({ [`${APP}/Cargo.toml`]: cargo(), [`${APP}/src/main.rs`]: 'fn main() {}\n', ...extra });
    expect(d).toMatchObject({ language: 'rust', packageManager: 'cargo', runtimeVersion: version });
    expect(d.evidence).toContain(evidence);
  });

  it.each([
    ['1.70'], // an old minimum
    ['1.95'], // a recent one: the stable channel (rust:1) is at or past both
  ])('package.rust-version %s is a minimum → the default stable channel', (msrv) => {
    const d = detect({ [`${APP}/Cargo.toml`]: cargo('', `rust-version = "${msrv}"`), [`${APP}/src/main.rs`]: '' });
    expect(d.runtimeVersion).toBeNull();
    expect(d.evidence).toContain(`Cargo.toml: package.rust-version ${msrv} → default (minimum supported; the stable channel satisfies it)`);
  });

  it('the toolchain file wins over rust-version', () => {
    const d = detect({ [`${APP}/Cargo.toml`]: cargo('', 'rust-version = "1.85"'), [`${APP}/rust-toolchain.toml`]: '[toolchain]\nchannel = "1.86.0"\n' });
    expect(d.runtimeVersion).toBe('1.86');
  });

  it('a member with rust-version.workspace = true reads [workspace.package] of the root Cargo.toml', () => {
    const d = detect({
      'Cargo.toml': '[workspace]\nmembers = ["apps/*"]\nresolver = "2"\n\n[workspace.package]\nrust-version = "1.84"\n',
      'Cargo.lock': '',
      [`${APP}/Cargo.toml`]: cargo('', 'rust-version.workspace = true'),
      [`${APP}/src/main.rs`]: '',
    });
    expect(d.runtimeVersion).toBeNull();
    expect(d.evidence).toContain('Cargo.toml (workspace root): workspace.package.rust-version 1.84 → default (minimum supported; the stable channel satisfies it)');
    expect(d.evidence).toContain('Cargo.toml (workspace root): member of a Cargo workspace');
    expect(d.evidence).toContain('Cargo.lock (workspace root): lockfile → cargo build --locked');
  });
});

describe('rust: entry', () => {
  it.each([
    ['src/main.rs → package name', { [`${APP}/Cargo.toml`]: cargo(), [`${APP}/src/main.rs`]: '' }, 'svc'],
    ['[[bin]] name', { [`${APP}/Cargo.toml`]: cargo('\n[[bin]]\nname = "svc-server"\npath = "src/server.rs"\n') }, 'svc-server'],
    ['default-run wins over [[bin]] order', { [`${APP}/Cargo.toml`]: cargo('\n[[bin]]\nname = "a"\npath = "src/a.rs"\n\n[[bin]]\nname = "b"\npath = "src/b.rs"\n', 'default-run = "b"') }, 'b'],
    ['src/bin/*.rs', { [`${APP}/Cargo.toml`]: cargo(), [`${APP}/src/lib.rs`]: '', [`${APP}/src/bin/worker.rs`]: '' }, 'worker'],
    ['a library crate', { [`${APP}/Cargo.toml`]: cargo(), [`${APP}/src/lib.rs`]: '' }, null],
  ])('%s', (_name, files, entry) => {
    expect(detect(files).entry).toBe(entry);
  });

  it('several [[bin]]: the first, and evidence names the others', () => {
    const d = detect({ [`${APP}/Cargo.toml`]: cargo('\n[[bin]]\nname = "api"\npath = "src/api.rs"\n\n[[bin]]\nname = "cron"\npath = "src/cron.rs"\n') });
    expect(d.entry).toBe('api');
    expect(d.evidence).toContain('Cargo.toml: binary api → entry api (also: cron; pass --entry to choose)');
  });

  it('a virtual workspace manifest: binaries of its members (globs expanded)', () => {
    const d = detect(
      {
        'Cargo.toml': '[workspace]\nmembers = ["crates/*", "tools/gen"]\nresolver = "2"\n',
        'crates/core/Cargo.toml': '[package]\nname = "core"\nversion = "0.1.0"\n',
        'crates/core/src/lib.rs': '',
        'crates/server/Cargo.toml': '[package]\nname = "server"\nversion = "0.1.0"\n',
        'crates/server/src/main.rs': '',
        'tools/gen/Cargo.toml': '[package]\nname = "gen"\nversion = "0.1.0"\n',
        'tools/gen/src/main.rs': '',
      },
      '.',
    );
    expect(d.language).toBe('rust');
    expect(d.entry).toBe('server');
    expect(d.evidence).toContain('Cargo.toml: workspace members crates/core, crates/server, tools/gen');
    expect(d.evidence).toContain('workspace binary server → entry server (also: gen; pass --entry to choose)');
  });
});

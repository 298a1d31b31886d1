#!/usr/bin/env node
// Every command block in the hand-written docs is exercised:
//   ```sh docs-test [exit=N] [sandbox=docs/examples/<fixture>]
//                               run from the repository root (or a temporary copy of the fixture workspace) with
//                               `bash -e -o pipefail`; must exit 0 (or N).
//                               A following ```<lang> docs-output block must equal what it printed (stdout+stderr).
//   ```sh docs-e2e=<file>[,<file>]  needs Docker or a fresh workspace: copied from that end-to-end test, which runs
//                               it; each command's flags, docker-ms names and target paths must appear in it.
// A sh/bash/shell/console block with neither tag is an error.
//   node scripts/docs/check-examples.js            check (exit 1, one line per problem)
//   node scripts/docs/check-examples.js --update   rewrite docs-output blocks with the real output
// Runs the built CLI (npm run build first).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '../..');
const COMMAND_LANGS = new Set(['sh', 'bash', 'shell', 'console']);

function markdownFiles() {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== 'reference') walk(p);
      else if (e.isFile() && e.name.endsWith('.md')) found.push(p);
    }
  };
  if (fs.existsSync(path.join(ROOT, 'docs'))) walk(path.join(ROOT, 'docs'));
  for (const pkg of fs.readdirSync(path.join(ROOT, 'packages'))) {
    const readme = path.join(ROOT, 'packages', pkg, 'README.md');
    if (fs.existsSync(readme)) found.push(readme);
  }
  return found.map((p) => path.relative(ROOT, p)).sort();
}

/** Fenced blocks: { start, end (fence line indexes), lang, tags, body }. */
function blocks(lines) {
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^(\s*)(`{3,}|~{3,})\s*(.*)$/);
    if (!open) continue;
    const fence = open[2];
    let j = i + 1;
    while (j < lines.length && !lines[j].trim().startsWith(fence)) j++;
    const [lang = '', ...tags] = open[3].trim().split(/\s+/).filter(Boolean);
    out.push({ start: i, end: j, lang, tags, body: lines.slice(i + 1, j).join('\n') });
    i = j;
  }
  return out;
}

const tag = (block, name) => {
  const t = block.tags.find((x) => x === name || x.startsWith(`${name}=`));
  return t === undefined ? undefined : t.includes('=') ? t.slice(t.indexOf('=') + 1) : true;
};

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
const normalize = (text) =>
  text.replace(ANSI, '').split('\n').map((l) => l.replace(/\s+$/, '')).join('\n').replace(/^\n+|\n+$/g, '');

/**
 * A throwaway copy of a fixture workspace under docs/examples/ (what a user's repository looks like), with
 * the repository's node_modules linked in as if @docker-ms/turbo were installed: its `docker-ms` bin (the
 * one with `init`) replaces the core's.
 */
function sandbox(fixture) {
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'docker-ms-docs-sandbox-'));
  fs.cpSync(path.join(ROOT, fixture), dir, { recursive: true });
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(modules, '.bin'), { recursive: true });
  for (const name of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
    if (name !== '.bin') fs.symlinkSync(path.join(ROOT, 'node_modules', name), path.join(modules, name));
  }
  for (const name of fs.readdirSync(path.join(ROOT, 'node_modules/.bin'))) {
    const target = name === 'docker-ms' ? path.join(ROOT, 'packages/turbo/bin/docker-ms.js') : path.join(ROOT, 'node_modules/.bin', name);
    fs.symlinkSync(fs.realpathSync(target), path.join(modules, '.bin', name));
  }
  spawnSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

function run(script, cwd = ROOT) {
  // npm's own notices would land in the captured output on some machines: silence them, not the command.
  const env = {
    ...process.env,
    PATH: `${path.join(cwd, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`,
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    NO_UPDATE_NOTIFIER: '1',
    NPM_CONFIG_UPDATE_NOTIFIER: 'false',
    NPM_CONFIG_LOGLEVEL: 'error',
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
  };
  const result = spawnSync('bash', ['-eo', 'pipefail', '-c', `{\n${script}\n} 2>&1`], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status ?? 1, output: normalize(result.stdout || '') + (result.error ? `\n${result.error.message}` : '') };
}

const commandLines = (body) =>
  body
    .split('\n')
    .map((l) => l.replace(/^\$\s+/, '').trim())
    .filter((l) => l && !l.startsWith('#'));

/**
 * What must appear in the e2e test for a command to count as run there: its long flags (name only),
 * docker-ms names (without an @version), and Nx target paths from the first ':' (the test builds
 * `${app}:docker-build` itself).
 */
function keyTokens(command) {
  const keys = [];
  for (const token of command.split(/\s+/)) {
    if (token.startsWith('--')) keys.push(token.split('=')[0]);
    else if (token.includes('docker-ms')) keys.push(token.replace(/(.)@[^/@]*$/, '$1'));
    else if (/:[^:]*[a-z]/i.test(token) && !token.includes('/')) keys.push(token.slice(token.indexOf(':')));
  }
  return keys;
}

const BENCHMARKS = 'docs/benchmarks.md';

/**
 * Whether git tracks the file: only committed measurements may be quoted (a clean clone must agree).
 * Outside a git checkout (an exported tree) every file present counts.
 */
function tracked(rel) {
  const r = spawnSync('git', ['ls-files', '--error-unmatch', rel], { cwd: ROOT, encoding: 'utf8' });
  return r.status !== 1;
}

/**
 * The measured rows of docs/benchmarks.md (written by `npm run bench`) for one language, as a markdown
 * table with its source; or a note that nothing was measured. Numbers are copied, never computed here.
 */
function sizesBlock(language) {
  const file = path.join(ROOT, BENCHMARKS);
  const none = [
    `Not measured yet: no committed \`${BENCHMARKS}\` has rows for ${language}. \`npm run bench\` writes it`,
    '(image size against the runtime base, and against a one-stage build of the same app); the end-to-end run',
    'prints the same size comparison to `e2e/.results/sizes.md`. Numbers are only ever copied from there.',
  ].join('\n');
  if (!fs.existsSync(file) || !tracked(BENCHMARKS)) return none;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const headerAt = lines.findIndex((l) => /^\|\s*Row\s*\|\s*Case\s*\|/.test(l));
  if (headerAt < 0) return none;
  const rows = [];
  for (let i = headerAt + 2; i < lines.length && lines[i].startsWith('|'); i++) {
    const cells = lines[i].split('|').map((c) => c.trim());
    // a language's rows: its own name, or one app per package manager (python-pip, python-uv, …)
    if ((cells[2] === language || cells[2].startsWith(`${language}-`)) && /^P[12]$/.test(cells[1])) rows.push(lines[i]);
  }
  if (!rows.length) return none;
  const about = lines.slice(0, headerAt).find((l) => /^Written by/.test(l));
  return [
    lines[headerAt],
    lines[headerAt + 1],
    ...rows,
    '',
    `Copied from [benchmarks.md](../benchmarks.md) (\`npm run bench\`; P1: image ÷ runtime base + app files, P2: against a one-stage build).`,
    // The machine, not the run time: a re-run with the same sizes must not make the docs stale.
    ...(about ? [about.replace(/^Written by `npm run bench` \(bench\/\)\. /, '').replace(/\s*Run took [^.]*\.\s*$/, '')] : []),
  ].join('\n');
}

/** `<!-- docs-sizes language=x -->` … `<!-- /docs-sizes -->` blocks: [{ from, to, language }] (exclusive line range). */
function sizeMarkers(lines) {
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].match(/^<!-- docs-sizes language=(\w+) -->$/);
    if (!m) continue;
    const end = lines.findIndex((l, j) => j > i && l === '<!-- /docs-sizes -->');
    if (end < 0) break;
    found.push({ from: i + 1, to: end, language: m[1] });
    i = end;
  }
  return found;
}

function main() {
  const update = process.argv.includes('--update');
  if (!fs.existsSync(path.join(ROOT, 'packages/core/dist/cli/main.js'))) {
    console.error('docs examples: packages/core/dist is missing; run npm run build first');
    return 1;
  }
  const problems = [];
  let ran = 0;
  let traced = 0;
  for (const file of markdownFiles()) {
    const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
    const found = blocks(lines);
    const replacements = [];
    found.forEach((block, k) => {
      if (!COMMAND_LANGS.has(block.lang)) return;
      const where = `${file}:${block.start + 1}`;
      const e2e = tag(block, 'docs-e2e');
      if (typeof e2e === 'string') {
        traced++;
        const testFiles = e2e.split(',');
        const missingFile = testFiles.find((f) => !fs.existsSync(path.join(ROOT, f)));
        if (missingFile) {
          problems.push(`${where}: docs-e2e names ${missingFile}, which does not exist; point it at the test that runs these commands`);
          return;
        }
        const test = testFiles.map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8')).join('\n');
        for (const command of commandLines(block.body)) {
          const missing = keyTokens(command).filter((t) => !test.includes(t));
          if (missing.length) problems.push(`${where}: ${e2e} does not run "${command}" (missing ${missing.join(', ')}); copy the command from the test`);
        }
        return;
      }
      if (!tag(block, 'docs-test')) {
        problems.push(`${where}: command block without docs-test or docs-e2e=<test file>; tag it so it is exercised`);
        return;
      }
      ran++;
      const expected = Number(tag(block, 'exit') ?? 0);
      const fixture = tag(block, 'sandbox');
      const cwd = typeof fixture === 'string' ? sandbox(fixture) : ROOT;
      let result;
      try {
        result = run(commandLines(block.body).join('\n'), cwd);
      } finally {
        if (cwd !== ROOT) fs.rmSync(cwd, { recursive: true, force: true });
      }
      const { code, output } = result;
      if (code !== expected) {
        problems.push(`${where}: exited ${code}, expected ${expected}: ${output.split('\n').slice(-3).join(' / ')}`);
        return;
      }
      const next = found[k + 1];
      const between = next ? lines.slice(block.end + 1, next.start).join('').trim() : 'x';
      if (!next || between !== '' || !next.tags.includes('docs-output')) return;
      if (normalize(next.body) === output) return;
      if (update) replacements.push({ from: next.start + 1, to: next.end, text: output });
      else problems.push(`${file}:${next.start + 1}: output differs from what the command above prints; run npm run docs`);
    });
    for (const marker of sizeMarkers(lines)) {
      const want = sizesBlock(marker.language);
      if (normalize(lines.slice(marker.from, marker.to).join('\n')) === normalize(want)) continue;
      if (update) replacements.push({ from: marker.from, to: marker.to, text: `\n${want}\n` });
      else problems.push(`${file}:${marker.from}: sizes differ from ${BENCHMARKS}; run npm run docs`);
    }
    replacements.sort((a, b) => a.from - b.from);
    if (replacements.length) {
      for (const r of replacements.reverse()) lines.splice(r.from, r.to - r.from, ...r.text.split('\n'));
      fs.writeFileSync(path.join(ROOT, file), lines.join('\n'));
      console.log(`updated ${replacements.length} output block(s) in ${file}`);
    }
  }
  for (const p of problems) console.error(p);
  console.log(`docs examples: ran ${ran} command block(s), traced ${traced} to e2e tests, ${problems.length} problem(s)`);
  return problems.length ? 1 : 0;
}

process.exitCode = main();

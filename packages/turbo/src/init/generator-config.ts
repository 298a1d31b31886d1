import fs from 'node:fs';
import path from 'node:path';
import type { FileChange } from '../dockerfile/changes';
import { writeWorkspaceFile } from '../workspace/write-file';

export const PACK_NAME = '@docker-ms/turbo';
/** Where turbo gen looks for the root generators config, in its order (then plopfile.*). */
const CONFIG_NAMES = ['ts', 'js', 'cjs', 'mts', 'mjs'].map((ext) => `turbo/generators/config.${ext}`);
const PLOPFILES = ['ts', 'js', 'cjs', 'mts', 'mjs'].map((ext) => `plopfile.${ext}`);

function isEsmPackage(root: string): boolean {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).type === 'module';
  } catch {
    return false;
  }
}

export function generatorConfigSource(esm: boolean): string {
  const body = [
    `  // docker-ms: \`turbo gen docker-ms-dockerfile --args <workspace> [language] [overwrite]\``,
    `  await plop.load(${JSON.stringify(PACK_NAME)});`,
  ].join('\n');
  return esm
    ? `export default async function generator(plop) {\n${body}\n}\n`
    : `module.exports = async function generator(plop) {\n${body}\n};\n`;
}

/**
 * The root generators config that loads the pack. turbo gen reads only the first config it finds, so
 * an existing one is never shadowed or rewritten: it is left alone, with the line to add when missing.
 */
export function ensureGeneratorConfig(root: string): FileChange {
  const existing = [...CONFIG_NAMES, ...PLOPFILES].find((rel) => fs.existsSync(path.join(root, rel)));
  if (existing) {
    const text = fs.readFileSync(path.join(root, existing), 'utf8');
    if (text.includes(PACK_NAME)) return { path: existing, status: 'unchanged' };
    return { path: existing, status: 'skipped', note: `yours; add \`await plop.load("${PACK_NAME}")\` to its generator function` };
  }
  const rel = CONFIG_NAMES[1];
  writeWorkspaceFile(root, rel, generatorConfigSource(isEsmPackage(root)));
  return { path: rel, status: 'created' };
}

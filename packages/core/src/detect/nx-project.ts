import type { Language } from '../types';
import { isRecord, str, type ProjectFiles } from './project-files';

/**
 * Executor prefixes of Nx plugins that build one language (turbo-migrations.md, Part C). Generic ones
 * (nx:run-commands, @nx/eslint, @nx/jest, @nx/docker) say nothing about the app's language.
 */
const EXECUTOR_PREFIXES: ReadonlyArray<[string, Language]> = [
  ['@nx/js:', 'node'], ['@nx/node:', 'node'], ['@nx/esbuild:', 'node'], ['@nx/webpack:', 'node'],
  ['@nx/rollup:', 'node'], ['@nx/vite:', 'node'], ['@nx/rspack:', 'node'], ['@nx/next:', 'node'],
  ['@nrwl/js:', 'node'], ['@nrwl/node:', 'node'], ['@nrwl/esbuild:', 'node'], ['@nrwl/webpack:', 'node'],
  ['@nxlv/python:', 'python'],
  ['@nx-go/nx-go:', 'go'], ['@nx-go/nx-go-plugin:', 'go'],
  ['@monodon/rust:', 'rust'],
  ['@jnxplus/nx-maven:', 'java'], ['@jnxplus/nx-gradle:', 'java'],
];

const TAGS: ReadonlyArray<[string, Language]> = [['nx-maven', 'java'], ['nx-gradle', 'java']];

/** Languages a project.json names through its targets' executors or its tags, with what named them. */
export function nxProjectSigns(files: ProjectFiles): Map<Language, string[]> {
  const signs = new Map<Language, string[]>();
  const parsed = files.readJson(files.path('project.json'));
  if (!parsed?.ok) return signs;
  const add = (language: Language, what: string): void => {
    const list = signs.get(language) ?? [];
    if (!list.includes(what)) list.push(what);
    signs.set(language, list);
  };
  const targets = parsed.value.targets;
  for (const target of isRecord(targets) ? Object.values(targets) : []) {
    const executor = isRecord(target) ? str(target.executor) : undefined;
    const hit = executor && EXECUTOR_PREFIXES.find(([prefix]) => executor.startsWith(prefix));
    if (hit) add(hit[1], `project.json (${executor})`);
  }
  const tags = Array.isArray(parsed.value.tags) ? parsed.value.tags : [];
  for (const [tag, language] of TAGS) if (tags.includes(tag)) add(language, `project.json (tag ${tag})`);
  return signs;
}

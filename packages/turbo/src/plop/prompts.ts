import { LANGUAGES } from '@docker-ms/core';
import { listWorkspacePackages, resolveWorkspace } from '../workspace/packages';
import type { Prompt } from './plop-types';

/**
 * `<workspace> [language] [overwrite] [image prefix]`, fresh for every run. node-plop answers prompts from `--args`
 * positionally and asks the rest; once the workspace comes from `--args`, the others take their
 * defaults, so `turbo gen docker-ms-dockerfile --args web` never waits for input.
 */
export function dockerfilePrompts(root: string): Prompt[] {
  const language: Prompt = {
    type: 'list',
    name: 'language',
    message: 'Language of the app',
    choices: [{ name: 'auto (detect it)', value: 'auto' }, ...LANGUAGES.map((l) => ({ name: l, value: l }))],
    default: 'auto',
  };
  const overwrite: Prompt = { type: 'confirm', name: 'overwrite', message: 'Replace an existing Dockerfile?', default: false };
  const imagePrefix: Prompt = { type: 'input', name: 'imagePrefix', message: 'Image name prefix (empty: the repo name)', default: '' };
  const validate = (value: string): true | string => {
    try {
      resolveWorkspace(root, value);
      return true;
    } catch (error) {
      return (error as Error).message;
    }
  };
  const packages = listWorkspacePackages(root);
  const workspace: Prompt = {
    ...(packages.length
      ? { type: 'list', choices: packages.map((p) => ({ name: `${p.name ?? p.root.split('/').pop()} (${p.root})`, value: p.root })) }
      : { type: 'input' }),
    name: 'workspace',
    message: 'Which workspace package gets a Dockerfile?',
    validate,
    bypass: (value: string) => {
      for (const later of [language, overwrite, imagePrefix]) later.when = false;
      return value;
    },
  };
  return [workspace, language, overwrite, imagePrefix];
}

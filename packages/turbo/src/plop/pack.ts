import { addDockerfile } from '../dockerfile/add-dockerfile';
import { formatChange } from '../dockerfile/changes';
import type { PlopApi } from './plop-types';
import { dockerfilePrompts } from './prompts';

export const GENERATOR_NAME = 'docker-ms-dockerfile';
export const ACTION_TYPE = 'docker-ms:render';

const yes = (v: unknown) => v === true || (typeof v === 'string' && /^(y|yes|true|t)$/i.test(v));

/**
 * The plop pack: `plop.load("@docker-ms/turbo")` in turbo/generators/config.{ts,js}. Registers the
 * `docker-ms:render` action (renders through @docker-ms/core) and the `docker-ms-dockerfile` generator.
 */
export function dockerMsPlopPack(plop: PlopApi): void {
  // async: node-plop reports a rejection as { type, path, error }, which turbo gen prints as one line
  plop.setActionType(ACTION_TYPE, async (answers, _config, api) => {
    // turbo gen adds answers.turbo.paths; plain plop/node-plop has only the destination base path.
    const root: string = answers.turbo?.paths?.root ?? api.getDestBasePath();
    const workspace = String(answers.workspace ?? '');
    try {
      const result = addDockerfile({
        root,
        cwd: answers.turbo?.paths?.cwd ?? process.cwd(),
        workspace,
        language: typeof answers.language === 'string' ? answers.language : undefined,
        overwrite: yes(answers.overwrite),
        ...(typeof answers.imagePrefix === 'string' && answers.imagePrefix.trim() ? { imagePrefix: answers.imagePrefix } : {}),
      });
      return result.changes.map(formatChange).join('; ');
    } catch (error) {
      // The core names its CLI flag; here the language is the second --args value.
      const message = ((error as Error).message ?? String(error)).replace(
        /--language\b/g,
        `the language (turbo gen ${GENERATOR_NAME} --args ${workspace || '<workspace>'} <language>)`,
      );
      throw new Error(message);
    }
  });
  const root = plop.getDestBasePath();
  const generator = {
    description: 'Dockerfile for a workspace package (docker-ms): <workspace> [language] [overwrite] [image prefix]',
    actions: [{ type: ACTION_TYPE, abortOnFail: true }],
  };
  // A getter: node-plop reads `prompts` once per run, so every run starts from fresh prompt objects.
  Object.defineProperty(generator, 'prompts', { enumerable: true, get: () => dockerfilePrompts(root) });
  plop.setGenerator(GENERATOR_NAME, generator as unknown as Parameters<PlopApi['setGenerator']>[1]);
}

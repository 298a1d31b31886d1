import { DockerMsError } from '../errors';
import { LANGUAGES, type Language } from '../types';

/** Detection could not pick a language (or could not read the project). The message is one line. */
export class DetectionError extends DockerMsError {
  constructor(
    message: string,
    /** Per language, the files that were looked for. */
    readonly checked: Partial<Record<Language, readonly string[]>> = {},
    /** Languages that were seen, with what was seen. */
    readonly candidates: ReadonlyArray<{ language: Language; signals: string[] }> = [],
  ) {
    super(message);
  }
}

export const LANGUAGE_FLAG = `--language <${LANGUAGES.join('|')}>`;

import type { DockerfileOptionsInput } from '@docker-ms/core';

type CommonOptions = Omit<Extract<DockerfileOptionsInput, { language: 'node' }>, 'language' | 'packageManager' | 'variant'>;

/** Core's Dockerfile options (all optional: detection fills what is missing) plus the generator's own flags. */
export interface DockerfileGeneratorSchema extends Partial<CommonOptions> {
  project?: string;
  all?: boolean;
  overwrite?: boolean;
  targetName?: string;
  skipFormat?: boolean;
  addPlugin?: boolean;
  language?: DockerfileOptionsInput['language'];
  packageManager?: DockerfileOptionsInput['packageManager'];
  variant?: DockerfileOptionsInput['variant'];
}

import { z } from 'zod';
import { closestNames, flatOptionsSchema } from '@docker-ms/core';
import type { DockerfileGeneratorSchema } from './schema';

const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9:_.-]*$/;

/** The generator's own flags; every other key must be one of core's Dockerfile options. */
const generatorFlags = z.strictObject({
  project: z.string().min(1).optional(),
  all: z.boolean().default(false),
  overwrite: z.boolean().default(false),
  targetName: z
    .string()
    .regex(TARGET_NAME, { message: 'must be a target name of letters, digits and ":_.-" (e.g. docker-build)' })
    .optional(),
  skipFormat: z.boolean().default(false),
  addPlugin: z.boolean().optional(),
});

const CORE_OPTION_NAMES = Object.keys(flatOptionsSchema.shape);

export interface NormalizedGeneratorOptions {
  project?: string;
  all: boolean;
  overwrite: boolean;
  targetName?: string;
  skipFormat: boolean;
  /** Register the docker-ms plugin when it is not (Nx's addPlugin convention); undefined: Nx's default. */
  addPlugin?: boolean;
  /** User-given core options only (undefined dropped); core validates them with its zod schema. */
  dockerfileOptions: Record<string, unknown>;
}

/** Programmatic calls skip schema.json, so flags are re-checked here; problems come back one line each, naming the flag. */
export function normalizeOptions(schema: DockerfileGeneratorSchema): NormalizedGeneratorOptions {
  const flags: Record<string, unknown> = {};
  const dockerfileOptions: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(schema ?? {})) {
    if (value === undefined) continue;
    if (key in generatorFlags.shape) flags[key] = value;
    else if (CORE_OPTION_NAMES.includes(key)) dockerfileOptions[key] = value;
    else {
      const hint = closestNames(key, [...Object.keys(generatorFlags.shape), ...CORE_OPTION_NAMES], 1)[0];
      problems.push(`--${key}: unknown option${hint ? ` (did you mean --${hint}?)` : ''}`);
    }
  }
  const parsed = generatorFlags.safeParse(flags);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`--${issue.path.join('.')}: ${issue.message}`);
  }
  if (problems.length > 0 || !parsed.success) throw new Error(problems.join('\n'));
  return { ...parsed.data, dockerfileOptions };
}

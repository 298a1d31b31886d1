import { z } from 'zod';
import { LANGUAGES } from '../types';
import { detectedOptions, javaOptions, monorepoPruneOptions, nodeOptionsSchema, PACKAGE_MANAGERS, VARIANTS } from './schema';

const shape = nodeOptionsSchema.shape;
const unique = (lists: readonly (readonly string[])[]) => [...new Set(lists.flat())];

/**
 * The options as one flat object (language optional, packageManager/variant = union over languages),
 * in JSON Schema form: what an Nx schema.json or a CLI flag table mirrors. Per-language checks stay in parseOptions.
 */
// The Turborepo prune options belong to the Turborepo adapter, not to Nx or CLI users.
// The detected framework is detection's, not a flag.
const adapterOnly = Object.fromEntries([...Object.keys(monorepoPruneOptions), ...Object.keys(detectedOptions)].map((k) => [k, true])) as {
  [K in keyof typeof monorepoPruneOptions | keyof typeof detectedOptions]: true;
};

export const flatOptionsSchema = nodeOptionsSchema.omit(adapterOnly).extend({
  ...javaOptions,
  language: z.enum(LANGUAGES).optional().describe(`${shape.language.description} Detected when omitted.`),
  packageManager: z.enum(unique(Object.values(PACKAGE_MANAGERS)) as [string, ...string[]]).optional()
    .describe(shape.packageManager.description ?? ''),
  variant: z.enum(unique(Object.values(VARIANTS)) as [string, ...string[]]).optional().describe(shape.variant.description ?? ''),
});

export function optionsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(flatOptionsSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

export {
  dockerfileOptionsSchema,
  nodeOptionsSchema,
  pythonOptionsSchema,
  goOptionsSchema,
  rustOptionsSchema,
  javaOptionsSchema,
  PACKAGE_MANAGERS,
  VARIANTS,
  OPTION_NAMES,
  type DockerfileOptions,
  type DockerfileOptionsInput,
  type OptionsFor,
} from './schema';
export { parseOptions } from './parse';
export { NODE_LOCKFILES, NODE_LOCKFILE_NAMES } from './lockfiles';
export { OptionsError } from './errors';
export { flatOptionsSchema, optionsJsonSchema } from './json-schema';

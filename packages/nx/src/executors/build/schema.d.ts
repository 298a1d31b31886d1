import type { BuildOptionsInput } from '@docker-ms/core';

/** Core's build options as a target writes them (camelCase; nx-container's kebab-case aliases are mapped by Nx and core). */
export type BuildExecutorSchema = BuildOptionsInput & Record<string, unknown>;

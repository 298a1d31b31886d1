import { JSONInstruction, ModifiableInstruction } from './ast';
import { modelOf, type DockerfileSource } from './parse';

/**
 * The paths COPY/ADD read from the build context (no `--from`, no URLs), as written.
 * Nx needs them for task inputs and to tell a workspace-root context from a project-root one.
 */
export function contextSources(dockerfile: DockerfileSource): string[] {
  const sources: string[] = [];
  for (const instruction of modelOf(dockerfile).instructions) {
    const keyword = instruction.getKeyword().toUpperCase();
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    const flags = instruction instanceof ModifiableInstruction ? instruction.getFlags() : [];
    if (flags.some((flag) => flag.getName().toLowerCase() === 'from')) continue;
    const json = instruction instanceof JSONInstruction ? instruction.getJSONStrings() : [];
    const args = json.length > 0 ? json.map((a) => a.getJSONValue()) : instruction.getArguments().map((a) => a.getValue());
    for (const source of args.slice(0, -1)) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || source.startsWith('git@')) continue;
      sources.push(source);
    }
  }
  return sources;
}

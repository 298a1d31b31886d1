// Test helper: a rendered Dockerfile read back with core's parser, as stages and instructions.
import { Copy, type Instruction } from '../../dockerfile/ast';
import { parseDockerfile } from '../../dockerfile/parse';

export interface ParsedInstruction {
  keyword: string;
  args: string;
  /** --from of a COPY, else null. */
  from: string | null;
  flags: string[];
}

export interface ParsedStage {
  name: string | null;
  image: string;
  instructions: ParsedInstruction[];
}

export function structure(text: string): { stages: ParsedStage[]; problems: number } {
  const model = parseDockerfile(text);
  if (model.preamble.length > 0) throw new Error(`instruction before the first FROM: ${model.preamble[0].getKeyword()}`);
  const stages: ParsedStage[] = model.stages.map((stage) => ({
    name: stage.name,
    image: stage.image,
    instructions: stage.instructions.map(describe),
  }));
  // dockerfile-ast keeps going on malformed input; an unknown keyword or empty FROM shows a parse problem
  const known = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);
  const problems = model.instructions.filter((i) => !known.has(i.getKeyword()) || (i.getArgumentsContent() ?? '') === '').length;
  return { stages, problems };
}

function describe(instruction: Instruction): ParsedInstruction {
  const flags = 'getFlags' in instruction && typeof instruction.getFlags === 'function'
    ? (instruction.getFlags() as Array<{ getName(): string; getValue(): string | null }>).map((f) => `--${f.getName()}${f.getValue() === null ? '' : `=${f.getValue()}`}`)
    : [];
  return {
    keyword: instruction.getKeyword(),
    args: instruction.getArgumentsContent() ?? '',
    from: instruction instanceof Copy ? (instruction.getFromFlag()?.getValue() ?? null) : null,
    flags,
  };
}

export function stageNames(text: string): Array<string | null> {
  return structure(text).stages.map((s) => s.name);
}

export function finalStage(text: string): ParsedStage {
  const { stages } = structure(text);
  return stages[stages.length - 1];
}

export function lastOf(stage: ParsedStage, keyword: string): ParsedInstruction | undefined {
  return [...stage.instructions].reverse().find((i) => i.keyword === keyword);
}

/** Exec-form JSON array of ENTRYPOINT/CMD/HEALTHCHECK CMD, or null when the instruction is in shell form. */
export function execForm(args: string): string[] | null {
  const json = args.replace(/^.*?\bCMD\s+(?=\[)/, '');
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) && parsed.every((p) => typeof p === 'string') ? (parsed as string[]) : null;
  } catch {
    return null;
  }
}

import { DockerfileParser, Dockerfile, From, Instruction } from 'dockerfile-ast';
import { boundLines } from './bounded-lines';

/** Dockerfile text, or the model parsed from it (pass the model on when it is already parsed). */
export type DockerfileSource = string | DockerfileModel;

/** One build stage: its FROM and the instructions up to the next FROM. */
export interface Stage {
  index: number;
  /** Stage name as written after AS, or null. */
  name: string | null;
  /** Lowercased name: BuildKit matches stage names case-insensitively. */
  key: string | null;
  from: From;
  /** Image text after FROM (may hold variables, a stage name or `scratch`). */
  image: string;
  /** 1-based line of the FROM instruction. */
  line: number;
  instructions: Instruction[];
  /** The earlier stage this one builds FROM, when its image names one. */
  parent: Stage | null;
}

export interface DockerfileModel {
  text: string;
  /** Source lines, 0-based like dockerfile-ast ranges. */
  lines: string[];
  dockerfile: Dockerfile;
  /** Every instruction, in order, including FROM. */
  instructions: Instruction[];
  /** Instructions before the first FROM (global ARGs). */
  preamble: Instruction[];
  stages: Stage[];
  /** Lines too long to parse whole: only their start was parsed (see bounded-lines.ts). */
  cutLines: Array<{ line: number; length: number }>;
}

export function lineOf(instruction: Instruction): number {
  return instruction.getRange().start.line + 1;
}

export function parseDockerfile(text: string): DockerfileModel {
  const bounded = boundLines(text);
  const dockerfile = DockerfileParser.parse(bounded.text);
  const instructions = dockerfile.getInstructions();
  const preamble: Instruction[] = [];
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction instanceof From) {
      const name = instruction.getBuildStage();
      const image = instruction.getImage() ?? '';
      const key = name ? name.toLowerCase() : null;
      const parent = stages.find((s) => s.key !== null && s.key === image.toLowerCase()) ?? null;
      stages.push({
        index: stages.length,
        name,
        key,
        from: instruction,
        image,
        line: lineOf(instruction),
        instructions: [],
        parent,
      });
    } else if (stages.length === 0) {
      preamble.push(instruction);
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return { text, lines: text.split(/\r?\n/), dockerfile, instructions, preamble, stages, cutLines: bounded.cut };
}

/** The parsed model of a Dockerfile, parsing only when given text. */
export function modelOf(dockerfile: DockerfileSource): DockerfileModel {
  return typeof dockerfile === 'string' ? parseDockerfile(dockerfile) : dockerfile;
}

/** The stage and its ancestors (stages it builds FROM), nearest first. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | null = stage; s && !chain.includes(s); s = s.parent) chain.push(s);
  return chain;
}

/** Resolve a `--from` value to an earlier stage (by name or index), if it names one. */
export function findStage(model: DockerfileModel, ref: string, before: number): Stage | undefined {
  if (/^\d+$/.test(ref)) {
    const index = Number(ref);
    return index < before ? model.stages[index] : undefined;
  }
  const key = ref.toLowerCase();
  return model.stages.find((s) => s.index < before && s.key === key);
}

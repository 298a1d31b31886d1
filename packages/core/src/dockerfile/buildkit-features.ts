import { Copy, Run, Instruction, ModifiableInstruction } from './ast';
import { lineOf, modelOf, type DockerfileSource } from './parse';

export interface BuildKitFeature {
  line: number;
  /** e.g. `RUN --mount`, `COPY --chmod`, `heredoc`. */
  feature: string;
}

// Flags the legacy builder rejects (it fails on them, it does not ignore them).
const BUILDKIT_FLAGS: Record<string, string[]> = {
  RUN: ['mount', 'network', 'security', 'device'],
  COPY: ['chmod', 'link', 'parents', 'exclude'],
  ADD: ['chmod', 'link', 'parents', 'exclude', 'checksum', 'keep-git-dir', 'unpack'],
};

function heredocs(instruction: Instruction): number {
  return instruction instanceof Run || instruction instanceof Copy ? instruction.getHeredocs().length : 0;
}

/** Constructs in a Dockerfile that only BuildKit builds (the legacy builder fails on each). */
export function buildKitFeatures(dockerfile: DockerfileSource): BuildKitFeature[] {
  const found: BuildKitFeature[] = [];
  const model = modelOf(dockerfile);
  for (const instruction of model.instructions) {
    const keyword = instruction.getKeyword();
    const flags = BUILDKIT_FLAGS[keyword];
    if (flags && instruction instanceof ModifiableInstruction) {
      for (const flag of instruction.getFlags()) {
        if (flags.includes(flag.getName())) found.push({ line: lineOf(instruction), feature: `${keyword} --${flag.getName()}` });
      }
    }
    if (heredocs(instruction) > 0) found.push({ line: lineOf(instruction), feature: `${keyword} heredoc` });
  }
  return found;
}

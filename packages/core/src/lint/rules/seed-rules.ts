// The seed's error table: a COPY --from naming no stage, a dynamically linked binary on scratch,
// and a final stage that runs as root.
import { Copy, Env, Arg, Instruction, Run } from '../../dockerfile/ast';
import { Stage, findStage, lineOf, stageChain } from '../../dockerfile/parse';
import type { LintRule, RuleHit } from '../types';

function fromFlag(instruction: Instruction): string | null {
  if (!(instruction instanceof Copy)) return null;
  return instruction.getFromFlag()?.getValue() ?? null;
}

/** Where an instruction reads another stage or image: COPY --from=X and RUN --mount=…,from=X. */
function fromRefs(instruction: Instruction): Array<{ ref: string; shown: string }> {
  const copy = fromFlag(instruction);
  if (copy !== null) return [{ ref: copy, shown: `COPY --from=${copy}` }];
  if (!(instruction instanceof Run)) return [];
  return instruction
    .getFlags()
    .filter((f) => f.getName() === 'mount')
    .map((f) => f.getOption('from')?.getValue())
    .filter((ref): ref is string => !!ref)
    .map((ref) => ({ ref, shown: `RUN --mount from=${ref}` }));
}

/** Docker reads a --from value that is no stage as an image; only refs with ':', '/' or '@' look meant that way. */
function looksLikeImage(ref: string): boolean {
  return /[:/@]/.test(ref);
}

export const copyFromUnknownStage: LintRule = {
  name: 'CopyFromUnknownStage',
  severity: 'error',
  description: 'COPY --from and RUN --mount from= must name an earlier stage (or index), or an image reference',
  check(model) {
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        for (const { ref, shown } of fromRefs(instruction)) {
          if (ref.includes('$') || findStage(model, ref, stage.index)) continue;
          if (/^\d+$/.test(ref)) {
            hits.push({ line: lineOf(instruction), message: `${shown} must be the index of an earlier stage (this is stage ${stage.index})` });
            continue;
          }
          if (looksLikeImage(ref)) continue;
          const later = model.stages.find((s) => s.index >= stage.index && s.key === ref.toLowerCase());
          const earlier = model.stages.filter((s) => s.index < stage.index && s.name).map((s) => s.name);
          const known = earlier.length ? `earlier stages: ${earlier.join(', ')}` : 'no earlier named stages';
          hits.push({
            line: lineOf(instruction),
            message: later
              ? `${shown} names ${later.index === stage.index ? 'its own stage' : 'a later stage'}; ${known}`
              : `${shown} names no stage (${known}) and is not an image reference`,
          });
        }
      }
    }
    return hits;
  },
};

/** Everything a stage chain says about how it builds: RUN text, ENV and ARG assignments, base images. */
function buildText(stage: Stage): string {
  const parts: string[] = [];
  for (const s of stageChain(stage)) {
    parts.push(s.image);
    for (const instruction of s.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword === 'RUN') parts.push(instruction.getArgumentsContent() ?? '');
      if (instruction instanceof Env || instruction instanceof Arg) {
        for (const p of instruction.getProperties()) parts.push(`${p.getName()}=${p.getValue() ?? ''}`);
      }
    }
  }
  return parts.join('\n');
}

/** Why a stage's binaries would be dynamically linked, or null when they look static (heuristic). */
function dynamicLinkReason(stage: Stage): string | null {
  const text = buildText(stage);
  if (/\bgo\s+build\b/.test(text) && !/\bCGO_ENABLED=0\b/.test(text) && !/-extldflags[= ]+["']?[^"'\n]*-static/.test(text)) {
    return `stage ${stage.name ?? stage.index} runs go build without CGO_ENABLED=0`;
  }
  if (/\bcargo\s+(build|install)\b/.test(text) && !/musl/.test(text) && !/alpine/.test(text)) {
    return `stage ${stage.name ?? stage.index} runs cargo build without a musl target`;
  }
  return null;
}

/** Runtimes without a C library: scratch and the "static" distroless images (also behind a mirror prefix). */
function hasNoLibc(image: string): boolean {
  const ref = image.toLowerCase();
  return ref === 'scratch' || /(^|\/)distroless\/static(-|:|@|$)/.test(ref) || /chainguard\/static(:|@|$)/.test(ref);
}

export const staticBinaryOnScratch: LintRule = {
  name: 'StaticBinaryOnScratch',
  severity: 'error',
  description: 'scratch and distroless/static have no libc: only static binaries run there (Go with CGO_ENABLED=0, Rust with a musl target)',
  check(model) {
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      if (!hasNoLibc(stage.image)) continue;
      for (const instruction of stage.instructions) {
        const ref = fromFlag(instruction);
        const source = ref === null ? undefined : findStage(model, ref, stage.index);
        const reason = source && dynamicLinkReason(source);
        if (reason) {
          hits.push({
            line: lineOf(instruction),
            message: `copies a dynamically linked binary onto ${stage.image} (no libc): ${reason}`,
          });
        }
      }
    }
    return hits;
  },
};

const ROOT_USERS = new Set(['root', '0']);

function isRoot(user: string): boolean {
  const name = user.split(':')[0].trim();
  return ROOT_USERS.has(name);
}

export const rootUser: LintRule = {
  name: 'RootUser',
  severity: 'error',
  description: 'The final stage must switch to a non-root USER',
  check(model) {
    const final = model.stages[model.stages.length - 1];
    if (!final) return [];
    for (const stage of stageChain(final)) {
      const users = stage.instructions.filter((i) => i.getKeyword() === 'USER');
      const last = users[users.length - 1];
      if (!last) continue;
      const user = last.getArgumentsContent() ?? '';
      if (isRoot(user)) {
        return [{ line: lineOf(last), message: `the final stage runs as ${user}; set a non-root numeric USER (e.g. USER 65532)` }];
      }
      return [];
    }
    return [{ line: final.line, message: 'the final stage sets no USER, so it runs as root; add a non-root numeric USER (e.g. USER 65532)' }];
  },
};

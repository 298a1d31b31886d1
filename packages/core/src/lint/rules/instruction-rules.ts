// Docker build-check rules on single instructions and on instructions within a stage, with BuildKit's semantics and
// wording (moby/buildkit frontend/dockerfile: linter/ruleset.go, dockerfile2llb/convert.go and validations.go,
// parser/parser.go); our fix hint follows BuildKit's message after "; ".
import { Arg, Instruction, PropertyInstruction } from '../../dockerfile/ast';
import { DockerfileModel, Stage, lineOf, stageChain } from '../../dockerfile/parse';
import { buildkitSuggestion } from '../../text/closest-names';
import type { LintRule, RuleHit } from '../types';
import { UNKNOWN_VALUE, stageUses } from './stage-vars';

function eachInstruction(model: DockerfileModel, keywords: string[]): Array<{ stage: Stage; instruction: Instruction }> {
  return model.stages.flatMap((stage) =>
    stage.instructions.filter((i) => keywords.includes(i.getKeyword())).map((instruction) => ({ stage, instruction })),
  );
}

/** BuildKit's parseMaybeJSON: exec form only when the arguments are a JSON array of strings, else shell form. */
function isJsonForm(instruction: Instruction, escape: string): boolean {
  // the raw text with its continuation lines joined, as BuildKit's parser hands it over
  const raw = instruction.getRawArgumentsContent() ?? '';
  const text = raw.split(new RegExp(`${escape === '\\' ? '\\\\' : escape}[ \t]*\r?\n`)).join('').trim();
  if (!text.startsWith('[')) return false;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((p) => typeof p === 'string');
  } catch {
    return false;
  }
}

// BuildKit's instruction names in messages are as written (c.Name()): `cmd x` is reported as "cmd"
export const jsonArgsRecommended: LintRule = {
  name: 'JSONArgsRecommended',
  buildkit: 'json-args-recommended',
  severity: 'warning',
  description: 'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals',
  differs: "BuildKit also stays quiet when the base image's config sets a SHELL; only SHELL instructions of the file count here",
  check(model) {
    return eachInstruction(model, ['CMD', 'ENTRYPOINT'])
      .filter(({ stage, instruction }) => {
        // an explicit SHELL earlier in the stage or in a parent stage: the shell form is deliberate
        const shellSet = stageChain(stage).some((s) =>
          s.instructions.some((i) => i.getKeyword() === 'SHELL' && (s !== stage || lineOf(i) < lineOf(instruction))),
        );
        return !shellSet && !isJsonForm(instruction, model.dockerfile.getEscapeCharacter());
      })
      .map(({ instruction }) => ({
        line: lineOf(instruction),
        message: `JSON arguments recommended for ${instruction.getInstruction()} to prevent unintended behavior related to OS signals; write it as a JSON array`,
      }));
  },
};

export const maintainerDeprecated: LintRule = {
  name: 'MaintainerDeprecated',
  buildkit: 'maintainer-deprecated',
  severity: 'warning',
  description: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author',
  check(model) {
    return model.instructions
      .filter((i) => i.getKeyword() === 'MAINTAINER')
      .map((i) => ({ line: lineOf(i), message: 'Maintainer instruction is deprecated in favor of using label; use LABEL org.opencontainers.image.authors=…' }));
  },
};

export const legacyKeyValueFormat: LintRule = {
  name: 'LegacyKeyValueFormat',
  buildkit: 'legacy-key-value-format',
  severity: 'warning',
  description: 'Legacy key/value format with whitespace separator should not be used',
  check(model) {
    const hits: RuleHit[] = [];
    for (const instruction of model.instructions) {
      const keyword = instruction.getKeyword();
      if ((keyword !== 'ENV' && keyword !== 'LABEL') || !(instruction instanceof PropertyInstruction)) continue;
      // BuildKit: the legacy form is one pair without '=' (ENV key value with more words), one warning for it
      const legacy = instruction.getProperties().find((p) => p.getAssignmentOperator() === null && p.getValue() !== null);
      if (legacy) {
        const name = instruction.getInstruction();
        hits.push({
          line: lineOf(instruction),
          message: `"${name} key=value" should be used instead of legacy "${name} key value" format; write ${name} ${legacy.getName()}=…`,
        });
      }
    }
    return hits;
  },
};

/** BuildKit's parser: a line continues when it ends with the escape character (not itself escaped) and blanks. */
function continues(line: string, escape: string): boolean {
  let end = line.length;
  while (end > 0 && /[ \t\r]/.test(line[end - 1])) end--;
  return end > 0 && line[end - 1] === escape && (end === 1 || line[end - 2] !== escape);
}

export const noEmptyContinuation: LintRule = {
  name: 'NoEmptyContinuation',
  buildkit: 'no-empty-continuation',
  severity: 'warning',
  description: 'Empty continuation lines will become errors in a future release',
  check(model) {
    // Like BuildKit's parser: one warning per instruction, on the line where the continued instruction ends;
    // comment lines inside it are skipped, blank ones are the empty continuation lines
    const escape = model.dockerfile.getEscapeCharacter();
    const hits: RuleHit[] = [];
    for (const instruction of model.instructions) {
      let l = instruction.getRange().start.line;
      if (!continues(model.lines[l] ?? '', escape)) continue;
      let empty = false;
      while (l + 1 < model.lines.length) {
        const line = model.lines[++l];
        if (/^\s*#/.test(line)) continue;
        if (line.trim() === '') {
          empty = true;
          continue;
        }
        if (!continues(line, escape)) break;
      }
      if (empty) hits.push({ line: l + 1, message: `Empty continuation line; remove the blank lines inside ${instruction.getKeyword()} (line ${lineOf(instruction)})` });
    }
    return hits;
  },
};

export const consistentInstructionCasing: LintRule = {
  name: 'ConsistentInstructionCasing',
  buildkit: 'consistent-instruction-casing',
  severity: 'warning',
  description: 'All commands within the Dockerfile should use the same casing (either upper or lower)',
  check(model) {
    // BuildKit counts and checks the instructions of the stages (FROM included), not the global ARGs before the first
    // FROM; mixed-case ones (From) count for neither side; a tie is uppercase
    const staged = model.stages.flatMap((s) => [s.from as Instruction, ...s.instructions]);
    const written = staged.map((i) => i.getInstruction());
    const upper = written.filter((w) => w === w.toUpperCase() && w !== w.toLowerCase()).length;
    const lower = written.filter((w) => w === w.toLowerCase() && w !== w.toUpperCase()).length;
    const casing = lower > upper ? 'lowercase' : 'uppercase';
    return staged
      .filter((i) => {
        const w = i.getInstruction();
        return w !== (casing === 'uppercase' ? w.toUpperCase() : w.toLowerCase());
      })
      .map((i) => ({
        line: lineOf(i),
        message: `Command '${i.getInstruction()}' should match the case of the command majority (${casing})`,
      }));
  },
};

export const multipleInstructionsDisallowed: LintRule = {
  name: 'MultipleInstructionsDisallowed',
  buildkit: 'multiple-instructions-disallowed',
  severity: 'warning',
  description: 'Multiple instructions of the same type should not be used in the same stage',
  check(model) {
    // BuildKit reports the earlier instruction (the ignored one), named as the later one is written, per stage
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      for (const keyword of ['CMD', 'ENTRYPOINT', 'HEALTHCHECK']) {
        const found = stage.instructions.filter((i) => i.getKeyword() === keyword);
        found.slice(1).forEach((later, n) => {
          hits.push({
            line: lineOf(found[n]),
            at: lineOf(later), // BuildKit checks it while dispatching the later one, with that one's check settings
            message: `Multiple ${later.getInstruction()} instructions should not be used in the same stage because only the last one will be used; the one on line ${lineOf(later)} replaces it`,
          });
        });
      }
    }
    return hits;
  },
};

export const workdirRelativePath: LintRule = {
  name: 'WorkdirRelativePath',
  buildkit: 'workdir-relative-path',
  severity: 'warning',
  description: 'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes',
  differs: "a WORKDIR that uses a base image's ENV, or any unset variable on a base image whose ENV docker-ms does not know (see UndefinedVar), is not judged",
  check(model) {
    // BuildKit checks only the first WORKDIR of a stage chain (a parent stage's counts); that one must be absolute
    // once expanded (WORKDIR $DIR with ARG DIR=/app is)
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      if (stageChain(stage).slice(1).some((s) => s.instructions.some((i) => i.getKeyword() === 'WORKDIR'))) continue;
      if (!stage.instructions.some((i) => i.getKeyword() === 'WORKDIR')) continue;
      const first = stageUses(model, stage).find((u) => u.instruction.getKeyword() === 'WORKDIR');
      // not judged: a variable of an unknown base image, or a base image ENV whose value is unknown here
      if (!first || (first.undefinedNames.length && !first.baseKnown) || first.value.includes(UNKNOWN_VALUE)) continue;
      if (!first.value.startsWith('/')) {
        hits.push({
          line: lineOf(first.instruction),
          message: `Relative workdir ${JSON.stringify(first.value)} can have unexpected results if the base image changes; make it absolute`,
        });
      }
    }
    return hits;
  },
};

const EXPOSE_DIFFERS = "a port that uses a base image's ENV, or any unset variable on a base image whose ENV docker-ms does not know (see UndefinedVar), is not judged";

interface ExposedPort {
  instruction: Instruction;
  port: string;
  mapped: boolean;
  proto: string;
}

// BuildKit dockerfile2llb/convert_expose.go: each port after variable expansion, [[ip:]hostPort:]containerPort[/proto];
// its checks run once the protocol is known to be tcp, udp or sctp (another one fails the build instead)
function exposedPorts(model: DockerfileModel): ExposedPort[] {
  const out: ExposedPort[] = [];
  for (const stage of model.stages) {
    if (!stage.instructions.some((i) => i.getKeyword() === 'EXPOSE')) continue;
    for (const use of stageUses(model, stage)) {
      if (use.instruction.getKeyword() !== 'EXPOSE' || (use.undefinedNames.length && !use.baseKnown) || use.value.includes(UNKNOWN_VALUE)) continue;
      for (const port of use.value.split(/\s+/).filter(Boolean)) {
        const parts = port.split(':');
        const container = parts[parts.length - 1];
        const slash = container.indexOf('/');
        const proto = slash === -1 ? '' : container.slice(slash + 1);
        if ((slash === -1 ? container : container.slice(0, slash)) === '' || !['', 'tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) continue;
        const hostIp = parts.length > 3 ? parts.slice(0, -2).join(':') : parts.length === 3 ? parts[0] : '';
        const hostPort = parts.length > 1 ? parts[parts.length - 2] : '';
        out.push({ instruction: use.instruction, port, mapped: hostIp !== '' || hostPort !== '', proto });
      }
    }
  }
  return out;
}

export const exposeProtoCasing: LintRule = {
  name: 'ExposeProtoCasing',
  buildkit: 'expose-proto-casing',
  severity: 'warning',
  description: 'Protocol in EXPOSE instruction should be lowercase',
  differs: EXPOSE_DIFFERS,
  check(model) {
    return exposedPorts(model)
      .filter(({ proto }) => proto !== proto.toLowerCase())
      .map(({ instruction, port }) => ({
        line: lineOf(instruction),
        message: `Defined protocol '${port}' in EXPOSE instruction should be lowercase; write ${port.toLowerCase()}`,
      }));
  },
};

export const exposeInvalidFormat: LintRule = {
  name: 'ExposeInvalidFormat',
  buildkit: 'expose-invalid-format',
  severity: 'warning',
  description: 'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release',
  differs: EXPOSE_DIFFERS,
  check(model) {
    return exposedPorts(model)
      .filter(({ mapped }) => mapped)
      .map(({ instruction, port }) => ({
        line: lineOf(instruction),
        message: `EXPOSE instruction should not define an IP address or host-port mapping, found '${port}'; expose the container port only and publish with docker run -p`,
      }));
  },
};

export const undefinedVar: LintRule = {
  name: 'UndefinedVar',
  buildkit: 'undefined-var',
  severity: 'warning',
  description: 'Variables should be defined before their use',
  differs:
    "BuildKit reads the pulled base image's ENV; docker-ms knows it for scratch and the official images it lists " +
    '(node, python, golang, rust, eclipse-temurin, maven, gradle, nginx, alpine, debian, ubuntu, busybox) and judges those ' +
    'stages like BuildKit. On other base images a variable is reported only when the file declares it as an ARG somewhere ' +
    "else (a global ARG not redeclared in the stage, another stage's ARG, a later ARG) or when it is a near-miss of a " +
    'variable the stage declares (the "did you mean" case). Each variable is reported once per instruction',
  check(model) {
    const fileArgs = new Set(model.instructions.filter((i) => i instanceof Arg).flatMap((i) => (i as Arg).getProperties().map((p) => p.getName())));
    const globalArgs = new Set(model.preamble.filter((i) => i instanceof Arg).flatMap((i) => (i as Arg).getProperties().map((p) => p.getName())));
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      const reported = new Set<string>();
      for (const use of stageUses(model, stage)) {
        for (const name of use.reports ? use.undefinedNames : []) {
          const key = `${lineOf(use.instruction)} ${name}`;
          if (reported.has(key)) continue;
          // BuildKit's hint: the closest name of the stage's environment (ENV, ARGs with a value, PATH)
          const hint = buildkitSuggestion(name, use.known);
          const declaredHint = buildkitSuggestion(name, use.known.filter((k) => k !== 'PATH'));
          if (!use.baseKnown && !fileArgs.has(name) && !declaredHint) continue;
          reported.add(key);
          const fix = globalArgs.has(name)
            ? `it is a global ARG: redeclare it with ARG ${name} inside this stage`
            : `declare it with ARG ${name} or ENV ${name}=… before this line`;
          hits.push({
            line: lineOf(use.instruction),
            message: `Usage of undefined variable '$${name}'${hint ? ` (did you mean $${hint}?)` : ''}; ${fix}`,
          });
        }
      }
    }
    return hits;
  },
};

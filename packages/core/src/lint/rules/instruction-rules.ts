// Docker build-check rules on single instructions and on instructions within a stage.
import { Arg, DefaultVariables, Env, Instruction, JSONInstruction, PropertyInstruction } from '../../dockerfile/ast';
import { DockerfileModel, Stage, lineOf, stageChain } from '../../dockerfile/parse';
import { closestNames } from '../../text/closest-names';
import type { LintRule, RuleHit } from '../types';
import { PLATFORM_ARGS, variableName } from './from-rules';

function eachInstruction(model: DockerfileModel, keywords: string[]): Array<{ stage: Stage; instruction: Instruction }> {
  return model.stages.flatMap((stage) =>
    stage.instructions.filter((i) => keywords.includes(i.getKeyword())).map((instruction) => ({ stage, instruction })),
  );
}

function isJsonForm(instruction: Instruction): boolean {
  return instruction instanceof JSONInstruction && !!instruction.getOpeningBracket() && !!instruction.getClosingBracket();
}

export const jsonArgsRecommended: LintRule = {
  name: 'JSONArgsRecommended',
  severity: 'warning',
  description: 'Use JSON (exec) form for CMD and ENTRYPOINT so signals reach the process',
  check(model) {
    return eachInstruction(model, ['CMD', 'ENTRYPOINT'])
      .filter(({ stage, instruction }) => {
        const shellSet = stageChain(stage).some((s) =>
          s.instructions.some((i) => i.getKeyword() === 'SHELL' && (s !== stage || lineOf(i) < lineOf(instruction))),
        );
        return !shellSet && !isJsonForm(instruction);
      })
      .map(({ instruction }) => ({
        line: lineOf(instruction),
        message: `${instruction.getKeyword()} uses shell form; write it as a JSON array so signals reach the process`,
      }));
  },
};

export const maintainerDeprecated: LintRule = {
  name: 'MaintainerDeprecated',
  severity: 'warning',
  description: 'MAINTAINER is deprecated; use a label',
  check(model) {
    return model.instructions
      .filter((i) => i.getKeyword() === 'MAINTAINER')
      .map((i) => ({ line: lineOf(i), message: 'MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors=…' }));
  },
};

export const legacyKeyValueFormat: LintRule = {
  name: 'LegacyKeyValueFormat',
  severity: 'warning',
  description: "ENV and LABEL should use 'key=value'",
  check(model) {
    const hits: RuleHit[] = [];
    for (const instruction of model.instructions) {
      const keyword = instruction.getKeyword();
      if ((keyword !== 'ENV' && keyword !== 'LABEL') || !(instruction instanceof PropertyInstruction)) continue;
      const legacy = instruction.getProperties().find((p) => p.getAssignmentOperator() === null && p.getValue() !== null);
      if (legacy) {
        hits.push({
          line: lineOf(instruction),
          message: `"${keyword} ${legacy.getName()} value" is the legacy format; write ${keyword} ${legacy.getName()}=value`,
        });
      }
    }
    return hits;
  },
};

export const noEmptyContinuation: LintRule = {
  name: 'NoEmptyContinuation',
  severity: 'warning',
  description: 'No empty lines inside an instruction continued with a backslash',
  check(model) {
    const hits: RuleHit[] = [];
    for (const instruction of model.instructions) {
      const { start, end } = instruction.getRange();
      for (let l = start.line + 1; l <= end.line; l++) {
        if ((model.lines[l] ?? '').trim() === '') {
          hits.push({ line: l + 1, message: `empty continuation line inside ${instruction.getKeyword()} (line ${start.line + 1})` });
        }
      }
    }
    return hits;
  },
};

export const consistentInstructionCasing: LintRule = {
  name: 'ConsistentInstructionCasing',
  severity: 'warning',
  description: 'All instructions should use the same casing',
  check(model) {
    const written = model.instructions.map((i) => i.getInstruction());
    const upper = written.filter((w) => w === w.toUpperCase()).length;
    const lower = written.filter((w) => w === w.toLowerCase()).length;
    const expectUpper = upper >= lower;
    return model.instructions
      .filter((i) => {
        const w = i.getInstruction();
        return w !== (expectUpper ? w.toUpperCase() : w.toLowerCase());
      })
      .map((i) => ({
        line: lineOf(i),
        message: `instruction '${i.getInstruction()}' should be ${expectUpper ? 'uppercase' : 'lowercase'} like the rest of the file`,
      }));
  },
};

export const multipleInstructionsDisallowed: LintRule = {
  name: 'MultipleInstructionsDisallowed',
  severity: 'warning',
  description: 'Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes effect',
  check(model) {
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      for (const keyword of ['CMD', 'ENTRYPOINT', 'HEALTHCHECK']) {
        const found = stage.instructions.filter((i) => i.getKeyword() === keyword);
        for (const i of found.slice(0, -1)) {
          hits.push({ line: lineOf(i), message: `${keyword} is overridden by a later ${keyword} in the same stage (line ${lineOf(found[found.length - 1])})` });
        }
      }
    }
    return hits;
  },
};

export const workdirRelativePath: LintRule = {
  name: 'WorkdirRelativePath',
  severity: 'warning',
  description: 'A relative WORKDIR needs an absolute WORKDIR before it',
  check(model) {
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      const ancestors = stageChain(stage).slice(1);
      let absolute = ancestors.some((s) => s.instructions.some((i) => i.getKeyword() === 'WORKDIR' && isAbsolute(i)));
      for (const i of stage.instructions) {
        if (i.getKeyword() !== 'WORKDIR') continue;
        const dir = i.getArgumentsContent() ?? '';
        if (isAbsolute(i) || dir.startsWith('$')) absolute = true;
        else if (!absolute) hits.push({ line: lineOf(i), message: `relative WORKDIR ${dir} without an absolute WORKDIR before it; use an absolute path` });
      }
    }
    return hits;
  },
};

function isAbsolute(workdir: Instruction): boolean {
  const dir = workdir.getArgumentsContent() ?? '';
  return dir.startsWith('/') || /^[A-Za-z]:[\\/]/.test(dir);
}

export const exposeProtoCasing: LintRule = {
  name: 'ExposeProtoCasing',
  severity: 'warning',
  description: 'The protocol in EXPOSE should be lowercase',
  check(model) {
    return eachInstruction(model, ['EXPOSE']).flatMap(({ instruction }) =>
      instruction
        .getArguments()
        .map((a) => a.getValue())
        .filter((v) => v.includes('/') && v.split('/')[1] !== v.split('/')[1].toLowerCase())
        .map((v) => ({ line: lineOf(instruction), message: `EXPOSE ${v}: write the protocol in lowercase (${v.toLowerCase()})` })),
    );
  },
};

export const exposeInvalidFormat: LintRule = {
  name: 'ExposeInvalidFormat',
  severity: 'warning',
  description: 'EXPOSE takes container ports only, no IP or host-port mapping',
  check(model) {
    return eachInstruction(model, ['EXPOSE']).flatMap(({ instruction }) =>
      instruction
        .getArguments()
        .map((a) => a.getValue())
        .filter((v) => v.includes(':'))
        .map((v) => ({ line: lineOf(instruction), message: `EXPOSE ${v}: expose the container port only; publish host ports with docker run -p` })),
    );
  },
};

// Instructions whose variables the Dockerfile frontend expands (RUN's are left to the shell).
const EXPANDED = ['ADD', 'COPY', 'ENV', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'ARG'];

function declaredNames(instruction: Instruction): string[] {
  return instruction instanceof Arg || instruction instanceof Env ? instruction.getProperties().map((p) => p.getName()) : [];
}

/**
 * Best effort: the base image's own ENV is unknown here, so a variable is reported only when the file
 * declares that name as an ARG elsewhere (a global ARG not redeclared in the stage, another stage's ARG)
 * or when the stage builds on scratch, where nothing else can define it.
 */
export const undefinedVar: LintRule = {
  name: 'UndefinedVar',
  severity: 'warning',
  description: 'Variables must be declared (ARG/ENV) in the stage before use',
  check(model) {
    const everywhere = new Set(model.instructions.filter((i) => i instanceof Arg).flatMap(declaredNames));
    const predefined = new Set([...DefaultVariables, ...PLATFORM_ARGS]);
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      const chain = stageChain(stage);
      const onScratch = chain[chain.length - 1].image.toLowerCase() === 'scratch';
      const visible = new Set(chain.slice(1).flatMap((s) => s.instructions.flatMap(declaredNames)));
      for (const instruction of stage.instructions) {
        if (EXPANDED.includes(instruction.getKeyword())) {
          for (const variable of instruction.getVariables()) {
            const name = variableName(variable.getName());
            // like BuildKit, ${NAME:-default} and ${NAME-default} count as uses of NAME too
            if (visible.has(name) || predefined.has(name)) continue;
            if (!onScratch && !everywhere.has(name)) continue;
            const global = model.preamble.some((i) => declaredNames(i).includes(name));
            const [hint] = global ? [] : closestNames(name, visible, 1);
            hits.push({
              line: lineOf(instruction),
              message: global
                ? `$${name} is a global ARG; redeclare it with ARG ${name} inside this stage to use it`
                : `$${name} is not declared in this stage; add ARG ${name} or ENV ${name}=… before it${hint ? ` (did you mean $${hint}?)` : ''}`,
            });
          }
        }
        for (const name of declaredNames(instruction)) visible.add(name);
      }
    }
    return hits;
  },
};

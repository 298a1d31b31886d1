// Rules on FROM lines and stage names.
import { Arg } from '../../dockerfile/ast';
import { expandWord } from '../../dockerfile/shell-word';
import { closestNames } from '../../text/closest-names';
import type { DockerfileModel } from '../../dockerfile/parse';
import type { LintRule, RuleHit } from '../types';

const RESERVED_STAGE_NAMES = new Set(['scratch', 'context']);

/** The variable's own name: the parser keeps ${NAME-default}'s "-default" in it (it strips only the ":-" forms). */
export function variableName(parsed: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*/.exec(parsed)?.[0] ?? parsed;
}

/** ARGs BuildKit defines before the first FROM. */
export const PLATFORM_ARGS = new Set([
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
]);

// BuildKit instructions/parse.go (FROM) and dockerfile2llb/validations.go (validateStageNames); BuildKit keeps the
// stage name lowercased, so DuplicateStageName and ReservedStageName name it that way.
export const fromAsCasing: LintRule = {
  name: 'FromAsCasing',
  buildkit: 'from-as-casing',
  severity: 'warning',
  description: "The 'as' keyword should match the case of the 'from' keyword",
  check(model) {
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      const as = stage.from.getArguments()[1]?.getValue();
      const from = stage.from.getInstruction();
      if (!as || as.toLowerCase() !== 'as') continue;
      // a mixed-case FROM (From) is ConsistentInstructionCasing's finding, not this rule's
      const expected = from === from.toLowerCase() ? as.toLowerCase() : from === from.toUpperCase() ? as.toUpperCase() : as;
      if (as !== expected) hits.push({ line: stage.line, message: `'${as}' and '${from}' keywords' casing do not match` });
    }
    return hits;
  },
};

export const stageNameCasing: LintRule = {
  name: 'StageNameCasing',
  buildkit: 'stage-name-casing',
  severity: 'warning',
  description: 'Stage names should be lowercase',
  check(model) {
    return model.stages
      .filter((s) => s.name !== null && s.name !== s.name.toLowerCase())
      .map((s) => ({ line: s.line, message: `Stage name '${s.name}' should be lowercase` }));
  },
};

export const duplicateStageName: LintRule = {
  name: 'DuplicateStageName',
  buildkit: 'duplicate-stage-name',
  severity: 'error',
  description: 'Stage names should be unique',
  check(model) {
    const seen = new Map<string, number>();
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      if (stage.key === null) continue;
      const first = seen.get(stage.key);
      if (first !== undefined) {
        hits.push({ line: stage.line, message: `Duplicate stage name ${JSON.stringify(stage.key)}, stage names should be unique; the first is on line ${first}` });
      } else {
        seen.set(stage.key, stage.line);
      }
    }
    return hits;
  },
};

export const reservedStageName: LintRule = {
  name: 'ReservedStageName',
  buildkit: 'reserved-stage-name',
  severity: 'error',
  description: 'Reserved words should not be used as stage names',
  check(model) {
    return model.stages
      .filter((s) => s.key !== null && RESERVED_STAGE_NAMES.has(s.key))
      .map((s) => ({ line: s.line, message: `Stage name should not use the same name as reserved stage ${JSON.stringify(s.key)}` }));
  },
};

export const undefinedArgInFrom: LintRule = {
  name: 'UndefinedArgInFrom',
  buildkit: 'undefined-arg-in-from',
  severity: 'warning',
  description: 'FROM may only use ARGs declared before the first FROM',
  check(model) {
    const declared = new Set<string>();
    for (const instruction of model.preamble) {
      if (instruction instanceof Arg) for (const p of instruction.getProperties()) declared.add(p.getName());
    }
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      for (const variable of stage.from.getVariables()) {
        const name = variableName(variable.getName());
        if (!declared.has(name) && !PLATFORM_ARGS.has(name)) {
          // BuildKit's wording; its hint also catches misspelt built-in platform ARGs (BUILDPLATFROM → BUILDPLATFORM)
          // (by edit distance only: VARIANT is not a misspelt BUILDVARIANT, and BuildKit's docs show it without a hint)
          const builtIns = [...PLATFORM_ARGS].filter((p) => !p.toLowerCase().includes(name.toLowerCase()));
          const [hint] = closestNames(name, new Set([...declared, ...builtIns]), 1);
          hits.push({ line: stage.line, message: `FROM argument '${name}' is not declared${hint ? ` (did you mean ${hint}?)` : ''}` });
        }
      }
    }
    return hits;
  },
};

// distribution/reference's grammar: [domain[:port]/]path[:tag][@digest], path components lowercase
const DOMAIN = String.raw`(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?`;
const PATH = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*`;
const IMAGE_REFERENCE = new RegExp(String.raw`^${DOMAIN}${PATH}(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`);
// Values BuildKit gives the platform ARGs on a linux/amd64 engine; only their non-emptiness matters here
const PLATFORM_DEFAULTS: Record<string, string> = {
  BUILDPLATFORM: 'linux/amd64', BUILDOS: 'linux', BUILDARCH: 'amd64', BUILDVARIANT: '',
  TARGETPLATFORM: 'linux/amd64', TARGETOS: 'linux', TARGETARCH: 'amd64', TARGETVARIANT: '',
};

/** A word as BuildKit expands it with no --build-arg: the global ARG defaults, else empty. */
const expandWithDefaults = (word: string, defaults: Map<string, string>) => expandWord(word, (name) => defaults.get(name)).value;

/** The global ARGs with a value when no --build-arg is given: BuildKit's platform ARGs, then the defaults before the first FROM. */
export function globalArgValues(model: DockerfileModel): Map<string, string> {
  const values = new Map(Object.entries(PLATFORM_DEFAULTS));
  for (const instruction of model.preamble) {
    if (!(instruction instanceof Arg)) continue;
    for (const p of instruction.getProperties()) {
      const value = p.getValue();
      if (value === null) values.delete(p.getName());
      else values.set(p.getName(), expandWithDefaults(value, values));
    }
  }
  return values;
}

export const invalidDefaultArgInFrom: LintRule = {
  name: 'InvalidDefaultArgInFrom',
  buildkit: 'invalid-default-arg-in-from',
  severity: 'warning',
  description: 'Default value for global ARG results in an empty or invalid base image name',
  check(model) {
    const defaults = globalArgValues(model);
    return model.stages
      .filter((s) => s.image.includes('$') && !IMAGE_REFERENCE.test(expandWithDefaults(s.image, defaults)))
      .map((s) => ({
        line: s.line,
        message: `Default value for ARG ${s.image} results in empty or invalid base image name; give the ARG a default (ARG NAME=value) or use \${NAME:-value}`,
      }));
  },
};

export const fromNotLiteral: LintRule = {
  name: 'FromNotLiteral',
  severity: 'warning',
  description: 'FROM should name a literal image, not a variable, so the file is reproducible and checkable',
  check(model) {
    return model.stages
      .filter((s) => s.image.includes('$'))
      .map((s) => ({ line: s.line, message: `FROM ${s.image} uses a variable; write the pinned image reference literally` }));
  },
};

export const fromLatest: LintRule = {
  name: 'FromLatest',
  severity: 'error',
  description: 'FROM must pin a version tag or digest; untagged means :latest',
  check(model) {
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      const image = stage.image;
      if (!image || image.includes('$') || image.toLowerCase() === 'scratch' || stage.parent) continue;
      if (stage.from.getImageDigest()) continue;
      const tag = stage.from.getImageTag();
      if (tag === null) {
        hits.push({ line: stage.line, message: `FROM ${image} has no tag, which means :latest; pin a version tag or digest` });
      } else if (tag === 'latest') {
        hits.push({ line: stage.line, message: `FROM ${image} uses :latest; pin a version tag or digest` });
      }
    }
    return hits;
  },
};

// The variables a stage's instructions can expand, walked the way BuildKit's dockerfile2llb dispatches a stage:
// the parent stage's ENV and ARGs carry over, ENV and ARG add to the environment, PATH is always set.
import { Arg, Heredoc, Instruction, ModifiableInstruction } from '../../dockerfile/ast';
import { DockerfileModel, Stage, stageChain } from '../../dockerfile/parse';
import { expandWord } from '../../dockerfile/shell-word';
import { globalArgValues } from './from-rules';
import { officialImageEnv } from './base-image-env';

/** BuildKit sets PATH when the base image has none (system.DefaultPathEnv). */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** Stands for the value of a base image's ENV: its name is defined, its value unknown here. */
export const UNKNOWN_VALUE = '\u0000';
/** ARGs BuildKit never puts in the environment (dockerfile2llb nonEnvArgs). */
const NON_ENV_ARGS = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);

/** One word BuildKit expands, and the variables it reads that the stage does not define. */
export interface ExpandedUse {
  instruction: Instruction;
  word: string;
  value: string;
  undefinedNames: string[];
  /** BuildKit reports this word's undefined variables (UndefinedVar); EXPOSE expands its ports without reporting. */
  reports: boolean;
  /** When a variable is undefined: the names the stage's environment has at this word, in the order they were set (BuildKit's hint candidates). */
  known: string[];
  /** The base image's ENV names are known (scratch, or an official image): undefined means undefined, as for BuildKit. */
  baseKnown: boolean;
}

const USES = new WeakMap<DockerfileModel, Map<Stage, ExpandedUse[]>>();

/** Every word each stage's instructions expand, in order (computed once per model, shared by the rules). */
export function stageUses(model: DockerfileModel, stage: Stage): ExpandedUse[] {
  let byStage = USES.get(model);
  if (!byStage) USES.set(model, (byStage = new Map()));
  let uses = byStage.get(stage);
  if (!uses) {
    const list: ExpandedUse[] = [];
    StageVars.walk(model, stage, (use) => list.push(use));
    byStage.set(stage, (uses = list));
  }
  return uses;
}

export class StageVars {
  /** ENV values and ARGs that have a value, in the order they were set, after the base image's ENV (values unknown). */
  readonly values = new Map<string, string>([['PATH', DEFAULT_PATH]]);
  /** Every ARG declared so far, with or without a value: BuildKit never reports those. */
  readonly args = new Set<string>();
  readonly baseKnown: boolean;

  constructor(private readonly model: DockerfileModel, chainRoot: Stage, private readonly globals = globalArgValues(model)) {
    const env = chainRoot.image.toLowerCase() === 'scratch' ? [] : officialImageEnv(chainRoot.image);
    this.baseKnown = env !== null;
    for (const name of env ?? []) this.values.set(name, UNKNOWN_VALUE);
  }

  /** Walks `stage` after its ancestors, calling `use` for each word an instruction of `stage` expands, before it applies. */
  static walk(model: DockerfileModel, stage: Stage, use: (use: ExpandedUse) => void): void {
    const chain = stageChain(stage).reverse();
    const vars = new StageVars(model, chain[0]);
    for (const s of chain) {
      for (const instruction of s.instructions) {
        if (s === stage) vars.apply(instruction, use);
        else if (instruction instanceof Arg || instruction.getKeyword() === 'ENV') vars.apply(instruction);
      }
    }
  }

  expand(instruction: Instruction, word: string, reports = true, raw = false): ExpandedUse {
    // nothing to expand or unquote (the common case, and a 64 KB line of words stays cheap)
    if (!/[$'"\\`]/.test(word)) return { instruction, word, value: word, undefinedNames: [], reports, known: [], baseKnown: this.baseKnown };
    const escape = raw ? '\\' : this.model.dockerfile.getEscapeCharacter();
    const { value, unmatched } = expandWord(word, (name) => this.values.get(name), escape, !raw);
    const undefinedNames = [...unmatched].filter((n) => !this.args.has(n) && !NON_ENV_ARGS.has(n));
    const known = undefinedNames.length ? [...this.values.keys()] : [];
    return { instruction, word, value, undefinedNames, reports, known, baseKnown: this.baseKnown };
  }

  private apply(instruction: Instruction, use?: (u: ExpandedUse) => void): void {
    const keyword = instruction.getKeyword();
    if (instruction instanceof Arg) {
      // each ARG in turn: ARG A=1 B=$A reads the A just declared
      for (const arg of instruction.getArguments().map((a) => a.getValue())) {
        const eq = arg.indexOf('=');
        const name = eq === -1 ? arg : arg.slice(0, eq);
        let value: string | undefined;
        if (eq === -1) {
          value = this.globals.get(name);
        } else {
          const expanded = this.expand(instruction, arg.slice(eq + 1));
          use?.(expanded);
          value = expanded.value;
        }
        if (value !== undefined && !NON_ENV_ARGS.has(name)) this.values.set(name, value);
        this.args.add(name);
      }
      return;
    }
    // only ENV, WORKDIR and EXPOSE values are needed later; other instructions matter only when they use a variable
    if (!['ENV', 'WORKDIR', 'EXPOSE'].includes(keyword) && !instruction.getTextContent().includes('$')) return;
    const words = expandedWords(instruction, this.model.lines);
    const expanded = words.map((w) => this.expand(instruction, w.text, keyword !== 'EXPOSE', w.raw));
    if (use) expanded.forEach(use);
    if (keyword === 'ENV') {
      // ENV expands every pair with the environment before the instruction, then sets them all
      for (const e of expanded) {
        const eq = e.value.indexOf('=');
        if (eq > 0) this.values.set(e.value.slice(0, eq), e.value.slice(eq + 1));
      }
      const args = instruction.getArguments();
      if (args.length >= 2 && !args[0].getValue().includes('=')) {
        this.values.set(args[0].getValue(), expanded.slice(1).map((e) => e.value).join(' ')); // legacy ENV key value
      }
    }
  }
}

/** A word BuildKit expands; a COPY/ADD heredoc body is expanded raw: quotes literal, backslash the escape. */
interface Word {
  text: string;
  raw?: boolean;
}

/** The words of an instruction BuildKit expands (instructions/commands.go Expand, dispatchExpose): not RUN's command, CMD, ENTRYPOINT, ... */
function expandedWords(instruction: Instruction, lines: string[]): Word[] {
  const flags = instruction instanceof ModifiableInstruction ? instruction.getFlags() : [];
  const flag = (name: string): Word[] => flags.filter((f) => f.getName() === name).map((f) => ({ text: f.getValue() ?? '' }));
  const args = (before = Infinity): Word[] =>
    instruction.getArguments().filter((a) => a.getRange().start.line < before).map((a) => ({ text: a.getValue() }));
  switch (instruction.getKeyword()) {
    case 'ENV':
    case 'LABEL':
    case 'WORKDIR':
    case 'USER':
    case 'VOLUME':
    case 'STOPSIGNAL':
    case 'EXPOSE':
      return args();
    case 'COPY':
    case 'ADD': {
      const { sources, bodies } = heredocBodies(instruction, lines);
      const own = instruction.getKeyword() === 'ADD' ? [...flag('chown'), ...flag('chmod'), ...flag('checksum')] : [...flag('chown'), ...flag('chmod')];
      return [...own, ...args(sources), ...bodies];
    }
    case 'RUN':
      return flag('mount');
    default:
      return [];
  }
}

/** Where a COPY/ADD's heredoc bodies start, and the bodies BuildKit expands: those whose delimiter is not quoted. */
function heredocBodies(instruction: Instruction, lines: string[]): { sources: number; bodies: Word[] } {
  // dockerfile-ast reads heredocs for ADD too, but only Copy exposes them
  const heredocs = (instruction as unknown as { getHeredocs(): Heredoc[] }).getHeredocs();
  let sources = Infinity;
  const bodies: Word[] = [];
  for (const heredoc of heredocs) {
    const body = heredoc.getContentRange();
    const first = (body ?? heredoc.getDelimiterRange())?.start.line;
    if (first !== undefined) sources = Math.min(sources, first);
    const name = heredoc.getNameRange();
    const quoted = /["']/.test(lines[name.start.line]?.[name.start.character - 1] ?? '');
    if (body && !quoted) bodies.push({ text: lines.slice(body.start.line, body.end.line + 1).join('\n'), raw: true });
  }
  return { sources, bodies };
}

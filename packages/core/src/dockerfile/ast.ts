// The instruction classes of dockerfile-ast that rules test with instanceof. Only this folder imports
// dockerfile-ast, so the parser can change in one place.
export {
  Arg, Copy, DefaultVariables, Env, From, Instruction, JSONInstruction, Keyword, ModifiableInstruction,
  PropertyInstruction, Run,
} from 'dockerfile-ast';
export type { Dockerfile, Heredoc } from 'dockerfile-ast';

// The part of node-plop's API the pack uses (@turbo/gen's PlopTypes.NodePlopAPI has it), declared here
// so the published types need neither plop nor @turbo/gen.

export interface Prompt {
  type: string;
  name: string;
  message: string;
  default?: unknown;
  choices?: Array<string | { name: string; value: string }>;
  when?: boolean;
  validate?: (value: string) => true | string;
  /** node-plop: turns a `--args` value into the answer. */
  bypass?: (value: string) => unknown;
}

export interface PlopApi {
  setActionType(name: string, fn: (answers: Record<string, any>, config: unknown, plop: PlopApi) => string | Promise<string>): void;
  setGenerator(name: string, config: { description: string; prompts: Prompt[]; actions: Array<Record<string, unknown>> }): unknown;
  getDestBasePath(): string;
}

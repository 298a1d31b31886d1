// Runs the plop pack under the real node-plop, in a process of its own: node-plop is ESM, which jest
// (before Node 24.9) cannot load. Input: one JSON argument { root, args }; output: one JSON line.
import { dockerMsPlopPack, GENERATOR_NAME } from '../plop/pack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodePlop = require('node-plop').default as (file: string, cfg: object) => Promise<any>;

async function main(): Promise<void> {
  const { root, args } = JSON.parse(process.argv[2]) as { root: string; args: string[] };
  const plop = await nodePlop('', { destBasePath: root, force: false });
  dockerMsPlopPack(plop);
  const generator = plop.getGenerator(GENERATOR_NAME);
  const out: Record<string, unknown> = {
    generators: plop.getGeneratorList().map((g: { name: string }) => g.name),
    actionTypes: plop.getActionTypeList(),
    prompts: generator.prompts.map((p: { name: string; type: string; choices?: Array<{ value: string }> }) => ({
      name: p.name,
      type: p.type,
      choices: p.choices?.map((c) => c.value),
    })),
  };
  try {
    out.answers = await generator.runPrompts(args);
  } catch (error) {
    out.promptError = (error as Error).message;
    process.stdout.write(JSON.stringify(out) + '\n');
    return;
  }
  // What turbo gen adds to the answers (its paths.workspace points at the pack, not the user's package).
  const turbo = { paths: { root, cwd: root, workspace: '/elsewhere/node_modules/@docker-ms/turbo' } };
  const result = await generator.runActions({ ...(out.answers as object), turbo });
  out.changes = result.changes;
  out.failures = result.failures.map((f: { type: string; error: unknown }) => ({ type: f.type, error: String(f.error) }));
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});

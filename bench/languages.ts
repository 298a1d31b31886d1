// P1–P3 per app, each its own build context: node on examples/node-api; python (pip, Poetry, uv), go,
// rust, java and node with a native add-on on the real-deps e2e apps, which install real dependency
// trees from their registries.
import fs from 'node:fs';
import path from 'node:path';
import { generateDockerfile } from '../packages/core/src/render';
import type { DockerfileOptions } from '../packages/core/src/options';
import { listStages } from '../packages/core/src/dockerfile';
import { TOOL_VERSIONS } from '../packages/core/src/catalog';
import { REPO_ROOT, log } from '../e2e/support/env';
import { addedBytes, dockerBuild, imageBytes, type Step } from './docker';

export const LANGUAGES = ['node', 'python', 'go', 'rust', 'java'] as const;
type Lang = (typeof LANGUAGES)[number];

export interface LanguageResult {
  language: Lang;
  /** The measured app (several per language for python's package managers). */
  app: string;
  imageBytes: number;
  runtimeBaseBytes: number;
  runtimeRef: string;
  addedBytes: number;
  oneStageBytes: number;
  coldSeconds: number;
  rebuildSeconds: number;
  editedFile: string;
  /** Dependency-install steps of our Dockerfile and whether the rebuild took them from the cache. */
  installSteps: Step[];
}

/** The apps measured, with their folder under the repository. */
export const APPS: { language: Lang; app: string; dir: string }[] = [
  { language: 'node', app: 'node', dir: 'examples/node-api' },
  ...['python-pip', 'python-poetry', 'python-uv', 'go', 'rust', 'java', 'node-native'].map((app) => ({
    language: app.split('-')[0] as Lang,
    app,
    dir: `e2e/fixtures/real-deps/${app}`,
  })),
];

/** The dependency-install step of each template. */
const INSTALL_STEP: Record<Lang, RegExp> = {
  node: /RUN .*(npm ci|npm install|pnpm install|yarn install|bun install)/,
  python: /RUN .*(pip install -r|poetry install|uv sync)/,
  go: /RUN .*go mod download/,
  rust: /^\[deps .*RUN .*cargo build/,
  java: /RUN .*dependency:go-offline/,
};

/** One-stage install commands of the python package managers (same tool versions as the template). */
const PYTHON_ONE_STAGE: Record<string, string> = {
  'python-pip': 'pip install --no-cache-dir -r requirements.txt',
  'python-poetry': `pip install --no-cache-dir poetry==${TOOL_VERSIONS.poetry} && POETRY_VIRTUALENVS_CREATE=false poetry install --only main --no-root`,
  'python-uv': `pip install --no-cache-dir uv==${TOOL_VERSIONS.uv} && uv sync --locked --no-dev`,
};

/** One-stage baseline: builder image, sources copied in, built in place (e2e/baselines), on our build image. */
function oneStage(language: Lang, app: string, buildImage: string, options: DockerfileOptions): string {
  if (language === 'node') {
    // a native add-on compiles in the one image too: the same compilers and headers setting as our base stage
    const tools = options.language === 'node' && options.nativeBuildTools
      ? 'RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*\nENV npm_config_nodedir=/usr/local\n'
      : '';
    const build = options.buildCommand ? ` && ${options.buildCommand}` : '';
    return `FROM ${buildImage}\n${tools}WORKDIR /app\nCOPY . .\nRUN npm ci${build}\nUSER node\nCMD ["node", "${options.buildCommand ? 'dist/main.js' : 'index.js'}"]\n`;
  }
  const text = fs.readFileSync(path.join(REPO_ROOT, 'e2e/baselines', language, 'Dockerfile'), 'utf8');
  const install = PYTHON_ONE_STAGE[app];
  return text.replace(/^FROM \S+/m, `FROM ${buildImage}`).replace(/^RUN pip install .*$/m, (line) => (install ? `RUN ${install}` : line));
}

function sourceToEdit(root: string, language: Lang): string {
  const candidates: Record<Lang, string[]> = {
    node: ['src/main.ts', 'index.js'],
    python: ['main.py'],
    go: ['main.go'],
    rust: ['src/main.rs'],
    java: [],
  };
  const found = candidates[language].find((f) => fs.existsSync(path.join(root, f)));
  if (found) return found;
  const walk = (dir: string): string | undefined => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) {
        const r = walk(rel);
        if (r) return r;
      } else if (/\.(java|kt)$/.test(e.name)) return rel;
    }
    return undefined;
  };
  const any = walk('src');
  if (!any) throw new Error(`bench: no source file to edit in ${root}`);
  return any;
}

export async function measureLanguage(measured: (typeof APPS)[number], workDir: string): Promise<LanguageResult> {
  const { language, app: name } = measured;
  const app = path.join(workDir, name);
  fs.rmSync(app, { recursive: true, force: true });
  const skip = new Set(['node_modules', 'dist', 'target', 'Dockerfile', '.dockerignore']);
  fs.cpSync(path.join(REPO_ROOT, measured.dir), app, { recursive: true, filter: (src) => !skip.has(path.basename(src)) });
  const generated = generateDockerfile({ workspaceRoot: app, projectRoot: '.' });
  fs.writeFileSync(path.join(app, 'Dockerfile'), generated.dockerfile);
  fs.writeFileSync(path.join(app, '.dockerignore'), generated.dockerignore);
  const stages = listStages(generated.dockerfile);
  const buildImage = stages[0].image;
  const runtimeRef = stages.at(-1)!.image;
  fs.writeFileSync(path.join(app, 'Dockerfile.one-stage'), oneStage(language, name, buildImage, generated.options));

  const tag = `docker-ms-bench/${name}`;
  log(`bench ${name}: one-stage baseline`);
  await dockerBuild({ context: app, file: path.join(app, 'Dockerfile.one-stage'), tag: `${tag}:one-stage` });
  log(`bench ${name}: cold build (--no-cache)`);
  const cold = await dockerBuild({ context: app, tag: `${tag}:latest`, noCache: true });
  const editedFile = sourceToEdit(app, language);
  const file = path.join(app, editedFile);
  const original = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, `${original}\n// bench edit ${Date.now()}\n`.replace(/\/\/ bench/, language === 'python' ? '# bench' : '// bench'));
  log(`bench ${name}: rebuild after editing ${editedFile}`);
  const warm = await dockerBuild({ context: app, tag: `${tag}:edited` });
  fs.writeFileSync(file, original);
  const pattern = INSTALL_STEP[language];
  return {
    language,
    app: name,
    imageBytes: imageBytes(`${tag}:latest`),
    runtimeBaseBytes: imageBytes(runtimeRef),
    runtimeRef,
    addedBytes: addedBytes(`${tag}:latest`, runtimeRef),
    oneStageBytes: imageBytes(`${tag}:one-stage`),
    coldSeconds: cold.seconds,
    rebuildSeconds: warm.seconds,
    editedFile,
    installSteps: warm.steps.filter((s) => pattern.test(s.title)),
  };
}

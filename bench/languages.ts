// P1–P3 per language, on the bundled examples (each app its own build context).
import fs from 'node:fs';
import path from 'node:path';
import { generateDockerfile } from '../packages/core/src/render';
import { listStages } from '../packages/core/src/dockerfile';
import { REPO_ROOT, log } from '../e2e/support/env';
import { addedBytes, dockerBuild, imageBytes, type Step } from './docker';

export const LANGUAGES = ['node', 'python', 'go', 'rust', 'java'] as const;
type Lang = (typeof LANGUAGES)[number];

export interface LanguageResult {
  language: Lang;
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

/** The dependency-install step of each template (java has none: maven resolves inside its build step). */
const INSTALL_STEP: Record<Lang, RegExp | null> = {
  node: /RUN .*(npm ci|npm install|pnpm install|yarn install|bun install)/,
  python: /RUN .*(pip install -r|poetry install|uv sync)/,
  go: /RUN .*go mod download/,
  rust: /^\[deps .*RUN .*cargo build/,
  java: null,
};

/** One-stage baseline: builder image, sources copied in, built in place (e2e/baselines), on our build image. */
function oneStage(language: Lang, buildImage: string): string {
  if (language === 'node') {
    return `FROM ${buildImage}\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nUSER node\nCMD ["node", "dist/main.js"]\n`;
  }
  const text = fs.readFileSync(path.join(REPO_ROOT, 'e2e/baselines', language, 'Dockerfile'), 'utf8');
  return text.replace(/^FROM \S+/m, `FROM ${buildImage}`);
}

function sourceToEdit(root: string, language: Lang): string {
  const candidates: Record<Lang, string[]> = {
    node: ['src/main.ts'],
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

export async function measureLanguage(language: Lang, workDir: string): Promise<LanguageResult> {
  const app = path.join(workDir, language);
  fs.rmSync(app, { recursive: true, force: true });
  const skip = new Set(['node_modules', 'dist', 'target', 'Dockerfile', '.dockerignore']);
  fs.cpSync(path.join(REPO_ROOT, 'examples', `${language}-api`), app, { recursive: true, filter: (src) => !skip.has(path.basename(src)) });
  const generated = generateDockerfile({ workspaceRoot: app, projectRoot: '.' });
  fs.writeFileSync(path.join(app, 'Dockerfile'), generated.dockerfile);
  fs.writeFileSync(path.join(app, '.dockerignore'), generated.dockerignore);
  const stages = listStages(generated.dockerfile);
  const buildImage = stages[0].image;
  const runtimeRef = stages.at(-1)!.image;
  fs.writeFileSync(path.join(app, 'Dockerfile.one-stage'), oneStage(language, buildImage));

  const tag = `docker-ms-bench/${language}`;
  log(`bench ${language}: one-stage baseline`);
  await dockerBuild({ context: app, file: path.join(app, 'Dockerfile.one-stage'), tag: `${tag}:one-stage` });
  log(`bench ${language}: cold build (--no-cache)`);
  const cold = await dockerBuild({ context: app, tag: `${tag}:latest`, noCache: true });
  const editedFile = sourceToEdit(app, language);
  const file = path.join(app, editedFile);
  const original = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, `${original}\n// bench edit ${Date.now()}\n`.replace(/\/\/ bench/, language === 'python' ? '# bench' : '// bench'));
  log(`bench ${language}: rebuild after editing ${editedFile}`);
  const warm = await dockerBuild({ context: app, tag: `${tag}:edited` });
  fs.writeFileSync(file, original);
  const pattern = INSTALL_STEP[language];
  return {
    language,
    imageBytes: imageBytes(`${tag}:latest`),
    runtimeBaseBytes: imageBytes(runtimeRef),
    runtimeRef,
    addedBytes: addedBytes(`${tag}:latest`, runtimeRef),
    oneStageBytes: imageBytes(`${tag}:one-stage`),
    coldSeconds: cold.seconds,
    rebuildSeconds: warm.seconds,
    editedFile,
    installSteps: pattern ? warm.steps.filter((s) => pattern.test(s.title)) : [],
  };
}

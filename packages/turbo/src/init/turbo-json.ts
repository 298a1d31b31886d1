import fs from 'node:fs';
import path from 'node:path';
import { applyEdits, modify, parse, type ParseError } from 'jsonc-parser';
import { SECRET_ENV_VARS } from '@docker-ms/core';
import type { FileChange } from '../dockerfile/changes';
import { writeWorkspaceFile } from '../workspace/write-file';

export const DOCKER_BUILD_TASK = 'docker-build';

/**
 * The task `init` adds. Not cached by turbo: a hit would replay the logs without an image (removed, or never on
 * this machine). `docker-ms build` skips unchanged images itself, keyed on a label of the image (docs/ship.md).
 * Strict env mode passes only listed variables to the script, so the engine's own and the
 * registry/remote-cache credentials that builds read are passed through (never hashed).
 */
export const dockerBuildTask = {
  dependsOn: ['^build'],
  cache: false,
  passThroughEnv: [
    'DOCKER_*',
    'BUILDKIT_*',
    'BUILDX_*',
    'BUILDAH_*',
    'CONTAINERS_*',
    'REGISTRY_AUTH_FILE',
    'XDG_RUNTIME_DIR',
    'SSH_AUTH_SOCK',
    'NODE_AUTH_TOKEN',
    'TURBO_TOKEN',
    'TURBO_TEAM',
    // what docker-ms build reads for its default build secrets (NPM_TOKEN, NPM_CONFIG_USERCONFIG, NETRC, …)
    ...SECRET_ENV_VARS,
  ],
};

export const TURBO_JSON_NAMES = ['turbo.json', 'turbo.jsonc'];

export function findTurboJson(root: string): string | null {
  return TURBO_JSON_NAMES.find((n) => fs.existsSync(path.join(root, n))) ?? null;
}

function indentation(text: string): { insertSpaces: boolean; tabSize: number } {
  const m = text.match(/\n([ \t]+)"/);
  if (m?.[1].startsWith('\t')) return { insertSpaces: false, tabSize: 1 };
  return { insertSpaces: true, tabSize: m ? m[1].length : 2 };
}

/** Adds the docker-build task to the root turbo.json, keeping comments and layout; an existing one is the user's. */
export function ensureDockerBuildTask(root: string, name: string): FileChange {
  const file = path.join(root, name);
  const text = fs.readFileSync(file, 'utf8');
  const errors: ParseError[] = [];
  const config = parse(text, errors, { allowTrailingComma: true }) as Record<string, any> | undefined;
  if (errors.length || !config || typeof config !== 'object') {
    return { path: name, status: 'skipped', note: `could not parse it; add a "${DOCKER_BUILD_TASK}" task by hand` };
  }
  // turbo 1.x called the task map "pipeline"
  const key = config.tasks === undefined && config.pipeline !== undefined ? 'pipeline' : 'tasks';
  const present = config[key]?.[DOCKER_BUILD_TASK];
  if (present !== undefined) {
    const same = JSON.stringify(present) === JSON.stringify(dockerBuildTask);
    return same ? { path: name, status: 'unchanged' } : { path: name, status: 'skipped', note: `keeps its own "${DOCKER_BUILD_TASK}" task` };
  }
  const edits = modify(text, [key, DOCKER_BUILD_TASK], dockerBuildTask, { formattingOptions: { ...indentation(text), eol: text.includes('\r\n') ? '\r\n' : '\n' } });
  writeWorkspaceFile(root, name, applyEdits(text, edits));
  return { path: name, status: 'updated', note: `task ${DOCKER_BUILD_TASK}` };
}

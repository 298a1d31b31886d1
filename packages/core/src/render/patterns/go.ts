import type { OptionsFor } from '../../options';
import { OptionsError } from '../../options/errors';
import { baseTemplateData, healthcheckCommand, joinPath, splitCommand, type BaseTemplateData } from '../template-data';
import { binaryName } from './binary';

export interface GoTemplateData extends BaseTemplateData {
  /** Package to build, as go build wants it ("./cmd/api", "."); in a workspace, relative to the context root. */
  pkg: string;
  bin: string;
  /** Workspace mode: the go.work file and the folders of its modules (context-relative), each COPY destination. */
  work: { file: string; dir: string; modules: string[] } | null;
}

function goWorkspace(o: OptionsFor<'go'>): GoTemplateData['work'] {
  if (!o.workspaceManifests) return null;
  const file = o.workspaceManifests.find((p) => /(^|\/)go\.work$/.test(p))!;
  const folder = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '.');
  const modules = o.workspaceManifests.filter((p) => p !== file).map(folder);
  return { file, dir: folder(file), modules: [...new Set(modules)].sort() };
}

export function goTemplateData(o: OptionsFor<'go'>): GoTemplateData {
  const base = baseTemplateData(o);
  const entry = (o.entry ?? '.').replace(/\/+$/, '') || '.';
  if (!/^[\w./-]+$/.test(entry) || entry.split('/').includes('..')) {
    throw new OptionsError([`entry: must be the package to build, such as "./cmd/api" or "." (got "${o.entry}")`]);
  }
  const inProject = entry === '.' || entry.startsWith('./') ? entry : `./${entry.replace(/^\/+/, '')}`;
  const bin = binaryName(inProject === '.' ? o.projectRoot : inProject);
  const work = goWorkspace(o);
  // in a workspace the whole context keeps its layout, so the package is named from the context root
  const pkg = work ? `./${joinPath(o.projectRoot, inProject)}`.replace(/^\.\/\.$/, '.') : inProject;
  const binPath = `/usr/local/bin/${bin}`;
  const entrypoint = o.startCommand ? splitCommand(o.startCommand) : [binPath];
  return { ...base, pkg, bin, work, healthcheck: healthcheckCommand(o, null), entrypoint, cmd: null };
}

import type { OptionsFor } from '../../options';
import { OptionsError } from '../../options/errors';
import { baseTemplateData, healthcheckCommand, splitCommand, type BaseTemplateData } from '../template-data';
import { binaryName } from './binary';

export interface GoTemplateData extends BaseTemplateData {
  /** Package to build, as go build wants it ("./cmd/api", "."). */
  pkg: string;
  bin: string;
}

export function goTemplateData(o: OptionsFor<'go'>): GoTemplateData {
  const base = baseTemplateData(o);
  const entry = (o.entry ?? '.').replace(/\/+$/, '') || '.';
  if (!/^[\w./-]+$/.test(entry) || entry.split('/').includes('..')) {
    throw new OptionsError([`entry: must be the package to build, such as "./cmd/api" or "." (got "${o.entry}")`]);
  }
  const pkg = entry === '.' || entry.startsWith('./') ? entry : `./${entry.replace(/^\/+/, '')}`;
  const bin = binaryName(pkg === '.' ? o.projectRoot : pkg);
  const binPath = `/usr/local/bin/${bin}`;
  const entrypoint = o.startCommand ? splitCommand(o.startCommand) : [binPath];
  return { ...base, pkg, bin, healthcheck: healthcheckCommand(o, null), entrypoint, cmd: null };
}

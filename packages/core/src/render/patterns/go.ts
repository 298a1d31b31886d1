import type { OptionsFor } from '../../options';
import { OptionsError } from '../../options/errors';
import { baseContext, healthcheckCommand, splitCommand, type BaseContext } from '../template-data';
import { binaryName } from './binary';

export interface GoContext extends BaseContext {
  /** Package to build, as go build wants it ("./cmd/api", "."). */
  pkg: string;
  bin: string;
}

export function goContext(o: OptionsFor<'go'>): GoContext {
  const base = baseContext(o);
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

import type { OptionsFor } from '../../options';
import { baseContext, healthcheckCommand, splitCommand, type BaseContext } from '../context';
import { binaryName } from './binary';

export interface GoContext extends BaseContext {
  /** Package to build, as go build wants it ("./cmd/api", "."). */
  pkg: string;
  bin: string;
}

export function goContext(o: OptionsFor<'go'>): GoContext {
  const base = baseContext(o);
  const entry = (o.entry ?? '.').replace(/\/+$/, '') || '.';
  const pkg = entry === '.' || entry.startsWith('./') ? entry : `./${entry.replace(/^\/+/, '')}`;
  const bin = binaryName(pkg === '.' ? o.projectRoot : pkg);
  const binPath = `/usr/local/bin/${bin}`;
  const entrypoint = o.startCommand ? splitCommand(o.startCommand) : [binPath];
  return { ...base, pkg, bin, healthcheck: healthcheckCommand(o, null), entrypoint, cmd: null };
}

import type { OptionsFor } from '../../options';
import { OptionsError } from '../../options/errors';
import { baseTemplateData, healthcheckCommand, splitCommand, type BaseTemplateData } from '../template-data';

export interface RustTemplateData extends BaseTemplateData {
  bin: string;
  /** cargo --target flag ('' for the host target) and the folder its release binaries land in. */
  targetFlag: string;
  releaseDir: string;
}

export function rustTemplateData(o: OptionsFor<'rust'>): RustTemplateData {
  const base = baseTemplateData(o);
  if (!o.entry) {
    throw new OptionsError(['entry: rust needs the binary to ship: the [[bin]] name or the package name from Cargo.toml (got nothing)']);
  }
  if (!/^[A-Za-z0-9_-]+$/.test(o.entry)) {
    throw new OptionsError([`entry: must be a cargo binary name (letters, digits, "_" and "-") (got "${o.entry}")`]);
  }
  // musl: a static binary for scratch; the explicit target makes that visible in the file
  const musl = o.variant === 'musl';
  const targetFlag = musl ? ' --target "$(uname -m)-unknown-linux-musl"' : '';
  const releaseDir = musl ? 'target/"$(uname -m)-unknown-linux-musl"/release' : 'target/release';
  const entrypoint = o.startCommand ? splitCommand(o.startCommand) : [`/usr/local/bin/${o.entry}`];
  return { ...base, bin: o.entry, targetFlag, releaseDir, healthcheck: healthcheckCommand(o, null), entrypoint, cmd: null };
}

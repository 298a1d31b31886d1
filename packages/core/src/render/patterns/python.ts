import { TOOL_VERSIONS } from '../../catalog';
import type { OptionsFor } from '../../options';
import { OptionsError } from '../../options/errors';
import type { SecretId } from '../../secrets';
import { baseTemplateData, healthcheckCommand, splitCommand, type BaseTemplateData } from '../template-data';

export interface PythonTemplateData extends BaseTemplateData {
  toolVersion: string | null;
  /** Secrets of the steps that run pip: its config file, an index URL with credentials, a .netrc. */
  pipSecrets: SecretId[];
}

export function pythonTemplateData(o: OptionsFor<'python'>): PythonTemplateData {
  const base = baseTemplateData(o);
  if (base.runtime.flavor === 'distroless' || base.runtime.flavor === 'scratch') {
    // The venv links to the builder's /usr/local/bin/python3; distroless python has only Debian's
    // /usr/bin/python3.x as its ENTRYPOINT (so CMD ["python", …] would run "python3 python …").
    throw new OptionsError([
      `baseRuntime: "${base.runtime.ref}" has no /usr/local/bin/python3 for the venv built on "${base.build.ref}"; ` +
        'use a python:<version>-slim runtime (the default), or drop --base-runtime',
    ]);
  }
  // python -c <code> <url>: the URL arrives as sys.argv[1]
  const probe = ['python', '-c', 'import sys, urllib.request; sys.exit(0 if urllib.request.urlopen(sys.argv[1], timeout=4).status < 400 else 1)'];
  const entry = o.entry ?? 'main.py';
  let entrypoint: string[] | null = null;
  let cmd: string[] | null = null;
  if (o.startCommand) entrypoint = splitCommand(o.startCommand);
  else cmd = pythonCommand(entry);
  const toolVersion = o.packageManager === 'pip' ? null : TOOL_VERSIONS[o.packageManager];
  return { ...base, toolVersion, pipSecrets: ['pip_conf', 'pip_index_url', 'netrc'], healthcheck: healthcheckCommand(o, probe), entrypoint, cmd };
}

/** A .py file runs as a script, "pkg.mod:func" (a console-script reference) calls the function, anything else runs as a module. */
function pythonCommand(entry: string): string[] {
  if (entry.endsWith('.py')) return ['python', entry];
  const ref = /^([A-Za-z_][\w.]*):([A-Za-z_][\w]*)$/.exec(entry);
  if (ref) return ['python', '-c', `import sys; from ${ref[1]} import ${ref[2]}; sys.exit(${ref[2]}())`];
  return ['python', '-m', entry];
}

/**
 * Packages of a lockfile that run install scripts (native add-ons compiled by node-gyp and the like): the build
 * stages then need python3, make and g++. npm records `hasInstallScript`, pnpm before v9 `requiresBuild`; pnpm 9 and
 * Yarn record neither, so there a package counts when it depends on one of the helpers such builds run.
 */
const BUILD_HELPERS = ['node-gyp', 'node-gyp-build', 'prebuild-install', 'node-pre-gyp', '@mapbox/node-pre-gyp', 'node-addon-api', 'nan'];
const HELPER_LINE = new RegExp(`^\\s+["']?(?:${BUILD_HELPERS.map((h) => h.replace(/[/.]/g, '\\$&')).join('|')})["']?(?:@[^:\\s]*)?:?\\s`);

/** `bcrypt@5.1.1`, `"@scope/x@npm:1.0.0"`, `/bcrypt@5.1.1(peer)`, `a@^1, a@^2` → the package name. */
function entryName(key: string): string {
  const first = key.trim().replace(/:$/, '').split(/,\s*/)[0].replace(/^["']|["']$/g, '').replace(/^\//, '');
  const at = first.indexOf('@', 1);
  return at === -1 ? first : first.slice(0, at);
}

/** `@esbuild/linux-x64`, `@swc/core-linux-x64-gnu`, `@nx/nx-darwin-arm64`: a package built for one platform. */
const PLATFORM_PACKAGE = /(^|[-/])(linux|darwin|win32|freebsd|android|sunos|aix|openbsd)([-/]|$)/;

/**
 * A package that ships its binaries prebuilt, one optional dependency per platform (esbuild, @swc/core, nx,
 * turbo, sharp 0.33+): its install script picks or checks a binary and compiles nothing.
 */
function shipsPrebuilt(entry: { optionalDependencies?: Record<string, string> }): boolean {
  return Object.keys(entry.optionalDependencies ?? {}).filter((name) => PLATFORM_PACKAGE.test(name)).length >= 2;
}

function npmPackages(text: string): string[] {
  try {
    const lock = JSON.parse(text) as { packages?: Record<string, { hasInstallScript?: boolean; optionalDependencies?: Record<string, string> }> };
    return Object.entries(lock.packages ?? {})
      .filter(([path, entry]) => path !== '' && entry?.hasInstallScript === true && !shipsPrebuilt(entry))
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
  } catch {
    return [];
  }
}

/**
 * Entries of a YAML-shaped lockfile that request a build: yarn.lock (v1 and Berry) entries sit at column 0,
 * pnpm-lock.yaml's at column 2 of its `packages:` and `snapshots:` sections (not `importers:`, the workspace's own).
 */
function entryPackages(text: string, entryIndent: number, sections: string[] | null): string[] {
  const found = new Set<string>();
  // per entry, the per-platform packages it depends on: two or more mean it ships prebuilt (see shipsPrebuilt)
  const platformDeps = new Map<string, Set<string>>();
  let current: string | null = null;
  let inSection = sections === null;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (sections && indent === 0) inSection = sections.includes(line.trim().replace(/:.*$/, ''));
    if (!inSection || indent < entryIndent) current = null;
    else if (indent === entryIndent) current = line.trim().endsWith(':') ? entryName(line) : null;
    else if (current && (/^\s+requiresBuild: true\s*$/.test(line) || HELPER_LINE.test(`${line} `))) found.add(current);
    else if (current) {
      const dependency = /^\s+["']?((?:@[^/\s"']+\/)?[^@\s"':]+)/.exec(line)?.[1];
      if (dependency && PLATFORM_PACKAGE.test(dependency)) platformDeps.set(current, (platformDeps.get(current) ?? new Set()).add(dependency));
    }
  }
  for (const helper of BUILD_HELPERS) found.delete(helper);
  return [...found].filter((name) => (platformDeps.get(name)?.size ?? 0) < 2);
}

/** Names of the packages that build at install time, sorted and unique; [] when none or the lockfile is unreadable. */
export function installScriptPackages(lockfile: string, text: string): string[] {
  const names = lockfile === 'package-lock.json' || lockfile === 'npm-shrinkwrap.json'
    ? npmPackages(text)
    : lockfile === 'pnpm-lock.yaml'
      ? entryPackages(text, 2, ['packages', 'snapshots'])
      : lockfile === 'yarn.lock'
        ? entryPackages(text, 0, null)
        : [];
  return [...new Set(names)].sort();
}

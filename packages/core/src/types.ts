// Shared shapes that cross the core's own folders and the adapters (nx, turbo, CLI).

export const LANGUAGES = ['node', 'python', 'go', 'rust', 'java'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where detection reads files: a real folder, an Nx Tree or fixtures. Paths are workspace-relative, '/'-separated. */
export interface FileReader {
  exists(path: string): boolean;
  read(path: string): string | null;
  /** Entries (file and folder names) directly under a folder; [] when absent. Links to folders are left out, so walks never loop. */
  list(dir: string): string[];
  isFile(path: string): boolean;
}

/** A language an adapter knows from its own tooling (an Nx plugin's executor, say), with what said so. */
export interface LanguageHint {
  language: Language;
  because: string;
}

/** Where the app listens, as far as its files make it evident (detect/listen). */
export interface Listen {
  /** Port the app listens on (EXPOSE); null when nothing says. */
  port: number | null;
  /** Environment variable the app reads its port from (PORT, SERVER_PORT…): the image sets it to the port. */
  portEnv: string | null;
  /** Environment variable and value that make the app bind every interface instead of its loopback default (HOST=0.0.0.0). */
  hostEnv: [string, string] | null;
  /** A loopback bind no environment variable changes: the image would not answer from outside. */
  warnings: string[];
}

/**
 * node: the web framework the app is built with, from its dependencies and the framework's own config
 * files (detect/frameworks). `static` apps are built to files and served by a static web server;
 * `server` apps run their start command on Node.
 */
export interface NodeFramework {
  /** 'next', 'nuxt', 'remix', 'react-router', 'astro', 'sveltekit', 'angular', 'vite', 'cra', 'nest', … */
  name: string;
  kind: 'server' | 'static';
  /** package.json script (or command) that builds it; null when the app needs no build. */
  build: string | null;
  /** App-relative folder the build writes (static: the document root; server: what the runtime copies). */
  outputDir: string;
  /** server: argv that starts the built app in the runtime image, relative to the app folder there. */
  start?: string[];
  /** static: serve index.html for unknown paths (client-side routing). */
  spaFallback?: boolean;
  /**
   * server: what the runtime copies from the build stage, app-relative (`from` in the build, `to` in the runtime);
   * default: outputDir to itself. Next.js standalone spreads over three folders.
   */
  copy?: Array<{ from: string; to: string }>;
  /**
   * server: app-relative folders the running server writes (Next.js's image and data cache): created empty and owned by
   * the runtime user; everything else stays read-only to it.
   */
  writable?: string[];
  /** server: false when the output carries its own dependencies (Next.js standalone, Nuxt's .output); default true. */
  nodeModules?: boolean;
  /** server: where the framework's own server listens when the app's code does not say (the image EXPOSEs and sets it). */
  listen?: { port: number; portEnv: string; hostEnv?: [string, string]; why: string };
}

export interface Detection {
  language: Language;
  /** node: the framework, when one is detected (its evidence lines are in `evidence`). */
  framework?: NodeFramework;
  packageManager: string;
  /** node: the package manager's version to install (exact, a range, or the major a lockfile implies). */
  packageManagerVersion?: string;
  /** node: workspace-relative committed Yarn release (yarnPath) that runs the installs. */
  yarnPath?: string;
  /** node: workspace-relative committed `.yarn/plugins` folder (Yarn 2+), copied before the installs. */
  yarnPlugins?: string;
  /** node: workspace-relative tarballs that `file:` dependencies install from, copied before the installs. */
  localTarballs?: string[];
  /** node: workspace-relative lockfile of the package manager; null when there is none (installs are not reproducible). */
  lockfile?: string | null;
  /** node: packages of the lockfile that build at install time (native add-ons): the build stages need python3, make, g++. */
  nativeAddons?: string[];
  runtimeVersion: string | null;
  entry: string | null;
  /** java: the Spring Boot version the build uses (pom.xml parent, BOM or plugin; the Gradle plugin): its jar is layered from 2.4. */
  springBootVersion?: string;
  /**
   * go: the go.work the build runs under (the project is one of its modules, or the go.work folder itself), with
   * workspace paths of every `use`d module and of the ones this app's build reads (itself, what it imports or requires).
   */
  goWork?: { path: string; modules: string[]; needs: string[] };
  /** Command that starts the app when its files name one the entry cannot express (python: `gunicorn app:app`). */
  startCommand?: string[];
  listen: Listen;
  evidence: string[];
}

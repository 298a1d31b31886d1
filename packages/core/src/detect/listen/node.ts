import type { NodeFramework } from '../../types';
import type { ProjectFiles } from '../project-files';
import { ALL_INTERFACES, LOOPBACK, callArgs, lineAt, stripComments, type ListenFacts } from './facts';
import { sourceFiles } from './sources';

export const PORT_ENV = /^(?:PORT|(?:APP|SERVER|HTTP|API|WEB|LISTEN)_PORT)$/;
export const HOST_ENV = /^(?:HOST|(?:APP|SERVER|HTTP|API|WEB|LISTEN|BIND)_(?:HOST|ADDR|ADDRESS)|BIND|ADDRESS)$/;

const ENTRY_FILES = [
  'src/main.ts', 'src/index.ts', 'src/server.ts', 'src/main.js', 'src/index.js', 'src/server.js', 'src/app.ts', 'src/app.js',
  'main.ts', 'index.ts', 'server.ts', 'server.js', 'index.js', 'main.js', 'app.js', 'server.mjs', 'index.mjs', 'main.mjs',
];

const ENV_READ = /\b(?:process\.env|Bun\.env|import\.meta\.env)(?:\.([A-Z][A-Z0-9_]*)|\[\s*['"`]([A-Z][A-Z0-9_]*)['"`]\s*\])/g;
/** `|| 3000`, `?? '3000'`, `: 3000` (the else branch of a ternary) right after the read, before the statement ends. */
const NUMBER_DEFAULT = /^[^;\n,]{0,80}?(?:\|\||\?\?|:)\s*(?:Number\(|parseInt\(|\+)?\s*['"`]?(\d{2,5})\b/;
const STRING_DEFAULT = /^[^;\n,]{0,60}?(?:\|\||\?\?|:)\s*['"`]([^'"`\s]*)['"`]/;

/**
 * Node servers: `process.env.PORT` with or without a default, a `HOST` read with its default, and the
 * `listen(…)`/`serve(…)` calls of http, Express, Koa, Fastify, Nest, Hono and Bun with literal ports and hosts.
 */
export function nodeListen(files: ProjectFiles, facts: ListenFacts, entry: string | null): string[] {
  const sources = sourceFiles(files, ['.ts', '.js', '.mjs', '.cjs', '.mts', '.cts'], entry ? [entry, ...ENTRY_FILES] : ENTRY_FILES);
  for (const { rel, text: raw } of sources) {
    const text = stripComments(raw);
    envReads(rel, text, facts);
    listenCalls(rel, text, facts);
  }
  return sources.map((s) => s.rel);
}

/** A framework that runs its own server (Next.js, Nuxt, …) listens where the framework says, not where app code does. */
export function frameworkListen(framework: NodeFramework, facts: ListenFacts): string[] {
  const l = framework.listen;
  if (!l) return [];
  facts.setPortEnv(framework.name, l.portEnv, l.why);
  facts.setPort(framework.name, l.port, `${l.portEnv} defaults to ${l.port}`);
  if (l.hostEnv) facts.setHostEnv(framework.name, l.hostEnv[0], l.hostEnv[1], `binds ${l.hostEnv[0]}`);
  return [];
}

function envReads(rel: string, text: string, facts: ListenFacts): void {
  for (const m of text.matchAll(ENV_READ)) {
    const name = m[1] ?? m[2];
    const after = text.slice((m.index ?? 0) + m[0].length);
    const at = `line ${lineAt(text, m.index ?? 0)}`;
    if (PORT_ENV.test(name)) {
      const d = NUMBER_DEFAULT.exec(after);
      if (d) {
        facts.setPortEnv(rel, name, `reads ${name} (${at})`);
        facts.setPort(rel, Number(d[1]), `${name} defaults to ${d[1]} (${at})`);
      } else {
        facts.setPortEnvWithoutDefault(rel, name, `reads ${name} (${at})`);
      }
    } else if (HOST_ENV.test(name)) {
      const d = STRING_DEFAULT.exec(after);
      if (d && LOOPBACK.test(d[1])) facts.setHostEnv(rel, name, '0.0.0.0', `binds ${name}, default "${d[1]}" (${at})`);
      else if (d && ALL_INTERFACES.test(d[1])) facts.setAllInterfaces(rel, `binds ${name}, default "${d[1]}" (${at})`);
    }
  }
  // const { PORT = 3000 } = process.env
  for (const m of text.matchAll(/\{([^{}]{0,200})\}\s*=\s*process\.env\b/g)) {
    for (const item of m[1].matchAll(/\b([A-Z][A-Z0-9_]*)\s*(?::\s*\w+\s*)?(?:=\s*['"`]?([^,'"`}\s]+)['"`]?)?/g)) {
      const [, name, value] = item;
      const at = `line ${lineAt(text, m.index ?? 0)}`;
      if (PORT_ENV.test(name)) {
        if (value && /^\d{2,5}$/.test(value)) {
          facts.setPortEnv(rel, name, `reads ${name} (${at})`);
          facts.setPort(rel, Number(value), `${name} defaults to ${value} (${at})`);
        } else facts.setPortEnvWithoutDefault(rel, name, `reads ${name} (${at})`);
      } else if (HOST_ENV.test(name) && value && LOOPBACK.test(value)) {
        facts.setHostEnv(rel, name, '0.0.0.0', `binds ${name}, default "${value}" (${at})`);
      }
    }
  }
}

/** `const port = 3000` / `const host = 'localhost'` somewhere in the file. */
function constant(text: string, name: string): string | null {
  const m = new RegExp(`\\b(?:const|let|var)\\s+${name}\\s*(?::\\s*\\w+\\s*)?=\\s*(?:(\\d{2,5})\\b|['"\`]([^'"\`]*)['"\`]\\s*[;\\n])`).exec(text);
  return m ? (m[1] ?? m[2]) : null;
}

function listenCalls(rel: string, text: string, facts: ListenFacts): void {
  const fastify = /\bfrom\s+['"]fastify['"]|require\(\s*['"]fastify['"]\s*\)/.test(text);
  for (const m of text.matchAll(/(?:\.listen|\bBun\.serve|\bserve)\s*\(/g)) {
    const call = m[0].replace(/\s*\($/, '');
    const args = callArgs(text, (m.index ?? 0) + m[0].length).trim();
    const at = `line ${lineAt(text, m.index ?? 0)}`;
    let port: string | null = null;
    let host: string | null | undefined;
    if (args.startsWith('{')) {
      // listen({ port: 3000, host: '0.0.0.0' }), serve({ fetch, port: 8787 }), Bun.serve({ port, hostname })
      const p = /\bport\s*:\s*(\w+)|\bport\b\s*[,}]/.exec(args);
      port = p ? (p[1] ?? 'port') : null;
      const h = /\b(?:host|hostname)\s*:\s*(?:['"`]([^'"`]*)['"`]|(\w+))|\b(host|hostname)\b\s*[,}]/.exec(args);
      host = h ? (h[1] ?? constant(text, h[2] ?? h[3]) ?? null) : undefined;
      if (!p && call !== '.listen') continue;
    } else {
      const parts = args.split(',').map((s) => s.trim());
      port = parts[0] && /^\w+$/.test(parts[0]) ? parts[0] : null;
      const second = parts[1];
      if (second && /^['"`]/.test(second)) host = second.replace(/^['"`]|['"`]$/g, '');
      else if (second && /^\w+$/.test(second) && !/^\d+$/.test(second)) host = constant(text, second) ?? null;
      else host = undefined;
      if (call !== '.listen') continue; // serve(app) of other libraries: not a socket
    }
    const literal = port && /^\d{2,5}$/.test(port) ? port : port ? constant(text, port) : null;
    if (literal && /^\d{2,5}$/.test(literal)) facts.setPort(rel, Number(literal), `${call}(${port === literal ? literal : `${port} = ${literal}`}) (${at})`);
    if (host && LOOPBACK.test(host)) facts.setLoopback(rel, `${call}(…) binds "${host}" (${at})`);
    else if (host !== undefined && host !== null && ALL_INTERFACES.test(host)) facts.setAllInterfaces(rel, `${call}(…) binds "${host}" (${at})`);
    else if (host === undefined && fastify && call === '.listen') {
      facts.setLoopback(rel, `Fastify's listen(…) without a host binds localhost (${at})`);
    }
  }
}

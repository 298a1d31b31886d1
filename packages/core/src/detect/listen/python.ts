import { dig, isRecord, str, type ProjectFiles } from '../project-files';
import { ALL_INTERFACES, LOOPBACK, callArgs, lineAt, stripComments, type ListenFacts } from './facts';
import { HOST_ENV, PORT_ENV } from './node';
import { sourceFiles } from './sources';

const ENTRY_FILES = ['main.py', 'app.py', 'app/main.py', 'src/main.py', 'server.py', 'wsgi.py', 'asgi.py', 'manage.py', '__main__.py'];

/** ASGI/WSGI servers and framework CLIs a run command may start with. */
const SERVERS = ['uvicorn', 'gunicorn', 'hypercorn', 'flask', 'fastapi', 'daphne', 'waitress-serve', 'granian'];

interface ServerCommand {
  argv: string[];
  source: string;
}

/**
 * The command that serves the app when the project names one: Procfile `web:`, a wrapper package.json's
 * `scripts.start`, or an Nx project's serve/start command (`poetry run`/`uv run`/`pipenv run` dropped).
 */
export function serverCommand(files: ProjectFiles): ServerCommand | null {
  const candidates: ServerCommand[] = [];
  const procfile = files.read('Procfile');
  const web = procfile ? /^web:\s*(.+)$/m.exec(procfile) : null;
  if (web) candidates.push({ argv: words(web[1]), source: 'Procfile web' });
  const pkg = files.readJson(files.path('package.json'));
  for (const script of ['start', 'serve']) {
    const cmd = pkg?.ok ? str(dig(pkg.value, 'scripts', script)) : undefined;
    if (cmd) candidates.push({ argv: words(cmd), source: `package.json scripts.${script}` });
  }
  const project = files.readJson(files.path('project.json'));
  const targets = project?.ok ? dig(project.value, 'targets') : undefined;
  for (const name of ['serve', 'start']) {
    const t = isRecord(targets) ? targets[name] : undefined;
    const cmd = str(dig(t, 'options', 'command')) ?? str(dig(t, 'command'));
    if (cmd) candidates.push({ argv: words(cmd), source: `project.json targets.${name}` });
  }
  for (const c of candidates) {
    const argv = c.argv.slice(c.argv.findIndex((w, i) => i === c.argv.length - 1 || !/^(?:poetry|uv|pipenv|pdm|hatch|rye|run|exec|python3?|-m)$/.test(w)));
    if (argv.length && SERVERS.includes(argv[0])) return { argv, source: c.source };
    if (argv[0]?.endsWith('manage.py') && argv[1] === 'runserver') return { argv: ['python', ...argv], source: c.source };
  }
  return null;
}

/** Whether a dependency is declared (requirements*.txt, pyproject.toml, Pipfile): a plain text look, names only. */
function declares(files: ProjectFiles, name: string): boolean {
  const texts = [...files.list().filter((f) => /^requirements.*\.txt$/.test(f)), 'pyproject.toml', 'Pipfile'].map((f) => files.read(f) ?? '');
  const re = new RegExp(`(?:^|["'\\s])${name}(?:\\[[^\\]]*\\])?\\s*(?:[=<>~!;"',\\]]|$)`, 'mi');
  return texts.some((t) => re.test(t));
}

/**
 * An ASGI/WSGI app that nothing starts: `app = FastAPI()` (or Starlette) with uvicorn declared, or `app = Flask(…)`
 * with gunicorn declared, in the entry file and no run call of its own → the server command its docs deploy with.
 */
export function appServerCommand(files: ProjectFiles, entry: string | null): ServerCommand | null {
  if (!entry?.endsWith('.py')) return null;
  const text = stripComments(files.read(entry) ?? '', true);
  const module = entry.replace(/\.py$/, '').replace(/\//g, '.');
  const asgi = /^(\w+)\s*=\s*(?:FastAPI|Starlette)\(/m.exec(text)?.[1];
  // fastapi[standard] (what FastAPI's docs install) brings uvicorn along
  if (asgi && !/\buvicorn\.run\(/.test(text) && (declares(files, 'uvicorn') || declares(files, 'fastapi\\[[^\\]]*standard[^\\]]*\\]'))) {
    return { argv: ['uvicorn', `${module}:${asgi}`, '--host', '0.0.0.0', '--port', '8000'], source: `${entry} (${asgi} = ASGI app, uvicorn declared)` };
  }
  const wsgi = /^(\w+)\s*=\s*Flask\(/m.exec(text)?.[1];
  if (wsgi && !new RegExp(`\\b${wsgi}\\.run\\(`).test(text) && declares(files, 'gunicorn')) {
    return { argv: ['gunicorn', '--bind', '0.0.0.0:8000', `${module}:${wsgi}`], source: `${entry} (${wsgi} = Flask app, gunicorn declared)` };
  }
  return null;
}

function words(cmd: string): string[] {
  const last = cmd.split(/&&|;/).pop() ?? cmd;
  return last.trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/^["']|["']$/g, ''));
}

function flag(argv: string[], ...names: string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    for (const n of names) {
      if (argv[i] === n) return argv[i + 1] ?? null;
      if (argv[i].startsWith(`${n}=`)) return argv[i].slice(n.length + 1);
    }
  }
  return null;
}

function hostPort(bind: string): { host: string; port: number | null } {
  const m = /^(.*?)(?::(\d+))?$/.exec(bind.replace(/^tcp:\/\//, '')) as RegExpExecArray;
  return { host: m[1], port: m[2] ? Number(m[2]) : null };
}

/** What the run command says: its flags, else the server's own defaults and the environment variables it reads. */
function commandFacts(cmd: ServerCommand, facts: ListenFacts): void {
  const { argv, source } = cmd;
  const shown = `${source} "${argv.join(' ')}"`;
  const tool = argv[0];
  const port = (v: string | null, dflt: number, why: string) => facts.setPort(source, v && /^\d+$/.test(v) ? Number(v) : dflt, v ? `${shown}` : `${shown}: ${why}`);
  if (tool === 'uvicorn' || tool === 'fastapi' || tool === 'hypercorn' || tool === 'daphne' || tool === 'granian') {
    const bind = tool === 'hypercorn' ? flag(argv, '-b', '--bind') : null;
    const host = bind ? hostPort(bind).host : flag(argv, '--host', '-b', '--bind', '--interface');
    const p = bind ? String(hostPort(bind).port ?? '') || null : flag(argv, '--port', '-p');
    const defaultHost = tool === 'fastapi' && argv[1] === 'run' ? '0.0.0.0' : '127.0.0.1';
    port(p, 8000, `${tool} listens on 8000 by default`);
    if (host === null && tool === 'uvicorn') facts.setHostEnv(source, 'UVICORN_HOST', '0.0.0.0', `${shown}: uvicorn binds 127.0.0.1 unless --host or UVICORN_HOST says otherwise`);
    const h = host ?? defaultHost;
    if (LOOPBACK.test(h) && !(host === null && tool === 'uvicorn')) facts.setLoopback(source, `${shown} binds ${h}`);
    else if (ALL_INTERFACES.test(h)) facts.setAllInterfaces(source, `${shown} binds ${h}`);
    if (p === null && tool === 'uvicorn') facts.setPortEnv(source, 'UVICORN_PORT', `${shown}: uvicorn reads UVICORN_PORT`);
  } else if (tool === 'gunicorn') {
    const bind = flag(argv, '-b', '--bind');
    if (bind) {
      const b = hostPort(bind);
      port(b.port === null ? null : String(b.port), 8000, 'gunicorn binds port 8000 by default');
      if (LOOPBACK.test(b.host)) facts.setLoopback(source, `${shown} binds ${b.host}`);
      else facts.setAllInterfaces(source, `${shown} binds ${b.host || '0.0.0.0'}`);
    } else {
      // gunicorn's default bind is 127.0.0.1:8000, or 0.0.0.0:$PORT when PORT is set
      facts.setPortEnv(source, 'PORT', `${shown}: without --bind gunicorn binds 0.0.0.0:$PORT when PORT is set (else 127.0.0.1:8000)`);
      port(null, 8000, 'gunicorn listens on 8000 by default');
    }
  } else if (tool === 'flask') {
    const host = flag(argv, '--host', '-h');
    port(flag(argv, '--port', '-p'), 5000, 'flask run listens on 5000 by default');
    if (!flag(argv, '--port', '-p')) facts.setPortEnv(source, 'FLASK_RUN_PORT', `${shown}: flask run reads FLASK_RUN_PORT`);
    if (host === null) facts.setHostEnv(source, 'FLASK_RUN_HOST', '0.0.0.0', `${shown}: flask run binds 127.0.0.1 unless --host or FLASK_RUN_HOST says otherwise`);
    else if (LOOPBACK.test(host)) facts.setLoopback(source, `${shown} binds ${host}`);
  } else if (tool === 'waitress-serve') {
    const listen = flag(argv, '--listen');
    port(listen ? String(hostPort(listen).port ?? '') || null : flag(argv, '--port'), 8080, 'waitress listens on 8080 by default');
    if (listen && LOOPBACK.test(hostPort(listen).host)) facts.setLoopback(source, `${shown} binds ${hostPort(listen).host}`);
  } else if (tool === 'python') {
    // manage.py runserver [addr:]port — Django's development server, 127.0.0.1:8000 by default
    const arg = argv.find((w, i) => i > 2 && !w.startsWith('-'));
    const b = arg ? (/^\d+$/.test(arg) ? { host: '127.0.0.1', port: Number(arg) } : hostPort(arg)) : { host: '127.0.0.1', port: null };
    port(b.port === null ? null : String(b.port), 8000, 'runserver listens on 8000 by default');
    if (LOOPBACK.test(b.host)) facts.setLoopback(source, `${shown} binds ${b.host} (runserver's default)`);
  }
}

const ENV_READ = /\b(?:os\.environ\.get|os\.getenv|getenv|environ\.get)\(\s*['"]([A-Z][A-Z0-9_]*)['"]\s*(?:,\s*(?:int\()?\s*['"]?([^'")\s,]*)['"]?)?\s*\)(?:\s*or\s*['"]?([^'"\s)]+))?|\bos\.environ\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\]/g;

function sourceFacts(rel: string, raw: string, facts: ListenFacts): void {
  const text = stripComments(raw, true);
  for (const m of text.matchAll(ENV_READ)) {
    const name = m[1] ?? m[4];
    const dflt = m[2] || m[3] || null;
    const at = `line ${lineAt(text, m.index ?? 0)}`;
    if (PORT_ENV.test(name)) {
      if (dflt && /^\d{2,5}$/.test(dflt)) {
        facts.setPortEnv(rel, name, `reads ${name} (${at})`);
        facts.setPort(rel, Number(dflt), `${name} defaults to ${dflt} (${at})`);
      } else facts.setPortEnvWithoutDefault(rel, name, `reads ${name} (${at})`);
    } else if (HOST_ENV.test(name) && dflt) {
      if (LOOPBACK.test(dflt)) facts.setHostEnv(rel, name, '0.0.0.0', `binds ${name}, default "${dflt}" (${at})`);
      else if (ALL_INTERFACES.test(dflt)) facts.setAllInterfaces(rel, `binds ${name}, default "${dflt}" (${at})`);
    }
  }

  const flaskApp = /\b(\w+)\s*=\s*Flask\(/.exec(text)?.[1];
  const calls: Array<{ re: RegExp; what: string; host: string; port: number; envHost?: boolean }> = [
    { re: /\buvicorn\.run\(/g, what: 'uvicorn.run', host: '127.0.0.1', port: 8000 },
    { re: /\bweb\.run_app\(/g, what: 'aiohttp web.run_app', host: '0.0.0.0', port: 8080 },
    { re: /\bwaitress\.serve\(|^\s*serve\((?=\s*\w)/gm, what: 'waitress serve', host: '0.0.0.0', port: 8080 },
    ...(flaskApp ? [{ re: new RegExp(`\\b${flaskApp}\\.run\\(`, 'g'), what: `Flask ${flaskApp}.run`, host: '127.0.0.1', port: 5000 }] : []),
  ];
  for (const c of calls) {
    for (const m of text.matchAll(c.re)) {
      const args = callArgs(text, (m.index ?? 0) + m[0].length);
      const at = `line ${lineAt(text, m.index ?? 0)}`;
      const hostArg = /\bhost\s*=\s*(?:['"]([^'"]*)['"]|(\w+))/.exec(args);
      const host = hostArg ? (hostArg[1] ?? constant(text, hostArg[2])) : c.host;
      const portArg = /\bport\s*=\s*(?:(\d+)|(\w+))/.exec(args);
      const port = portArg ? (portArg[1] ?? constant(text, portArg[2])) : String(c.port);
      if (port && /^\d+$/.test(port)) facts.setPort(rel, Number(port), `${c.what}(${portArg ? `port=${portArg[1] ?? portArg[2]}` : `no port: ${c.port}`}) (${at})`);
      if (host !== null && LOOPBACK.test(host)) facts.setLoopback(rel, `${c.what}(…) binds ${host}${hostArg ? '' : ' (its default without host=)'} (${at})`);
      else if (host !== null && ALL_INTERFACES.test(host)) facts.setAllInterfaces(rel, `${c.what}(host="${host}") (${at})`);
    }
  }
  // HTTPServer(("0.0.0.0", port), …), socketserver.TCPServer(("", PORT), …)
  for (const m of text.matchAll(/Server\(\s*\(\s*['"]([^'"]*)['"]\s*,\s*(\w+)\s*\)/g)) {
    const at = `line ${lineAt(text, m.index ?? 0)}`;
    const port = /^\d+$/.test(m[2]) ? m[2] : constant(text, m[2]);
    if (port && /^\d+$/.test(port)) facts.setPort(rel, Number(port), `server address ("${m[1]}", ${m[2]}) (${at})`);
    if (LOOPBACK.test(m[1])) facts.setLoopback(rel, `server address binds "${m[1]}" (${at})`);
    else if (ALL_INTERFACES.test(m[1])) facts.setAllInterfaces(rel, `server address ("${m[1] || ''}", …) (${at})`);
  }
}

/** `PORT = 8000` / `HOST = "127.0.0.1"` at the top of a module. */
function constant(text: string, name: string | undefined): string | null {
  if (!name) return null;
  const m = new RegExp(`^\\s*${name}\\s*(?::\\s*\\w+\\s*)?=\\s*(?:(\\d+)\\s*$|['"]([^'"]*)['"]\\s*$)`, 'm').exec(text);
  return m ? (m[1] ?? m[2]) : null;
}

/**
 * Python servers: the run command (uvicorn, gunicorn, flask, fastapi, hypercorn, waitress, Django's runserver)
 * and in the sources `uvicorn.run(…)`, Flask's `app.run(…)`, aiohttp, http.server addresses and PORT/HOST reads.
 */
export function pythonListen(files: ProjectFiles, facts: ListenFacts, entry: string | null, cmd: ServerCommand | null): string[] {
  if (cmd) commandFacts(cmd, facts);
  const first = entry ? [entry.endsWith('.py') ? entry : `${entry.replace(/\./g, '/')}/__main__.py`, ...ENTRY_FILES] : ENTRY_FILES;
  const sources = sourceFiles(files, ['.py'], first);
  for (const { rel, text } of sources) sourceFacts(rel, text, facts);
  return [...(cmd ? [cmd.source] : []), ...sources.map((s) => s.rel)];
}

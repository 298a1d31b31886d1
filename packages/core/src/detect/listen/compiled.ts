// Go, Rust and Java servers: env reads and literal bind addresses in the sources, framework configuration files.
import type { ProjectFiles } from '../project-files';
import { ALL_INTERFACES, LOOPBACK, callArgs, lineAt, stripComments, type ListenFacts } from './facts';
import { HOST_ENV, PORT_ENV } from './node';
import { sourceFiles } from './sources';

/** "host:port" as written in an address literal; port '' when the literal ends in ":" (concatenated). */
function splitAddress(addr: string): { host: string; port: string } | null {
  const m = /^(\[[^\]]*\]|[^:]*):(\d*)$/.exec(addr);
  return m ? { host: m[1], port: m[2] } : null;
}

function address(rel: string, text: string, index: number, addr: string, what: string, facts: ListenFacts): void {
  const a = splitAddress(addr);
  if (!a) return;
  const at = `line ${lineAt(text, index)}`;
  if (a.port) facts.setPort(rel, Number(a.port), `${what}("${addr}") (${at})`);
  if (LOOPBACK.test(a.host)) facts.setLoopback(rel, `${what}("${addr}") binds ${a.host} (${at})`);
  else if (ALL_INTERFACES.test(a.host)) facts.setAllInterfaces(rel, `${what}("${addr}") (${at})`);
}

/** An env read and the default next to it: the first quoted number shortly after, on the same statement or the next few lines. */
function envRead(rel: string, text: string, re: RegExp, facts: ListenFacts, window = 240): void {
  for (const m of text.matchAll(re)) {
    const name = m[1] ?? m[2];
    const at = `line ${lineAt(text, m.index ?? 0)}`;
    const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + window);
    if (PORT_ENV.test(name)) {
      const d = /"(?::)?(\d{2,5})"|unwrap_or\(\s*(\d{2,5})\s*\)|getOrDefault\([^,]*,\s*"?(\d{2,5})/.exec(after);
      if (d) {
        const value = d[1] ?? d[2] ?? d[3];
        facts.setPortEnv(rel, name, `reads ${name} (${at})`);
        facts.setPort(rel, Number(value), `${name} defaults to ${value} (${at})`);
      } else facts.setPortEnvWithoutDefault(rel, name, `reads ${name} (${at})`);
    } else if (HOST_ENV.test(name)) {
      const d = /"([^"\s]*)"/.exec(after);
      if (d && LOOPBACK.test(d[1])) facts.setHostEnv(rel, name, '0.0.0.0', `binds ${name}, default "${d[1]}" (${at})`);
    }
  }
}

const GO_ENTRY = ['main.go', 'cmd/main.go', 'server.go'];

/** Go: `os.Getenv("PORT")` with its fallback, `ListenAndServe(":8080")`, gin/echo/fiber `Run`/`Start`/`Listen`, `Addr: ":8080"`. */
export function goListen(files: ProjectFiles, facts: ListenFacts, entry: string | null): string[] {
  const first = entry && entry !== '.' ? [`${entry.replace(/^\.\//, '')}/main.go`, ...GO_ENTRY] : GO_ENTRY;
  const sources = sourceFiles(files, ['.go'], first);
  for (const { rel, text: raw } of sources) {
    const text = stripComments(raw);
    envRead(rel, text, /\bos\.(?:Getenv|LookupEnv)\(\s*"([A-Z][A-Z0-9_]*)"\s*\)/g, facts);
    for (const m of text.matchAll(/\b(ListenAndServe(?:TLS)?|\.Run|\.Start|\.Listen|net\.Listen|Addr\s*:)\s*\(?\s*(?:"tcp[46]?"\s*,\s*)?"([^"]*)"/g)) {
      address(rel, text, m.index ?? 0, m[2], m[1].replace(/^\./, '').replace(/\s*:$/, ''), facts);
    }
    // gin's Run() without an address listens on :$PORT, else :8080
    if (/"github\.com\/gin-gonic\/gin"/.test(text) && /\.Run\(\s*\)/.test(text)) {
      const at = `line ${lineAt(text, text.search(/\.Run\(\s*\)/))}`;
      facts.setPortEnv(rel, 'PORT', `gin's Run() reads PORT (${at})`);
      facts.setPort(rel, 8080, `gin's Run() listens on :8080 without PORT (${at})`);
    }
  }
  return sources.map((s) => s.rel);
}

/** Rust: `env::var("PORT")` with its fallback, `bind("0.0.0.0:3000")`, actix `bind(("127.0.0.1", 8080))`, `SocketAddr::from(([0,0,0,0], 3000))`; Rocket's env and Rocket.toml. */
export function rustListen(files: ProjectFiles, facts: ListenFacts): string[] {
  const cargo = files.read('Cargo.toml') ?? '';
  if (/^\s*rocket\s*=/m.test(cargo) || /^\[dependencies\.rocket\]/m.test(cargo)) {
    const toml = files.read('Rocket.toml') ?? '';
    const port = /^\s*port\s*=\s*(\d+)/m.exec(toml)?.[1];
    const addr = /^\s*address\s*=\s*"([^"]*)"/m.exec(toml)?.[1];
    facts.setPortEnv('Cargo.toml', 'ROCKET_PORT', 'Rocket reads ROCKET_PORT');
    facts.setPort(port ? 'Rocket.toml' : 'Cargo.toml', port ? Number(port) : 8000, port ? `port = ${port}` : 'Rocket listens on 8000 by default');
    if (!addr || LOOPBACK.test(addr)) facts.setHostEnv(addr ? 'Rocket.toml' : 'Cargo.toml', 'ROCKET_ADDRESS', '0.0.0.0', `Rocket binds ${addr ?? '127.0.0.1'}${addr ? '' : ' by default'}; ROCKET_ADDRESS overrides it`);
  }
  const sources = sourceFiles(files, ['.rs'], ['src/main.rs']);
  for (const { rel, text: raw } of sources) {
    const text = stripComments(raw);
    envRead(rel, text, /\b(?:std::)?env::var(?:_os)?\(\s*"([A-Z][A-Z0-9_]*)"\s*\)/g, facts);
    for (const m of text.matchAll(/\bbind(?:_auto_h2c|_openssl|_rustls\w*)?\(\s*/g)) {
      const args = callArgs(text, (m.index ?? 0) + m[0].length).trim();
      const at = `line ${lineAt(text, m.index ?? 0)}`;
      const tuple = /^\(\s*"([^"]*)"\s*,\s*(\w+)\s*\)/.exec(args);
      if (tuple) {
        if (/^\d+$/.test(tuple[2])) facts.setPort(rel, Number(tuple[2]), `bind(("${tuple[1]}", ${tuple[2]})) (${at})`);
        if (LOOPBACK.test(tuple[1])) facts.setLoopback(rel, `bind(("${tuple[1]}", …)) binds ${tuple[1]} (${at})`);
        else if (ALL_INTERFACES.test(tuple[1])) facts.setAllInterfaces(rel, `bind(("${tuple[1]}", …)) (${at})`);
        continue;
      }
      const literal = /^&?(?:format!\(\s*)?"([^"]*)"/.exec(args)?.[1];
      if (literal !== undefined) address(rel, text, m.index ?? 0, literal.replace(/\{[^}]*\}$/, ''), 'bind', facts);
    }
    for (const m of text.matchAll(/\(\s*\[\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\]\s*,\s*(\w+)\s*\)/g)) {
      const host = m.slice(1, 5).join('.');
      const at = `line ${lineAt(text, m.index ?? 0)}`;
      if (/^\d+$/.test(m[5])) facts.setPort(rel, Number(m[5]), `SocketAddr ([${m.slice(1, 5).join(', ')}], ${m[5]}) (${at})`);
      if (LOOPBACK.test(host)) facts.setLoopback(rel, `SocketAddr binds ${host} (${at})`);
      else if (ALL_INTERFACES.test(host)) facts.setAllInterfaces(rel, `SocketAddr ${host} (${at})`);
    }
  }
  return [...(files.has('Rocket.toml') ? ['Rocket.toml'] : []), ...sources.map((s) => s.rel)];
}

const RESOURCES = 'src/main/resources';

/** `server.port` from application.properties / application.yml (flat or nested); `${PORT:8080}` placeholders. */
function springProperty(files: ProjectFiles, key: 'port' | 'address'): { file: string; value: string } | null {
  for (const name of ['application.properties', 'application.yml', 'application.yaml']) {
    const file = `${RESOURCES}/${name}`;
    const text = files.read(file);
    if (text === null) continue;
    const flat = new RegExp(`^\\s*server\\.${key}\\s*[=:]\\s*(.+?)\\s*$`, 'm').exec(text);
    if (flat) return { file, value: flat[1].replace(/^["']|["']$/g, '') };
    // server:\n  port: 8081 (the first indented key block under "server:")
    const block = /^server:\s*\n((?:[ \t]+.*\n?)+)/m.exec(text);
    const nested = block ? new RegExp(`^[ \\t]+${key}:\\s*(.+?)\\s*$`, 'm').exec(block[1]) : null;
    if (nested) return { file, value: nested[1].replace(/^["']|["']$/g, '') };
  }
  return null;
}

/** Java: Spring Boot's server.port/server.address (SERVER_PORT/SERVER_ADDRESS override them), Quarkus, Micronaut, plain JDK servers. */
export function javaListen(files: ProjectFiles, facts: ListenFacts): string[] {
  const build = ['pom.xml', 'build.gradle', 'build.gradle.kts'].map((f) => files.read(f) ?? '').join('\n');
  const scanned: string[] = [];
  if (/spring-boot/.test(build)) {
    const port = springProperty(files, 'port');
    const placeholder = port ? /^\$\{([A-Z][A-Z0-9_]*)(?::(\d+))?\}$/.exec(port.value) : null;
    if (placeholder) {
      if (placeholder[2]) {
        facts.setPortEnv(port!.file, placeholder[1], `server.port=${port!.value} reads ${placeholder[1]}`);
        facts.setPort(port!.file, Number(placeholder[2]), `server.port=${port!.value}`);
      } else facts.setPortEnvWithoutDefault(port!.file, placeholder[1], `server.port=${port!.value} reads ${placeholder[1]}`);
    } else {
      const value = port && /^\d+$/.test(port.value) ? Number(port.value) : 8080;
      facts.setPortEnv(port?.file ?? 'pom.xml', 'SERVER_PORT', 'Spring Boot reads SERVER_PORT (over server.port)');
      facts.setPort(port?.file ?? 'pom.xml', value, port ? `server.port=${port.value}` : 'Spring Boot listens on 8080 unless server.port says otherwise');
    }
    const addr = springProperty(files, 'address');
    if (addr && LOOPBACK.test(addr.value)) facts.setHostEnv(addr.file, 'SERVER_ADDRESS', '0.0.0.0', `server.address=${addr.value}; SERVER_ADDRESS overrides it`);
    scanned.push(`${RESOURCES}/application.properties|yml`);
  } else if (/io\.quarkus/.test(build)) {
    const props = files.read(`${RESOURCES}/application.properties`) ?? '';
    const port = /^\s*quarkus\.http\.port\s*=\s*(\d+)/m.exec(props)?.[1];
    facts.setPortEnv('pom.xml', 'QUARKUS_HTTP_PORT', 'Quarkus reads QUARKUS_HTTP_PORT');
    facts.setPort(port ? `${RESOURCES}/application.properties` : 'pom.xml', port ? Number(port) : 8080, port ? `quarkus.http.port=${port}` : 'Quarkus listens on 8080 by default');
  } else if (/io\.micronaut/.test(build)) {
    facts.setPortEnv('pom.xml', 'MICRONAUT_SERVER_PORT', 'Micronaut reads MICRONAUT_SERVER_PORT');
    facts.setPort('pom.xml', 8080, 'Micronaut listens on 8080 by default');
  }
  const sources = sourceFiles(files, ['.java', '.kt'], []);
  for (const { rel, text: raw } of sources) {
    const text = stripComments(raw);
    envRead(rel, text, /\bSystem\.getenv\(\s*\)\.getOrDefault\(\s*"([A-Z][A-Z0-9_]*)"|\bSystem\.getenv\(\s*"([A-Z][A-Z0-9_]*)"\s*\)/g, facts);
    for (const m of text.matchAll(/new\s+InetSocketAddress\(\s*(?:"([^"]*)"\s*,\s*)?(\w+)\s*\)/g)) {
      const at = `line ${lineAt(text, m.index ?? 0)}`;
      if (/^\d+$/.test(m[2])) facts.setPort(rel, Number(m[2]), `new InetSocketAddress(${m[1] ? `"${m[1]}", ` : ''}${m[2]}) (${at})`);
      if (m[1] !== undefined && LOOPBACK.test(m[1])) facts.setLoopback(rel, `new InetSocketAddress("${m[1]}", …) binds ${m[1]} (${at})`);
      else if (m[1] === undefined) facts.setAllInterfaces(rel, `new InetSocketAddress(${m[2]}) (${at})`);
    }
  }
  return [...scanned, ...sources.map((s) => s.rel)];
}

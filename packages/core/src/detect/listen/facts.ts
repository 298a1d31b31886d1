import type { Language, Listen } from '../../types';

/** One thing seen in a file; `why` is the evidence text (the file is prefixed when evidence is written). */
interface Seen {
  file: string;
  why: string;
}

/** Port an app listens on when nothing tells it otherwise, by language (only used when the app reads PORT without a default). */
export const CONVENTIONAL_PORTS: Record<Language, number> = { node: 3000, python: 8000, go: 8080, rust: 8080, java: 8080 };

export const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|::1|\[::1\]|ip6-localhost)$/i;
export const ALL_INTERFACES = /^(?:0\.0\.0\.0|::|\[::\]|\*|)$/;

/**
 * What the scanners saw, first sighting wins per fact (files are scanned entry first). `finish` turns it into
 * the Listen fact set and one evidence line per finding.
 */
export class ListenFacts {
  private port: (Seen & { value: number }) | null = null;
  private portEnv: (Seen & { name: string }) | null = null;
  private hostEnv: (Seen & { name: string; value: string }) | null = null;
  private loopback: Seen | null = null;
  private allInterfaces: Seen | null = null;
  private portEnvWithoutDefault: Seen | null = null;

  constructor(private readonly language: Language) {}

  setPort(file: string, value: number, why: string): void {
    if (!this.port && value > 0 && value < 65536) this.port = { file, value, why };
  }

  setPortEnv(file: string, name: string, why: string): void {
    if (!this.portEnv) this.portEnv = { file, name, why };
  }

  /** The app reads its port from `name` and has no default of its own. */
  setPortEnvWithoutDefault(file: string, name: string, why: string): void {
    this.setPortEnv(file, name, why);
    if (!this.portEnvWithoutDefault) this.portEnvWithoutDefault = { file, why };
  }

  /** The app binds where `name` says; `value` makes it listen on every interface. */
  setHostEnv(file: string, name: string, value: string, why: string): void {
    if (!this.hostEnv) this.hostEnv = { file, name, value, why };
  }

  /** A loopback bind that no environment variable changes: from outside the container nothing answers. */
  setLoopback(file: string, why: string): void {
    if (!this.loopback) this.loopback = { file, why };
  }

  setAllInterfaces(file: string, why: string): void {
    if (!this.allInterfaces) this.allInterfaces = { file, why };
  }

  get seenAnything(): boolean {
    return Boolean(this.port || this.portEnv || this.hostEnv || this.loopback || this.allInterfaces);
  }

  finish(evidence: string[], scanned: string[]): Listen {
    const line = (s: Seen, text: string) => evidence.push(`${s.file}: ${text}`);
    let port = this.port?.value ?? null;
    if (this.port) line(this.port, `${this.port.why} → port ${this.port.value} (EXPOSE ${this.port.value})`);
    if (this.portEnv) {
      const value = port ?? CONVENTIONAL_PORTS[this.language];
      line(this.portEnv, `${this.portEnv.why} → ENV ${this.portEnv.name}=<port>`);
      if (port === null && this.portEnvWithoutDefault) {
        port = value;
        evidence.push(`port: the app reads ${this.portEnv.name} with no default → ${value}, the ${this.language} convention (pass --port to choose another)`);
      }
    }
    if (this.hostEnv) line(this.hostEnv, `${this.hostEnv.why} → ENV ${this.hostEnv.name}=${this.hostEnv.value} (listen on every interface, not only inside the container)`);
    if (this.allInterfaces && !this.hostEnv) line(this.allInterfaces, `${this.allInterfaces.why} → listens on every interface`);
    const warnings: string[] = [];
    if (this.loopback && !this.hostEnv) {
      const w = `${this.loopback.file}: ${this.loopback.why}, and no environment variable changes it: the container will not answer from outside. Bind 0.0.0.0 (or read the host from an environment variable such as HOST)`;
      warnings.push(w);
      evidence.push(`warning: ${w}`);
    }
    if (port === null) {
      const where = scanned.length ? `looked in ${scanned.slice(0, 6).join(', ')}${scanned.length > 6 ? ` and ${scanned.length - 6} more` : ''}` : 'no source files to look in';
      evidence.push(`port: none found (${where}); pass --port <port> so the image EXPOSEs it${this.portEnv ? ` and sets ${this.portEnv.name}` : ''}`);
    }
    return {
      port,
      portEnv: this.portEnv?.name ?? null,
      hostEnv: this.hostEnv ? [this.hostEnv.name, this.hostEnv.value] : null,
      warnings,
    };
  }
}

/** 1-based line of an offset, for evidence. */
export function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Text of a call's argument list starting right after its "(": balanced parentheses, strings skipped, bounded. */
export function callArgs(text: string, open: number, limit = 600): string {
  let depth = 1;
  let quote: string | null = null;
  for (let i = open; i < text.length && i < open + limit; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return text.slice(open, i);
    }
  }
  return text.slice(open, Math.min(text.length, open + limit));
}

/** Drops // line comments and block comments (keeps offsets roughly: comments become spaces). */
export function stripComments(text: string, hash = false): string {
  const pattern = hash ? /(^|[^:'"])#.*$/gm : /\/\*[\s\S]*?\*\/|(^|[^:'"\\])\/\/.*$/gm;
  return text.replace(pattern, (m, lead: string | undefined) => (lead ?? '') + ' '.repeat(m.length - (lead ?? '').length));
}

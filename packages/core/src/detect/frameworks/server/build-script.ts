import { script } from '../config';

/** The package.json script that builds the app, or null (with evidence) when it has none. */
export function buildScript(pkg: Record<string, unknown> | null, name: string, evidence: string[]): string | null {
  if (script(pkg, name)?.trim()) return name;
  evidence.push(`package.json: no "${name}" script; the image runs no build (add one, or pass --build-command)`);
  return null;
}

// Colour for our own messages: on a terminal; NO_COLOR turns it off, FORCE_COLOR on.

/**
 * Whether to colour: NO_COLOR (non-empty) wins, because Nx sets FORCE_COLOR=true for every task it runs and
 * the user's NO_COLOR must still hold there; then FORCE_COLOR (not 0/false); then whether the output is a terminal.
 */
export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return !!isTTY;
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;
export type Style = { [K in keyof typeof CODES]: (text: string) => string };

export function styler(enabled: boolean): Style {
  const entries = Object.entries(CODES).map(([name, [on, off]]) => [name, (text: string) => (enabled ? `\u001b[${on}m${text}\u001b[${off}m` : text)]);
  return Object.fromEntries(entries) as Style;
}

// Colour for our own messages: on a terminal unless NO_COLOR is set; FORCE_COLOR forces it either way.

/** Whether to colour: FORCE_COLOR (not 0/false) wins, then NO_COLOR (any value), then whether the output is a terminal. */
export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return !!isTTY;
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;
export type Style = { [K in keyof typeof CODES]: (text: string) => string };

export function styler(enabled: boolean): Style {
  const entries = Object.entries(CODES).map(([name, [on, off]]) => [name, (text: string) => (enabled ? `\u001b[${on}m${text}\u001b[${off}m` : text)]);
  return Object.fromEntries(entries) as Style;
}

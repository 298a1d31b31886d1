/**
 * The runtime version each language's default image uses (see the catalog). Detection needs it only to
 * resolve open ranges: `engines.node: ">=18"` or `requires-python = ">=3.8"` becomes the default rather
 * than an end-of-life floor. Keep equal to the catalog defaults (a spec checks it).
 */
export const CURRENT_VERSION = {
  node: [22],
  python: [3, 12],
  rust: [1, 83],
} as const satisfies Record<string, readonly number[]>;

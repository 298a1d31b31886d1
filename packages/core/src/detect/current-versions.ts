import { DEFAULT_VERSIONS } from '../catalog';
import type { Language } from '../types';

/**
 * The catalog's default runtime version as numbers ([22], [3, 12]). Detection needs it only to resolve
 * open ranges: `engines.node: ">=18"` or `requires-python = ">=3.8"` becomes the default rather than an
 * end-of-life floor.
 */
export function currentVersion(language: Language): number[] {
  return DEFAULT_VERSIONS[language].split('.').map(Number);
}

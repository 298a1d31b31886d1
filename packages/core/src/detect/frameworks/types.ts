import type { NodeFramework } from '../../types';
import type { ProjectFiles } from '../project-files';

/**
 * One framework's detector: reads the app's package.json and the framework's own config files and
 * returns what it builds to and how it starts, or null when the app is not built with it. Evidence
 * lines say which file said what.
 */
export interface FrameworkDetector {
  name: string;
  detect(files: ProjectFiles, pkg: Record<string, unknown> | null, evidence: string[]): NodeFramework | null;
}

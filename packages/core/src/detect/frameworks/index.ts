import type { NodeFramework } from '../../types';
import type { ProjectFiles } from '../project-files';
import { SERVER_FRAMEWORKS } from './server';
import { STATIC_FRAMEWORKS } from './static';

/**
 * The first framework whose detector recognises the app. A framework's detector decides between its
 * own server and static outputs (Next.js `output: 'export'`), so each framework sits in one list.
 */
export function detectFramework(files: ProjectFiles, pkg: Record<string, unknown> | null, evidence: string[]): NodeFramework | null {
  for (const detector of [...SERVER_FRAMEWORKS, ...STATIC_FRAMEWORKS]) {
    const found = detector.detect(files, pkg, evidence);
    if (found) return found;
  }
  return null;
}

import type { Detection, Language, Listen } from '../../types';
import type { ProjectFiles } from '../project-files';
import { goListen, javaListen, rustListen } from './compiled';
import { ListenFacts } from './facts';
import { frameworkListen, nodeListen } from './node';
import { appServerCommand, pythonListen, serverCommand } from './python';

export interface ListenDetection {
  listen: Listen;
  /** python: the run command the project names (Procfile, scripts, Nx serve target) when the entry alone would not serve. */
  startCommand?: string[];
  evidence: string[];
}

/** Port, port/host environment variables and loopback binds the project's files make evident; every finding is evidence. */
export function detectListen(language: Language, files: ProjectFiles, d: Pick<Detection, 'entry' | 'framework'>): ListenDetection {
  const facts = new ListenFacts(language);
  const evidence: string[] = [];
  let scanned: string[] = [];
  let startCommand: string[] | undefined;
  switch (language) {
    case 'node':
      scanned = d.framework?.listen ? frameworkListen(d.framework, facts) : nodeListen(files, facts, d.entry);
      break;
    case 'python': {
      const cmd = serverCommand(files) ?? appServerCommand(files, d.entry);
      if (cmd) {
        startCommand = cmd.argv;
        evidence.push(`${cmd.source}: "${cmd.argv.join(' ')}" serves the app → start command`);
      }
      scanned = pythonListen(files, facts, d.entry, cmd);
      break;
    }
    case 'go':
      scanned = goListen(files, facts, d.entry);
      break;
    case 'rust':
      scanned = rustListen(files, facts);
      break;
    case 'java':
      scanned = javaListen(files, facts);
      break;
  }
  const listen = facts.finish(evidence, scanned);
  return { listen, ...(startCommand ? { startCommand } : {}), evidence };
}

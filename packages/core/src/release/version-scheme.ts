// Image versions from a scheme, as @nx/docker's versionSchemes write them:
//   {currentDate|YYMM.DD}.{shortCommitSha}  →  2612.01.3f9a2c1
//   {projectVersion}                         →  the project's release version (package.json, written by `nx release version`)
import { DockerMsError } from '../errors';

export interface VersionFacts {
  /** The project's release version, when it has one. */
  projectVersion?: string;
  /** Full commit sha of HEAD, when in a git checkout. */
  commitSha?: string;
  now: Date;
}

export class VersionSchemeError extends DockerMsError {}

const TOKEN = /\{([a-zA-Z]+)(?:\|([^}]*))?\}/g;
const DATE_PARTS = /YYYY|YY|MM|DD|HH|mm|ss/g;

/** `YYMM.DD`-style formats, in UTC so every machine of a release gets the same version. */
export function formatDate(date: Date, format: string): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const parts: Record<string, string> = {
    YYYY: String(date.getUTCFullYear()),
    YY: two(date.getUTCFullYear() % 100),
    MM: two(date.getUTCMonth() + 1),
    DD: two(date.getUTCDate()),
    HH: two(date.getUTCHours()),
    mm: two(date.getUTCMinutes()),
    ss: two(date.getUTCSeconds()),
  };
  return format.replace(DATE_PARTS, (p) => parts[p]);
}

/** The version a scheme gives; throws VersionSchemeError (one line) for an unknown token or a missing fact. */
export function resolveVersion(scheme: string, facts: VersionFacts): string {
  return scheme.replace(TOKEN, (whole, name: string, arg: string | undefined) => {
    switch (name) {
      case 'currentDate':
        return formatDate(facts.now, arg || 'YYMMDD');
      case 'shortCommitSha':
      case 'commitSha':
        if (!facts.commitSha) throw new VersionSchemeError([`versionScheme: ${whole} needs a git checkout (no commit found); pass version instead`]);
        return name === 'commitSha' ? facts.commitSha : facts.commitSha.slice(0, 7);
      case 'projectVersion':
        if (!facts.projectVersion) throw new VersionSchemeError([`versionScheme: ${whole} needs the project's release version (no version in its package.json); run nx release version first, or pass version`]);
        return facts.projectVersion;
      default:
        throw new VersionSchemeError([`versionScheme: unknown token ${whole} (known: {currentDate|FORMAT}, {shortCommitSha}, {commitSha}, {projectVersion})`]);
    }
  });
}

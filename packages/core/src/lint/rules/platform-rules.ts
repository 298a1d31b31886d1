// BuildKit's FROM --platform checks, with its semantics (moby/buildkit dockerfile2llb/validations.go
// reportRedundantTargetPlatform / reportConstPlatformDisallowed) and its messages (linter/ruleset.go).
import type { LintRule, RuleHit } from '../types';
import type { Stage } from '../../dockerfile/parse';

function platformFlag(stage: Stage): string | null {
  const flag = stage.from.getFlags().find((f) => f.getName().toLowerCase() === 'platform');
  return flag ? (flag.getValue() ?? '') : null;
}

// containerd's platforms.Parse normalisation for the names the check compares with the stage name
const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', armhf: 'arm', armel: 'arm', i386: '386' };
const ARCHES = new Set(['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x', 'riscv64', 'mips64le', 'loong64']);

function parsePlatform(value: string): { os: string; arch: string } | null {
  const parts = value.toLowerCase().split('/');
  if (parts.some((p) => !/^[a-z0-9_.-]+$/.test(p)) || parts.length > 3) return null;
  if (parts.length === 1) {
    const arch = ARCH_ALIASES[parts[0]] ?? parts[0];
    return ARCHES.has(arch) ? { os: 'linux', arch } : { os: parts[0], arch: 'amd64' };
  }
  return { os: parts[0], arch: ARCH_ALIASES[parts[1]] ?? parts[1] };
}

export const redundantTargetPlatform: LintRule = {
  name: 'RedundantTargetPlatform',
  buildkit: 'redundant-target-platform',
  severity: 'warning',
  description: 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior',
  check(model) {
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      const value = platformFlag(stage);
      // only the one variable, whole: $TARGETPLATFORM, ${TARGETPLATFORM} (a default form expands to it too)
      if (value && /^\$(?:TARGETPLATFORM|\{TARGETPLATFORM(?::?[-+][^}]*)?\})$/.test(value) && !/^\$\{TARGETPLATFORM:?\+/.test(value)) {
        hits.push({ line: stage.line, message: `Setting platform to predefined ${value} in FROM is redundant as this is the default behavior` });
      }
    }
    return hits;
  },
};

export const fromPlatformFlagConstDisallowed: LintRule = {
  name: 'FromPlatformFlagConstDisallowed',
  buildkit: 'from-platform-flag-const-disallowed',
  severity: 'warning',
  description: 'FROM --platform flag should not use a constant value',
  check(model) {
    const hits: RuleHit[] = [];
    for (const stage of model.stages) {
      const value = platformFlag(stage);
      if (!value || value.includes('$')) continue; // substituted: not a constant
      const platform = parsePlatform(value);
      if (!platform) continue; // BuildKit fails on it later
      // a stage named for its platform (FROM --platform=linux/arm64 alpine AS build-arm64) is deliberate
      const name = (stage.name ?? '').toLowerCase(); // BuildKit compares the stage name it lowercased when parsing FROM
      if (name.includes(platform.os) || name.includes(platform.arch)) continue;
      hits.push({ line: stage.line, message: `FROM --platform flag should not use constant value "${value}"` });
    }
    return hits;
  },
};

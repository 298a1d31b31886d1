// BuildKit's SecretsUsedInArgOrEnv: ARG and ENV values end up in the image's history and config.
import { Arg, Env } from '../../dockerfile/ast';
import { lineOf } from '../../dockerfile/parse';
import type { LintRule, RuleHit } from '../types';

// The key, or its first or last `_` word, is one of these (BuildKit dockerfile2llb getSecretsRegex)
const SECRET_WORD = /(?:_|^)(?:apikey|auth|credentials?|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOWED_WORD = /(?:_|^)(?:public|file|version)(?:_|$)/i;

export const secretsUsedInArgOrEnv: LintRule = {
  name: 'SecretsUsedInArgOrEnv',
  buildkit: 'secrets-used-in-arg-or-env',
  severity: 'warning',
  description: 'Sensitive data should not be used in the ARG or ENV commands',
  check(model) {
    const hits: RuleHit[] = [];
    for (const instruction of model.instructions) {
      if (!(instruction instanceof Arg) && !(instruction instanceof Env)) continue;
      for (const property of instruction.getProperties()) {
        const key = property.getName();
        if (!SECRET_WORD.test(key) || ALLOWED_WORD.test(key)) continue;
        hits.push({
          line: lineOf(instruction),
          message: `Do not use ARG or ENV instructions for sensitive data (${instruction.getKeyword()} "${key}"); pass it with RUN --mount=type=secret`,
        });
      }
    }
    return hits;
  },
};

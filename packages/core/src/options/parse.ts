import type { z } from 'zod';
import { LANGUAGES } from '../types';
import { OptionsError } from './errors';
import { closestNames, didYouMean } from '../text';
import {
  dockerfileOptionsSchema,
  OPTION_NAMES,
  PACKAGE_MANAGERS,
  VARIANTS,
  type DockerfileOptions,
} from './schema';

/** Validates and fills defaults. Throws OptionsError listing every problem, one line each. */
export function parseOptions(input: unknown): DockerfileOptions {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new OptionsError([`options: expected an object (got ${describe(input)})`]);
  }
  const record = dropUndefined(input as Record<string, unknown>);
  const language = record.language;
  if (!(LANGUAGES as readonly unknown[]).includes(language)) {
    const got = language === undefined ? 'nothing' : describe(language);
    throw new OptionsError([`language: must be one of ${LANGUAGES.join(', ')} (got ${got}${didYouMean(language, LANGUAGES)})`]);
  }
  const result = dockerfileOptionsSchema.safeParse(record);
  if (result.success) return result.data;
  throw new OptionsError(result.error.issues.flatMap((issue) => formatIssue(issue, record)));
}

function formatIssue(issue: z.core.$ZodIssue, input: Record<string, unknown>): string[] {
  const language = input.language as keyof typeof PACKAGE_MANAGERS;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const hint = closest(key, OPTION_NAMES);
      return `${key}: unknown option${hint ? ` (did you mean "${hint}"?)` : ''}`;
    });
  }
  // a record key (a label name) is user text: quoted when it is not a plain word, so the line stays one line
  const name = issue.path.length > 0 ? issue.path.map((k) => (/^[\w.-]+$/.test(String(k)) ? String(k) : JSON.stringify(String(k)))).join('.') : 'options';
  const got = describe(valueAt(input, issue.path));
  switch (issue.code) {
    case 'invalid_value': {
      const allowed = issue.values.map(String).join(', ');
      const scope = name === 'packageManager' || name === 'variant' ? ` for ${language}` : '';
      return [`${name}: must be one of ${allowed}${scope} (got ${got}${didYouMean(valueAt(input, issue.path), issue.values.map(String))})`];
    }
    case 'invalid_key':
      return [`${name}: ${issue.issues[0]?.message ?? issue.message} (got ${describe(issue.path.at(-1))})`];
    case 'invalid_type':
      return [`${name}: expected ${issue.expected} (got ${got})`];
    case 'too_small':
    case 'too_big':
      return [`${name}: ${issue.message.replace(/^Too (small|big): expected \w+ to /, 'must ').replace(/^Too (small|big)/, 'out of range')} (got ${got})`];
    default:
      return [`${name}: ${issue.message} (got ${got})`];
  }
}

function valueAt(input: Record<string, unknown>, path: PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  return closestNames(word, candidates, 1)[0];
}

export { VARIANTS, PACKAGE_MANAGERS };

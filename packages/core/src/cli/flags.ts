// Command-line flags derived from the zod option schemas, so option names live in one place.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io';
import { closestNames } from '../text/closest-names';

type Kind = 'boolean' | 'string' | 'list' | 'record';

export const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/* eslint-disable @typescript-eslint/no-explicit-any */
function kindOf(schema: any): Kind {
  const def = schema?._zod?.def ?? schema?.def;
  switch (def?.type) {
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
      return kindOf(def.innerType);
    case 'pipe':
      return kindOf(def.in);
    case 'boolean':
      return 'boolean';
    case 'record':
      return 'record';
    case 'array':
      return 'list';
    case 'union': {
      const kinds: Kind[] = def.options.map(kindOf);
      if (kinds.includes('record')) return 'record';
      if (kinds.includes('list')) return 'list';
      return 'string';
    }
    default:
      return 'string';
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface FlagSpec {
  /** camelCase option name → kind. */
  kinds: Record<string, Kind>;
  /** Every accepted flag spelling → camelCase option name (true value) or its negation. */
  names: Record<string, { option: string; negate?: boolean }>;
  config: NonNullable<ParseArgsConfig['options']>;
}

/**
 * Flags for the options of a zod object shape: `--kebab-name` and `--camelName`, `--no-x` for booleans,
 * plus extra spellings (`--tag` for tags) and short flags. Command-only flags come in `own`.
 */
export function flagSpec(
  shape: Record<string, unknown>,
  extra: { aliases?: Record<string, string>; short?: Record<string, string>; own?: Record<string, Kind> } = {},
): FlagSpec {
  const kinds: Record<string, Kind> = {};
  for (const [name, schema] of Object.entries(shape)) kinds[name] = kindOf(schema);
  Object.assign(kinds, extra.own ?? {});
  const names: FlagSpec['names'] = {};
  const config: FlagSpec['config'] = {};
  const add = (flag: string, option: string, negate = false) => {
    const kind = kinds[option];
    names[flag] = { option, negate };
    config[flag] = { type: kind === 'boolean' ? 'boolean' : 'string', multiple: kind === 'list' || kind === 'record' };
  };
  for (const [option, kind] of Object.entries(kinds)) {
    add(kebab(option), option);
    add(option, option);
    if (kind === 'boolean' && !/^no[A-Z]/.test(option) && !(`no-${kebab(option)}` in names)) add(`no-${kebab(option)}`, option, true);
  }
  for (const [alias, option] of Object.entries(extra.aliases ?? {})) add(alias, option);
  for (const [short, long] of Object.entries(extra.short ?? {})) {
    if (config[long]) config[long] = { ...config[long], short };
  }
  return { kinds, names, config };
}

function parseValue(flag: string, kind: Kind, raw: unknown): unknown {
  const values = Array.isArray(raw) ? (raw as string[]) : [raw];
  if (kind === 'record') {
    return Object.fromEntries(
      values.map((v) => {
        const text = String(v);
        const at = text.indexOf('=');
        if (at <= 0) throw new UsageError(`--${flag} ${text}: expected KEY=value`);
        return [text.slice(0, at), text.slice(at + 1)];
      }),
    );
  }
  if (kind === 'list') {
    if (values.length > 1) return values;
    const one = String(values[0]);
    if (one.startsWith('[')) {
      try {
        return JSON.parse(one);
      } catch {
        throw new UsageError(`--${flag} ${one}: not a valid JSON array`);
      }
    }
    return one;
  }
  return raw;
}

export interface ParsedFlags {
  options: Record<string, unknown>;
  positionals: string[];
}

/** Parse argv strictly: an unknown flag is a UsageError naming it. Merges a flag's spellings into one option. */
export function parseFlags(args: string[], spec: FlagSpec, command: string): ParsedFlags {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: spec.config, strict: true, allowPositionals: true });
  } catch (error) {
    const message = (error as Error).message;
    const flag = message.match(/'(-{1,2}[^' ]+)/)?.[1] ?? '';
    if (/Unknown option/.test(message)) {
      const [close] = flag.startsWith('--') ? closestNames(flag.slice(2), Object.keys(spec.names), 1) : [];
      const hint = close ? `; did you mean --${close}?` : '';
      throw new UsageError(`unknown option ${flag} for docker-ms ${command}${hint} (see docker-ms ${command} --help)`);
    }
    if (/argument missing/.test(message)) throw new UsageError(`option ${flag} needs a value`);
    if (/does not take an argument/.test(message)) throw new UsageError(`option ${flag} takes no value`);
    throw new UsageError(message.split('\n')[0]);
  }
  const options: Record<string, unknown> = {};
  const seen: Record<string, string> = {};
  for (const [flag, raw] of Object.entries(parsed.values)) {
    const { option, negate } = spec.names[flag];
    const kind = spec.kinds[option];
    if (seen[option] && kind !== 'list' && kind !== 'record') {
      throw new UsageError(`option --${flag} repeats --${seen[option]}; give it once`);
    }
    seen[option] = flag;
    const value = negate ? !raw : parseValue(flag, kind, raw);
    if (kind === 'record' && options[option]) options[option] = { ...(options[option] as object), ...(value as object) };
    else if (kind === 'list' && options[option] !== undefined) options[option] = ([] as unknown[]).concat(options[option], value);
    else options[option] = value;
  }
  return { options, positionals: parsed.positionals };
}

/** Rewrite a schema problem's leading `optionName:` to the flag that fixes it. */
export function asFlagProblem(problem: string, kinds: Record<string, Kind>): string {
  const m = problem.match(/^([A-Za-z]+)(\[\d+\])?(:|\.)/);
  return m && m[1] in kinds ? `--${kebab(m[1])}${problem.slice(m[1].length)}` : problem;
}

/** One help line per option: `--kebab-name <value>  description`, from the schema's descriptions. */
export function optionHelp(shape: Record<string, unknown>, skip: string[] = []): string[] {
  const rows = Object.entries(shape)
    .filter(([name]) => !skip.includes(name))
    .map(([name, schema]) => {
      const kind = kindOf(schema);
      const value = kind === 'boolean' ? '' : kind === 'record' ? ' K=V' : ' <value>';
      const onByDefault = kind === 'boolean' && (schema as { safeParse?: (v: unknown) => { data?: unknown } }).safeParse?.(undefined).data === true;
      const more = kind === 'list' || kind === 'record' ? ' (repeatable)' : onByDefault ? ` (on by default; --no-${kebab(name)} turns it off)` : '';
      return [`--${kebab(name)}${value}`, `${(schema as { description?: string }).description ?? ''}${more}`];
    });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
}

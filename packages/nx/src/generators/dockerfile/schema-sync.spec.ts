import { optionsJsonSchema, LANGUAGES, PACKAGE_MANAGERS, VARIANTS } from '@docker-ms/core';
import schema from './schema.json';

type Property = { type?: string; enum?: unknown[]; default?: unknown; anyOf?: Array<{ type?: string }> };
const core = optionsJsonSchema() as { properties: Record<string, Property> };
const ours = schema.properties as Record<string, Property>;
const GENERATOR_FLAGS = ['project', 'all', 'overwrite', 'targetName', 'skipFormat', 'addPlugin'];

/** schema.json is hand-written for the prompts and docs; core's zod schema stays the one source of names, enums and defaults. */
describe('dockerfile schema.json mirrors core options', () => {
  it('has exactly core\'s options plus the generator flags', () => {
    expect(Object.keys(ours).sort()).toEqual([...Object.keys(core.properties), ...GENERATOR_FLAGS].sort());
  });

  it.each(Object.keys(core.properties))('%s: same type, enum and default', (name) => {
    const theirs = core.properties[name];
    const mine = ours[name];
    const types = (p: Property) => (p.anyOf ? p.anyOf.map((a) => a.type).sort() : [p.type === 'integer' ? 'integer' : p.type]);
    expect(types(mine)).toEqual(types(theirs));
    expect(mine.enum).toEqual(theirs.enum);
    expect(mine.default).toEqual(theirs.default);
  });

  it('enums are the exported lists', () => {
    expect(ours.language.enum).toEqual([...LANGUAGES]);
    expect(new Set(ours.packageManager.enum)).toEqual(new Set(Object.values(PACKAGE_MANAGERS).flat()));
    expect(new Set(ours.variant.enum)).toEqual(new Set(Object.values(VARIANTS).flat()));
  });

  it('takes the project from the first positional argument, with a prompt and a project dropdown', () => {
    expect(schema.properties.project).toMatchObject({ $default: { $source: 'argv', index: 0 }, 'x-dropdown': 'projects' });
    expect(typeof schema.properties.project['x-prompt']).toBe('string');
    expect(schema.additionalProperties).toBe(false);
  });
});

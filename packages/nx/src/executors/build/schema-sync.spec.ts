import { z } from 'zod';
import { buildOptionsSchema, BUILD_OPTION_ALIASES, ENGINES } from '@docker-ms/core';
import schema from './schema.json';

type Property = { enum?: unknown[]; default?: unknown; aliases?: string[] };
const core = z.toJSONSchema(buildOptionsSchema, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, Property> };
const ours = schema.properties as Record<string, Property>;

/** The executor's schema.json mirrors core's buildOptionsSchema: same names, enums, defaults and nx-container aliases. */
describe('build executor schema.json mirrors core build options', () => {
  it('has exactly core\'s options', () => {
    expect(Object.keys(ours).sort()).toEqual(Object.keys(core.properties).sort());
  });

  // Paths default to the project (its folder, its Dockerfile) instead of core's cwd-relative '.', see toBuildOptions.
  const PROJECT_DEFAULTS = ['context'];

  it.each(Object.keys(core.properties))('%s: same enum and default', (name) => {
    expect(ours[name].enum).toEqual(core.properties[name].enum);
    expect(ours[name].default).toEqual(PROJECT_DEFAULTS.includes(name) ? undefined : core.properties[name].default);
  });

  it('engine lists core\'s engines', () => {
    expect(ours.engine.enum).toEqual([...ENGINES]);
  });

  it('declares every nx-container kebab-case alias on its camelCase option', () => {
    for (const [alias, name] of Object.entries(BUILD_OPTION_ALIASES)) expect(ours[name].aliases).toContain(alias);
    const declared = Object.values(ours).flatMap((p) => p.aliases ?? []);
    // plus --stage, because `nx run` keeps --target for itself
    expect(declared.sort()).toEqual([...Object.keys(BUILD_OPTION_ALIASES), 'stage'].sort());
    expect(ours.target.aliases).toEqual(['stage']);
  });
});

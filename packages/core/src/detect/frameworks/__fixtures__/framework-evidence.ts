// Test helper: the evidence of a framework detection names the framework, its output folder and how it starts.
import type { Detection } from '../../../types';

// framework name → how evidence names it (its own name, a config file or builder only it has)
const NAMED: Record<string, RegExp> = {
  next: /Next\.js/, nuxt: /Nuxt/, remix: /\bremix\b/i, 'react-router': /react-router/, astro: /Astro/, sveltekit: /SvelteKit/,
  angular: /angular/i, nest: /NestJS/, vite: /vite/i, cra: /Create React App/, webpack: /webpack/, rspack: /rspack/, esbuild: /esbuild/,
};

/** The problem with a detection's framework evidence, or null: one line must name all three. */
export function frameworkEvidenceProblem(d: Pick<Detection, 'framework' | 'evidence'>): string | null {
  const f = d.framework;
  if (!f) return null;
  const named = NAMED[f.name];
  if (!named) return `no way to tell "${f.name}" is named: add it to NAMED`;
  const starts = f.kind === 'server' ? /; start "[^"]+"/ : / served by nginx (with SPA fallback|as pages)/;
  const line = d.evidence.find((e) => named.test(e) && e.includes(`${f.outputDir}/`) && starts.test(e));
  return line ? null : `no evidence line names ${f.name}, ${f.outputDir}/ and ${f.kind === 'server' ? 'its start command' : 'the static server'}:\n${d.evidence.join('\n')}`;
}

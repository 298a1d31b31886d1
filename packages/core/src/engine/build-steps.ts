// Steps and cache hits, read from an engine's plain output.

export interface StepCount {
  total: number;
  cached: number;
}

/**
 * BuildKit (`#7 [build 3/5] RUN …` then `#7 CACHED`), docker's legacy builder (`Step 3/5 : RUN …` then
 * ` ---> Using cache`) and podman/buildah (`STEP 3/5: RUN …` then `--> Using cache`). Null when the output
 * shows no steps (tty or quiet mode, or an engine that printed nothing we know). FROM is not a step here.
 */
export function countSteps(output: string): StepCount | null {
  const lines = output.split(/\r?\n/);
  const buildKitSteps = new Set<string>();
  const buildKitCached = new Set<string>();
  let legacySteps = 0;
  let legacyCached = 0;
  for (const line of lines) {
    const step = /^#(\d+) \[(?!internal\])[^\]]*\d+\/\d+\] (?!FROM )/.exec(line);
    if (step) buildKitSteps.add(step[1]);
    const cached = /^#(\d+) CACHED\s*$/.exec(line);
    if (cached) buildKitCached.add(cached[1]);
    if (/^(Step|STEP) \d+\/\d+ ?: (?!FROM )/.test(line)) legacySteps++;
    if (/^\s*-+> Using cache\s*$/.test(line)) legacyCached++;
  }
  if (buildKitSteps.size) return { total: buildKitSteps.size, cached: [...buildKitCached].filter((id) => buildKitSteps.has(id)).length };
  if (legacySteps) return { total: legacySteps, cached: legacyCached };
  return null;
}

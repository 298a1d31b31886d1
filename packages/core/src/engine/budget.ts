// The size budget: `maxSize: "150MB"` fails a build whose image is larger, with both figures.
import { formatSize } from './build-report';
import { parseHumanSize } from './inspect';

/** Bytes of a budget given as `"150MB"`, `"1.5 GB"`, `"800KB"` (powers of 1000, as the size table prints) or a number of bytes. */
export function budgetBytes(budget: string | number): number | null {
  if (typeof budget === 'number') return Number.isFinite(budget) && budget > 0 ? budget : null;
  const bytes = parseHumanSize(budget);
  return bytes !== null && bytes > 0 ? bytes : null;
}

/** One line when `size` breaks the budget, a warning when the size is unknown, else null. */
export function checkBudget(image: string, size: number | null, budget: string | number | undefined): { error?: string; warning?: string } | null {
  if (budget === undefined) return null;
  const max = budgetBytes(budget) as number;
  if (size === null) return { warning: `maxSize: ${image} is not in the local image store, so its size (budget ${formatSize(max)}) was not checked` };
  if (size <= max) return null;
  return {
    error: `maxSize: ${image} is ${formatSize(size)}, over its budget of ${formatSize(max)} by ${formatSize(size - max)}; make the image smaller (a slimmer runtime base, fewer files copied) or raise maxSize`,
  };
}

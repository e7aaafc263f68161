/** `'auto'` keeps one Vitest test per case up to this many cases in a file, and packs cases into groups above it. */
export const AUTO_TESTS_PER_FILE = 1000;

/** The `casesPerTest` option: `'auto'`, or how many consecutive cases one Vitest test runs (1: one test per case). */
export type CasesPerTest = 'auto' | number;

/** A run of consecutive cases of a suite that one Vitest test runs: cases `start` … `start + count - 1`. */
export interface CaseGroup {
  start: number;
  count: number;
}

/**
 * How many cases each Vitest test of a suite file with `total` cases runs. `'auto'` gives one test per case up to
 * `AUTO_TESTS_PER_FILE` cases, and above it the smallest group size that keeps the file at that many tests or fewer
 * (10,000 cases: 10 per test, 1,000 tests), so Vitest's per-test bookkeeping stops growing with the number of cases.
 * (While Vitest filters tests by name, `-t`, the runtime registers one test per case under `'auto'` whatever this says.)
 */
export function groupSize(total: number, casesPerTest: CasesPerTest): number {
  if (casesPerTest !== 'auto') return casesPerTest;
  if (total <= AUTO_TESTS_PER_FILE) return 1;
  return Math.ceil(total / AUTO_TESTS_PER_FILE);
}

/** The suite's cases in definition order, cut into consecutive groups of `size` (the last one may be shorter). */
export function groupCases(total: number, size: number): CaseGroup[] {
  const groups: CaseGroup[] = [];
  for (let start = 0; start < total; start += size) groups.push({ start, count: Math.min(size, total - start) });
  return groups;
}

/** The option's value checked: `'auto'` or a positive integer; anything else is a message for the user. */
export function casesPerTestProblem(value: unknown): string | undefined {
  if (value === 'auto' || (typeof value === 'number' && Number.isInteger(value) && value >= 1)) return undefined;
  return `casesPerTest must be 'auto' or a positive integer, got ${JSON.stringify(value) ?? String(value)}`;
}

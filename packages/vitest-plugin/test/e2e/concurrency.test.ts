import { afterAll, describe, expect, it } from 'vitest';
import { removeFixtureCopies, runFixture } from './utils/run-fixture.js';

afterAll(removeFixtureCopies);

/** The most trials the fixture's agent saw in flight at once (it writes the number into its answer). */
function peakInFlight(run: Awaited<ReturnType<typeof runFixture>>): number {
  const cases = run.reports['report.json']?.suites.flatMap((suite) => suite.cases) ?? [];
  expect(cases).toHaveLength(24);
  return Math.max(...cases.map((c) => Number(/in flight: (\d+)/.exec(c.responsePreview)?.[1] ?? 0)));
}

describe.concurrent("a suite's cases run concurrently, bounded by the plugin's concurrency", {
  timeout: 180_000,
}, () => {
  it('by default up to 16 at once (Vitest alone would run 5)', async () => {
    const run = await runFixture('concurrency');
    expect(run.exitCode, run.stderr).toBe(0);
    const peak = peakInFlight(run);
    expect(peak).toBeGreaterThan(5);
    expect(peak).toBeLessThanOrEqual(16);
  });

  it('with concurrency: 3, never more than 3', async () => {
    const run = await runFixture('concurrency', { plugin: { concurrency: 3 } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(peakInFlight(run)).toBeLessThanOrEqual(3);
  });
});

/** The parts of a run report that a sharded run merged back must reproduce exactly. */
export interface StatisticsReport {
  totals: { counts: Record<string, number>; passRate: number };
  suites: Array<{
    name: string;
    passRate: number;
    passed: boolean;
    interval: { low: number; high: number };
    cases: Array<{
      caseId: string;
      status: string;
      passRate: number;
      trials: Array<{ status: string; response: string }>;
    }>;
  }>;
}

/**
 * What the statistics depend on: suites and cases in a canonical order, timings left out. Used by the shard test
 * (`run --shard` + `report merge`) and by `bench/shard-merge.bench.ts`.
 */
export function reportStatistics(report: StatisticsReport) {
  return {
    counts: report.totals.counts,
    passRate: report.totals.passRate,
    suites: [...report.suites]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((suite) => ({
        name: suite.name,
        passRate: suite.passRate,
        passed: suite.passed,
        interval: suite.interval,
        cases: [...suite.cases]
          .sort((a, b) => a.caseId.localeCompare(b.caseId))
          .map((c) => ({
            id: c.caseId,
            status: c.status,
            passRate: c.passRate,
            trials: c.trials.map((t) => [t.status, t.response]),
          })),
      })),
  };
}

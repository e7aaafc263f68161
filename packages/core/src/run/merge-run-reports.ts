import { AgentCicdError } from '../errors.js';
import type { CaseResult, RunReport, SuiteResult } from '../schema/report.js';
import { buildRunReport, type RunStatus } from './build-run-report.js';
import { summarizeSuite } from './summarize-suite.js';

/**
 * Merges the reports of shards of one run (e.g. `vitest --shard`) into one: suites with the same name and
 * file are combined (a case present twice keeps the later shard's result) and re-summarised. The merged
 * run is `complete` only when every shard is; it starts with the earliest shard and lasts as long as the
 * longest one (shards run side by side). Shards must agree on how they were run: one with the judge skipped
 * (`--no-judge`) and one with it do not make one run, and are refused.
 */
export function mergeRunReports(reports: RunReport[], options: { names?: readonly string[] } = {}): RunReport {
  const first = reports[0];
  if (!first) throw new AgentCicdError('AGENT_CICD_REPORT_INVALID', 'no reports to merge');
  const skipJudge = first.options?.skipJudge ?? false;
  const other = reports.findIndex((report) => (report.options?.skipJudge ?? false) !== skipJudge);
  if (other >= 0) {
    const name = (index: number): string => options.names?.[index] ?? `report ${index + 1}`;
    const [without, withJudge] = skipJudge ? [0, other] : [other, 0];
    throw new AgentCicdError(
      'AGENT_CICD_REPORT_INVALID',
      `cannot merge: ${name(without)} skipped the judge (--no-judge) and ${name(withJudge)} did not; shards of one run are graded alike`,
    );
  }
  const suites = new Map<string, { suite: SuiteResult; cases: Map<string, CaseResult> }>();
  for (const report of reports) {
    for (const suite of report.suites) {
      const key = `${suite.name}\u0000${suite.file ?? ''}`;
      let entry = suites.get(key);
      if (!entry) {
        entry = { suite, cases: new Map() };
        suites.set(key, entry);
      }
      for (const result of suite.cases) entry.cases.set(result.caseId, result);
    }
  }
  const notComplete = reports.find((report) => report.status !== 'complete');
  const status: RunStatus = notComplete?.status ?? 'complete';
  const startedAt = reports.map((report) => report.createdAt).sort()[0] ?? first.createdAt;
  const tiers = new Set(reports.map((report) => report.tier));
  const tier = tiers.size === 1 ? first.tier : undefined;
  return buildRunReport({
    suites: [...suites.values()].map(({ suite, cases }) =>
      summarizeSuite([...cases.values()], {
        name: suite.name,
        ...(suite.file === undefined ? {} : { file: suite.file }),
        ...(suite.threshold === undefined ? {} : { threshold: suite.threshold }),
        confidence: suite.interval.confidence,
      }),
    ),
    status,
    ...(notComplete?.statusReason === undefined ? {} : { statusReason: notComplete.statusReason }),
    startedAt,
    durationMs: Math.max(...reports.map((report) => report.totals.durationMs)),
    runId: first.runId,
    ...(tier === undefined ? {} : { tier }),
    ...(skipJudge ? { options: { skipJudge } } : {}),
    // One shard's label (`shard: 2/3`) does not describe the merged run.
    subject: Object.fromEntries(
      Object.entries(Object.assign({}, ...reports.map((report) => report.subject)) as Record<string, string>).filter(
        ([key]) => key !== 'shard',
      ),
    ),
  });
}

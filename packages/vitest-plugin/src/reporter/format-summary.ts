import type { CaseResult, RunReport, SuiteResult } from '@agent-cicd/core';
import { type GateVerdict, percent } from './gate-verdict.js';

function firstViolation(testCase: CaseResult): string {
  return testCase.violations[0]?.message ?? testCase.status;
}

function caseLine(testCase: CaseResult): string {
  const mark = testCase.status === 'error' ? '!' : testCase.status === 'skipped' ? '-' : '✗';
  const title =
    testCase.name && testCase.name !== testCase.caseId ? `${testCase.caseId}: ${testCase.name}` : testCase.caseId;
  const trials =
    testCase.trials.length > 1
      ? ` (${testCase.trials.filter((t) => t.status === 'passed').length}/${testCase.trials.length} trials, pass^${testCase.trials.length} ${testCase.passHatK.toFixed(2)})`
      : '';
  if (testCase.status === 'skipped') return `   ${mark} ${title} — skipped: ${testCase.skipReason ?? 'not evaluated'}`;
  const more = testCase.violations.length > 1 ? ` (+${testCase.violations.length - 1} more)` : '';
  return `   ${mark} ${title}${trials} — ${firstViolation(testCase)}${more}`;
}

function suiteLines(suite: SuiteResult): string[] {
  const { counts, interval } = suite;
  const gate = suite.threshold === undefined ? 'no threshold' : `threshold ${percent(suite.threshold)}`;
  const lines = [
    ` ${suite.passed ? '✓' : '✗'} ${suite.name}${suite.file ? `  ${suite.file}` : ''}`,
    `   cases ${counts.passed}/${counts.cases} passed${counts.errored ? `, ${counts.errored} errored` : ''}${counts.skipped ? `, ${counts.skipped} skipped` : ''} · ` +
      `pass rate ${percent(suite.passRate)} over ${counts.trials} trials ` +
      `[${Math.round(interval.confidence * 100)}% CI ${percent(interval.low)}–${percent(interval.high)}] · ${gate}`,
  ];
  for (const testCase of suite.cases) if (testCase.status !== 'passed') lines.push(caseLine(testCase));
  lines.push(
    `   tokens ${suite.tokens.input} in / ${suite.tokens.output} out · cost $${suite.costUsd.toFixed(4)} · ` +
      `latency p50 ${Math.round(suite.latencyMs.p50)} ms, p95 ${Math.round(suite.latencyMs.p95)} ms`,
  );
  return lines;
}

/** The compact terminal summary printed after Vitest's own output. */
export function formatSummary(report: RunReport, verdict: GateVerdict, reportPath: string): string {
  const head = `agent-cicd${report.tier ? ` · tier ${report.tier}` : ''} · ${report.suites.length} suite(s) · report ${reportPath}`;
  const lines = [head, ...report.suites.flatMap(suiteLines)];
  const skipped = report.totals.counts.skipped ?? 0;
  if (report.options?.skipJudge) lines.push(`judge skipped (judge: false): ${skipped} case(s) skipped, not evaluated`);
  lines.push(verdict.failed ? `gate FAILED: ${verdict.reasons.join('; ')}` : 'gate passed');
  return `\n${lines.join('\n')}\n`;
}

import type { RunReport } from '@agent-cicd/core';
import { type GateVerdict, percent } from './gate-verdict.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** The markdown summary appended to `$GITHUB_STEP_SUMMARY`. */
export function formatMarkdown(report: RunReport, verdict: GateVerdict): string {
  const lines = [
    `## agent-cicd: ${verdict.failed ? '❌ gate failed' : '✅ gate passed'}`,
    '',
    '| suite | cases passed | pass rate | 95% interval | threshold | tokens | cost |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const suite of report.suites) {
    lines.push(
      `| ${suite.passed ? '✅' : '❌'} ${cell(suite.name)} | ${suite.counts.passed}/${suite.counts.cases}${suite.counts.skipped ? ` (${suite.counts.skipped} skipped)` : ''} | ` +
        `${percent(suite.passRate)} | ${percent(suite.interval.low)}–${percent(suite.interval.high)} | ` +
        `${suite.threshold === undefined ? '—' : percent(suite.threshold)} | ` +
        `${suite.tokens.input + suite.tokens.output} | $${suite.costUsd.toFixed(4)} |`,
    );
  }
  const failed = report.suites.flatMap((suite) =>
    suite.cases
      .filter((testCase) => testCase.status !== 'passed')
      .map(
        (testCase) =>
          `- **${cell(suite.name)} › ${cell(testCase.caseId)}** (${testCase.status}): ${cell(testCase.skipReason ?? (testCase.violations.map((v) => v.message).join('; ') || testCase.status))}`,
      ),
  );
  if (failed.length) lines.push('', '### Cases that did not pass', '', ...failed);
  if (verdict.reasons.length)
    lines.push('', '### Why the gate failed', '', ...verdict.reasons.map((r) => `- ${cell(r)}`));
  return `${lines.join('\n')}\n`;
}

import { renderDecisionMarkdown } from '../decision/render-decision.js';
import type { PipelineRecord } from './pipeline-record.js';
import type { PipelineResult } from './pipeline-result.js';

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function icon(result: PipelineResult): string {
  if (result.status === 'passed') return '✅';
  if (result.status === 'skipped') return '⏭️';
  return result.exitCode === 3 ? '⏸️' : '❌';
}

/** Seconds as `0.42 s` / `12.3 s` / `2m 05s`. */
export function formatDuration(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')}s`;
}

/**
 * The seed's markdown report: each stage with its status and duration, how many passed, the failed stage's
 * output, then the gate's evidence table when the gate ran.
 */
export function renderPipelineMarkdown(record: PipelineRecord): string {
  const rows = record.stages.map(
    (result) =>
      `| ${icon(result)} \`${result.stage}\` | ${result.status} | ${result.status === 'skipped' ? '–' : formatDuration(result.durationSeconds)} | ${cell(result.summary)} |`,
  );
  const failed = record.stages.find((result) => result.status === 'failed');
  const output = typeof failed?.details.output === 'string' ? failed.details.output.trimEnd() : '';
  const lines = [
    '## agent-cicd pipeline',
    '',
    `Run \`${record.runId}\`${record.dryRun ? ' (dry run: docker and kubectl printed, not run)' : ''}: **${record.passed} of ${record.stages.length} stages passed**${failed ? `, \`${failed.stage}\` failed` : ''} in ${formatDuration(record.durationSeconds)}.`,
    '',
    '| stage | status | duration | result |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ];
  if (failed && output !== '') {
    lines.push(`<details><summary>${failed.stage} output</summary>`, '', '```', output, '```', '', '</details>', '');
  }
  const artifacts = record.stages.flatMap((result) =>
    result.artifacts.map((artifact) => `- \`${result.stage}\`: ${artifact}`),
  );
  if (artifacts.length > 0) lines.push('### Artifacts', '', ...artifacts, '');
  if (record.decision !== undefined) lines.push(renderDecisionMarkdown(record.decision));
  return `${lines.join('\n').trimEnd()}\n`;
}

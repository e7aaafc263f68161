import { rm } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import {
  createRunContext,
  findSuiteFiles,
  loadSuiteFile,
  type RunReport,
  runSuite,
  writeRunReport,
} from '@agent-cicd/core';
import type { PipelineContext } from '../pipeline-stage.js';

export interface RunSuitesOptions {
  suites: string[];
  tier: string;
  report: string;
  trials?: number | undefined;
  seed?: number | undefined;
  concurrency?: number;
  judge?: boolean;
  env?: Record<string, string | undefined>;
}

/** Runs suite files on a tier and writes the run report (and its JSONL results) under the project. */
export async function runSuites(
  context: PipelineContext,
  options: RunSuitesOptions,
): Promise<{ report: RunReport; reportFile: string; artifacts: string[] }> {
  const { cwd } = context;
  const files = await findSuiteFiles(options.suites, cwd);
  const suites = [];
  for (const file of files) {
    const { suite } = await loadSuiteFile(file);
    suites.push({ suite, file: relative(cwd, file) || file });
  }
  const runContext = await createRunContext({
    cwd,
    env: options.env ?? context.env,
    tier: options.tier,
    ...(context.configFile === undefined ? {} : { configFile: context.configFile }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(context.llm === undefined ? {} : { llm: context.llm }),
    ...(options.judge === false ? { judge: false } : {}),
  });
  const reportFile = resolve(cwd, options.report);
  const resultsFile = `${reportFile.replace(/\.json$/, '')}.jsonl`;
  await rm(reportFile, { force: true });
  await rm(resultsFile, { force: true });
  const report = await runSuite({
    suites,
    context: runContext,
    concurrency: options.concurrency ?? 4,
    ...(options.trials === undefined ? {} : { trials: options.trials }),
    resultsFile,
    keepResults: false,
    ...(context.signal === undefined ? {} : { signal: context.signal }),
  });
  await writeRunReport({ report, resultsFile, file: reportFile });
  return {
    report,
    reportFile,
    artifacts: [relative(cwd, reportFile) || reportFile, relative(cwd, resultsFile) || resultsFile],
  };
}

/** `name 1.000, other 0.750 (below threshold 0.9); 32 trials on dev`. */
export function describeRun(report: RunReport): string {
  const suites = report.suites.map((suite) => {
    const skipped = suite.counts.skipped ?? 0;
    const below = suite.passed
      ? ''
      : skipped === suite.counts.cases
        ? ' (every case skipped: judge skipped, nothing evaluated)'
        : ` (below threshold ${suite.threshold ?? 'all cases'})`;
    return `${suite.name} ${suite.passRate.toFixed(3)}${below}${skipped && skipped < suite.counts.cases ? ` (${skipped} skipped)` : ''}`;
  });
  const trials = report.suites.reduce((sum, suite) => sum + suite.counts.trials, 0);
  const status = report.status === 'complete' ? '' : `run ${report.status}: ${report.statusReason ?? ''}; `;
  return `${status}${suites.join(', ')}; ${trials} trials on ${report.tier ?? 'dev'}`;
}

import { access } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { findSuiteFiles } from '@agent-cicd/core';
import { AgentCicdError } from '@agent-cicd/core/errors';
import { z } from 'zod';
import { decide } from '../../decision/decide.js';
import { decisionExitCode } from '../../decision/decision-exit-code.js';
import { loadRunReport } from '../../decision/load-run-report.js';
import { loadPolicy } from '../../policy/load-policy.js';
import { defineStage, type StageRunContext } from '../pipeline-stage.js';
import { describeRun, runSuites } from './run-suites.js';

export const PromptRegressionOptionsSchema = z
  .object({
    suites: z.array(z.string().min(1)).min(1).default(['.']),
    tier: z.string().min(1).default('dev'),
    trials: z.number().int().min(1).optional(),
    seed: z.number().int().optional(),
    concurrency: z.number().int().min(1).default(4),
    baseline: z.string().min(1).default('baseline/report.json'),
    policy: z.string().min(1).default('gates.yaml'),
    report: z.string().min(1).default('.agent-cicd/report.json'),
    judge: z.boolean().default(true),
  })
  .strict();
export type PromptRegressionOptions = z.output<typeof PromptRegressionOptionsSchema>;

/** Flags (`--tier`, `--trials`, `--seed`, suites …) win over the config's stage options. */
function effective(context: StageRunContext<PromptRegressionOptions>): PromptRegressionOptions {
  const { shared, options } = context;
  return {
    ...options,
    ...(shared.suites === undefined ? {} : { suites: shared.suites }),
    ...(shared.tier === undefined ? {} : { tier: shared.tier }),
    ...(shared.trials === undefined ? {} : { trials: shared.trials }),
    ...(shared.seed === undefined ? {} : { seed: shared.seed }),
    ...(shared.baseline === undefined ? {} : { baseline: shared.baseline }),
    ...(shared.policy === undefined ? {} : { policy: shared.policy }),
    ...(shared.report === undefined ? {} : { report: shared.report }),
  };
}

/**
 * `prompt_regression`: every suite on the chosen tier (default dev: mock LLM, mock tools), the candidate's run
 * report written, then the statistical gate against the baseline report under the gate policy. Passes on
 * promote/advance; hold fails with exit code 3, rollback with 1. A suite under its threshold alone does not
 * fail the stage: the gate judges the pass rates and its evidence is what a reviewer needs.
 */
export const promptRegressionStage = defineStage({
  name: 'prompt_regression',
  description: 'the prompt suites on the chosen tier, then the gate against the baseline',
  options: PromptRegressionOptionsSchema,
  async validate(context) {
    const options = effective(context);
    for (const [flag, file] of [
      ['baseline', options.baseline],
      ['policy', options.policy],
    ] as const) {
      const found = await access(resolve(context.cwd, file)).then(
        () => true,
        () => false,
      );
      if (!found) {
        throw new AgentCicdError('AGENT_CICD_FILE_NOT_FOUND', `prompt_regression ${flag}: file not found`, {
          location: { file: resolve(context.cwd, file) },
        });
      }
    }
    await findSuiteFiles(options.suites, context.cwd);
  },
  async run(context) {
    const options = effective(context);
    const { cwd } = context;
    const { report, reportFile, artifacts } = await runSuites(context, {
      suites: options.suites,
      tier: options.tier,
      report: options.report,
      trials: options.trials,
      seed: options.seed,
      concurrency: options.concurrency,
      judge: options.judge,
    });
    const shownReport = relative(cwd, reportFile) || reportFile;
    context.state.reportFile = reportFile;
    const run = describeRun(report);
    if (report.status !== 'complete') {
      return { status: 'failed', summary: run, details: { reportStatus: report.status }, artifacts: [shownReport] };
    }
    const [baseline, candidate, policy] = await Promise.all([
      loadRunReport(resolve(cwd, options.baseline)),
      loadRunReport(reportFile),
      loadPolicy(resolve(cwd, options.policy)),
    ]);
    context.state.report = candidate;
    const decision = decide({ baseline, candidate, policy });
    context.state.decision = decision;
    const ok = decision.action === 'promote' || decision.action === 'advance';
    return {
      status: ok ? 'passed' : 'failed',
      summary: `${run} → ${shownReport}; ${decision.action.toUpperCase()}: ${decision.reasons[0] ?? ''}`.trim(),
      details: {
        tier: options.tier,
        trials: report.suites.reduce((sum, suite) => sum + suite.counts.trials, 0),
        suites: report.suites.map((suite) => ({ name: suite.name, passRate: suite.passRate, passed: suite.passed })),
        action: decision.action,
        reasons: decision.reasons,
      },
      artifacts,
      ...(ok ? {} : { exitCode: decisionExitCode(decision) }),
    };
  },
});

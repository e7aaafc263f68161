import { resolve } from 'node:path';
import { importModule } from '@agent-cicd/core';
import { z } from 'zod';
import { defineStage } from '../pipeline-stage.js';
import { describeRun, runSuites } from './run-suites.js';

export const E2eTestOptionsSchema = z
  .object({
    /** Suites whose `http` target reads `${STAGING_URL}`. */
    suites: z.array(z.string().min(1)).min(1).default(['e2e']),
    /** The staging URL (default: deploy_staging's `url`, else `$STAGING_URL`). */
    url: z.url().optional(),
    trials: z.number().int().min(1).optional(),
    report: z.string().min(1).default('.agent-cicd/e2e-report.json'),
    /**
     * Without a staging URL (a dry-run deploy, a laptop): start the service in-process from this module —
     * its export `start({ port: 0, host: '127.0.0.1', root, env })` resolves to `{ url, close() }` — and test that.
     */
    localService: z
      .object({ module: z.string().min(1), export: z.string().min(1).default('start') })
      .strict()
      .optional(),
  })
  .strict();

interface LocalService {
  url: string;
  close(): Promise<void>;
}

/**
 * `e2e_test`: suites with an `http` target against the staging URL (`STAGING_URL` in their environment). Every
 * suite must meet its threshold. With no staging URL and a `localService`, the service runs in-process on an
 * ephemeral port — the same HTTP surface, on this machine.
 */
export const e2eTestStage = defineStage({
  name: 'e2e_test',
  description: 'http-target suites against the staging URL',
  options: E2eTestOptionsSchema,
  async run(context) {
    const { options, cwd, env } = context;
    let url = options.url ?? context.state.stagingUrl ?? env.STAGING_URL;
    let local: LocalService | undefined;
    if (url === undefined) {
      if (options.localService === undefined) {
        return {
          status: 'failed',
          summary: 'no staging URL: set deploy_staging.url, $STAGING_URL or e2e_test.localService',
        };
      }
      const module = await importModule(resolve(cwd, options.localService.module));
      const start = module[options.localService.export];
      if (typeof start !== 'function') {
        throw new Error(`${options.localService.module} has no function export "${options.localService.export}"`);
      }
      local = (await start({ port: 0, host: '127.0.0.1', root: cwd, env })) as LocalService;
      url = local.url.replace(/\/$/, '');
    }
    try {
      const { report, artifacts } = await runSuites(context, {
        suites: options.suites,
        tier: context.shared.tier ?? 'dev',
        report: options.report,
        trials: options.trials,
        judge: false,
        env: { ...env, STAGING_URL: url },
      });
      const ok = report.status === 'complete' && report.suites.every((suite) => suite.passed);
      return {
        status: ok ? 'passed' : 'failed',
        summary: `${describeRun(report)} against ${local ? `a local service (${url})` : url}`,
        details: {
          url,
          local: local !== undefined,
          suites: report.suites.map((suite) => ({ name: suite.name, passRate: suite.passRate, passed: suite.passed })),
        },
        artifacts,
      };
    } finally {
      await local?.close();
    }
  },
});

import { appendFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { createResultRedactor, type RunReport } from '@agent-cicd/core';
import { buildRunReport, summarizeSuite } from '@agent-cicd/core/testing';
import type { Reporter, SerializedError, TestModule, TestRunEndReason, Vitest } from 'vitest/node';
import { type ResolvedAgentCicdOptions, resolveAgentCicdOptions } from '../plugin/options.js';
import { collectCases } from './collect-cases.js';
import { formatMarkdown } from './format-markdown.js';
import { formatSummary } from './format-summary.js';
import { gateVerdict } from './gate-verdict.js';

/** Report file of one shard: `report.json` → `report.shard-2-of-3.json` (`.html`, `.xml` alike), so shards never overwrite each other. */
export function shardReportPath(outputFile: string, shard: { index: number; count: number } | undefined): string {
  if (!shard) return outputFile;
  const suffix = `.shard-${shard.index}-of-${shard.count}`;
  const extension = /\.(json|html|xml)$/.exec(outputFile)?.[0];
  return extension ? `${outputFile.slice(0, -extension.length)}${suffix}${extension}` : `${outputFile}${suffix}`;
}

/** The `htmlFile` / `junitFile` options: the report's HTML and JUnit views, written atomically. */
async function writeReportViews(
  report: RunReport,
  root: string,
  shard: { index: number; count: number } | undefined,
  options: ResolvedAgentCicdOptions,
): Promise<Array<{ kind: 'HTML' | 'JUnit'; path: string }>> {
  if (options.htmlFile === undefined && options.junitFile === undefined) return [];
  const { renderHtmlReport, renderJunit, writeFileAtomic } = await import('@agent-cicd/core/report');
  const written: Array<{ kind: 'HTML' | 'JUnit'; path: string }> = [];
  if (options.htmlFile !== undefined) {
    const path = resolve(root, shardReportPath(options.htmlFile, shard));
    await writeFileAtomic(path, renderHtmlReport(report));
    written.push({ kind: 'HTML', path });
  }
  if (options.junitFile !== undefined) {
    const path = resolve(root, shardReportPath(options.junitFile, shard));
    await writeFileAtomic(path, renderJunit(report));
    written.push({ kind: 'JUnit', path });
  }
  return written;
}

/**
 * Collects the prompt cases' results from `task.meta`, writes the RunReport, prints a summary per suite,
 * appends markdown to `$GITHUB_STEP_SUMMARY`, and sets the exit code from the suites' thresholds.
 */
export class AgentCicdReporter implements Reporter {
  private vitest: Vitest | undefined;
  private startedAt = new Date();
  private readonly options: ResolvedAgentCicdOptions;
  private readonly env: Record<string, string | undefined>;
  /** The last report written, for programmatic callers. */
  report: RunReport | undefined;

  constructor(options: ResolvedAgentCicdOptions = resolveAgentCicdOptions(), env = process.env) {
    this.options = options;
    this.env = env;
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunStart(): void {
    this.startedAt = new Date();
  }

  async onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): Promise<void> {
    const vitest = this.vitest;
    if (!vitest) return;
    const root = vitest.config.root;
    const collected = collectCases(modules, root);
    if (collected.suites.length === 0) return;
    // Case results from `runCase` are redacted already; results built by `promptTest` code are not.
    const redact = createResultRedactor({ env: this.env });
    const report = redact(
      buildRunReport({
        suites: collected.suites.map(({ info, cases }) => summarizeSuite(cases, info)),
        status: reason === 'interrupted' ? 'incomplete' : 'complete',
        startedAt: this.startedAt,
        ...(collected.tier === undefined ? {} : { tier: collected.tier }),
        ...(this.options.judge ? {} : { options: { skipJudge: true } }),
      }),
    );
    this.report = report;
    const path = resolve(root, shardReportPath(this.options.outputFile, vitest.config.shard));
    await mkdir(dirname(path), { recursive: true });
    // Temp file + rename: a reader (a gate, a merge) never sees half a report.
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(report, null, 2)}\n`);
    await rename(temp, path);
    const views = await writeReportViews(report, root, vitest.config.shard, this.options);

    const verdict = gateVerdict({
      report,
      otherFailures: collected.otherFailures,
      unhandledErrors: unhandledErrors.length,
      interrupted: reason === 'interrupted',
      failOnError: this.options.failOnError,
    });
    if (this.options.summary) {
      vitest.logger.log(formatSummary(report, verdict, relative(process.cwd(), path) || path));
      for (const view of views)
        vitest.logger.log(`${view.kind} report: ${relative(process.cwd(), view.path) || view.path}`);
    }
    const summaryFile = this.env.GITHUB_STEP_SUMMARY;
    if (this.options.githubSummary && summaryFile) await appendFile(summaryFile, formatMarkdown(report, verdict));
    // Vitest has already set exitCode 1 if any test failed. Failed cases of a suite that meets its threshold
    // are tolerated, so the verdict (which also counts every non-case failure) decides both ways.
    process.exitCode = verdict.failed ? 1 : 0;
  }
}

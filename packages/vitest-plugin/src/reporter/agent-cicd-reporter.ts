import { appendFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { createResultRedactor, type RunReport, writeRunReport } from '@agent-cicd/core';
import type { Reporter, SerializedError, TestModule, TestRunEndReason, TestSpecification, Vitest } from 'vitest/node';
import { type ResolvedAgentCicdOptions, resolveAgentCicdOptions } from '../plugin/options.js';
import { type CollectedRun, collectCases } from './collect-cases.js';
import { formatMarkdown } from './format-markdown.js';
import { formatSummary } from './format-summary.js';
import { gateVerdict } from './gate-verdict.js';
import { journalDir } from './journal-dir.js';
import { removeJournal, streamJournaledCases } from './write-streamed-report.js';

/** Report file of one shard: `report.json` → `report.shard-2-of-3.json` (`.html`, `.xml` alike), so shards never overwrite each other. */
export function shardReportPath(outputFile: string, shard: { index: number; count: number } | undefined): string {
  if (!shard) return outputFile;
  const suffix = `.shard-${shard.index}-of-${shard.count}`;
  const extension = /\.(json|html|xml)$/.exec(outputFile)?.[0];
  return extension ? `${outputFile.slice(0, -extension.length)}${suffix}${extension}` : `${outputFile}${suffix}`;
}

/** The `htmlFile` / `junitFile` options: the report's HTML and JUnit views, written atomically. */
async function writeReportViews(
  reportFile: string,
  root: string,
  shard: { index: number; count: number } | undefined,
  options: ResolvedAgentCicdOptions,
): Promise<Array<{ kind: 'HTML' | 'JUnit'; path: string }>> {
  if (options.htmlFile === undefined && options.junitFile === undefined) return [];
  const { renderHtmlReport, renderJunit, writeFileAtomic } = await import('@agent-cicd/core/report');
  // The views list every case: read the report back (only when a view is asked for).
  const { generatedFileLimits, parseGeneratedJson, readTextFile } = await import('@agent-cicd/core/source');
  const text = await readTextFile(reportFile, reportFile, { maxBytes: generatedFileLimits.maxBytes });
  const report = parseGeneratedJson(text, reportFile).value as RunReport;
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
 * Collects the prompt cases from Vitest's task tree and their results from the workers' journal, writes the
 * RunReport (streamed, atomically), prints a summary per suite,
 * appends markdown to `$GITHUB_STEP_SUMMARY`, and sets the exit code from the suites' thresholds.
 */
export class AgentCicdReporter implements Reporter {
  private vitest: Vitest | undefined;
  private startedAt = new Date();
  private readonly options: ResolvedAgentCicdOptions;
  private readonly env: Record<string, string | undefined>;
  /** The last report written, for programmatic callers; its suites list the cases that did not pass (the file has all). */
  report: RunReport | undefined;
  /** Where the workers journal finished cases (the plugin hands the same directory to them). */
  private readonly journalDir: string;

  constructor(
    options: ResolvedAgentCicdOptions = resolveAgentCicdOptions(),
    env = process.env,
    journal = journalDir(),
  ) {
    this.options = options;
    this.env = env;
    this.journalDir = journal;
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification> = []): void {
    this.startedAt = new Date();
    // Before the workers start: a suite file groups its cases (`casesPerTest: 'auto'`) only when no name filter
    // (`-t`, also set in watch mode or on one specification) could select single cases.
    const filtered =
      this.vitest?.getGlobalTestNamePattern?.() !== undefined ||
      specifications.some((specification) => specification.testNamePattern !== undefined);
    this.vitest?.provide?.('agentCicdNameFilter', filtered);
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
    const journal = this.journalDir;
    try {
      if (collected.suites.length === 0) return;
      await this.finish(vitest, collected, unhandledErrors, reason, journal);
    } finally {
      await removeJournal(journal);
    }
  }

  private async finish(
    vitest: Vitest,
    collected: CollectedRun,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
    journal: string,
  ): Promise<void> {
    const root = vitest.config.root;
    // The cases stream from the workers' journal into the report file: memory holds counts and the cases that did
    // not pass (for the summaries), not every case.
    const { summary, resultsFile } = await streamJournaledCases({
      collected,
      journalDir: journal,
      root,
      status: reason === 'interrupted' ? 'incomplete' : 'complete',
      startedAt: this.startedAt,
      ...(this.options.judge ? {} : { options: { skipJudge: true } }),
    });
    // Case results from `runCase` are redacted already; results built by `promptTest` code are not.
    const redact = createResultRedactor({ env: this.env });
    const report = redact(summary);
    this.report = report;
    const path = resolve(root, shardReportPath(this.options.outputFile, vitest.config.shard));
    // Temp file + rename (in the report's directory): a reader (a gate, a merge) never sees half a report.
    await writeRunReport({ report, resultsFile, file: path, redact });
    const views = await writeReportViews(path, root, vitest.config.shard, this.options);

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

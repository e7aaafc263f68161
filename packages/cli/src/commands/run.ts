import { relative, resolve } from 'node:path';
import type { LoadedSuite, RunReport } from '@agent-cicd/core';
import { AgentCicdError } from '@agent-cicd/core/errors';
import { ExitCode } from '../exit-code.js';
import { optionalIntegerOption, parseNumberOption } from '../options/parse-option-values.js';
import { checkOutputPath } from './check-output-path.js';
import { type FailingCase, formatFailingCases } from './format-failing-cases.js';
import {
  resolveMatrixCells,
  runMatrixCells,
  selectBestSummary,
  summarizeMatrix,
  writeMatrixReport,
} from './run-matrix.js';
import { createProgressPrinter } from './run-progress.js';
import type { RegisterCommand } from './types.js';

interface RunOptions {
  verbose?: boolean;
  tier?: string;
  trials?: string;
  concurrency?: string;
  report: string;
  results?: string;
  resume?: boolean;
  maxCost?: string;
  maxCalls?: string;
  seed?: string;
  config?: string;
  mockScript?: string;
  mockTools?: string;
  cassette?: string;
  judge: boolean;
  junit?: string;
  html?: string;
  matrix?: boolean;
  models?: string;
  promptVersions?: string;
  selectBest?: boolean;
  shard?: string;
}

export const registerRunCommand: RegisterCommand = (program, io, state) => {
  program
    .command('run')
    .description("Run prompt test suites against the tier's model and tools, and write a run report.")
    .argument('<suites...>', 'suite files (*.prompt.yaml, *.suite.yaml, *.cases.json) or directories holding them')
    .option('--tier <name>', 'dev | staging | canary | production (default: $AGENT_CICD_TIER, $DEPLOYMENT_ENV, dev)')
    .option('--trials <n>', 'trials per case, overriding the suites (pass rate, pass^k, pass@k per case)')
    .option(
      '--concurrency <n>',
      "trials running at once across the run, one limit for all cases (default: the provider's concurrency, llm.concurrency of the config, else 8)",
    )
    .option('--report <file>', 'where the JSON run report is written', '.agent-cicd/report.json')
    .option('--results <file>', 'JSONL file each finished case is appended to (default: the report path with .jsonl)')
    .option('--resume', 'continue the run recorded in the results file instead of starting over')
    .option('--max-cost <usd>', 'stop the run (status budget_exceeded) once it has spent this many USD')
    .option('--max-calls <n>', 'stop the run (status budget_exceeded) after this many model calls')
    .option('--seed <n>', 'seed of the mock LLM (same seed, same results)')
    .option(
      '--config <file>',
      "config file (default: the agent-cicd.config.* of the suites' project, found from their folder up)",
    )
    .option('--mock-script <file>', 'mock LLM script, overriding mock.script of the config')
    .option('--mock-tools <file>', 'mock tools file, overriding mock.tools of the config')
    .option(
      '--cassette <mode>',
      'record | replay | auto | off: record model calls to, or replay them from, cassette.dir (default: $AGENT_CICD_CASSETTE, the config, off)',
    )
    .option(
      '--no-judge',
      'skip the LLM judge and model-graded checks: cases with nothing else to check are skipped (never passed), recorded in the report',
    )
    .option('--verbose', 'list every violation of each failing case (default: the first)')
    .option('--junit <file>', 'also write the results as JUnit XML (for CI systems that read it)')
    .option('--html <file>', 'also write the self-contained HTML report')
    .option('--matrix', "run every case in every cell of the config's matrix (models × prompt versions), same seeds")
    .option('--models <list>', 'matrix over these models (comma-separated), overriding matrix.models')
    .option(
      '--prompt-versions <list>',
      'matrix over these prompt versions (comma-separated), overriding matrix.promptVersions',
    )
    .option(
      '--shard <i/n>',
      'run only shard i of n (a stable partition by suite and case id); merge the shard reports with `report merge`',
    )
    .option(
      '--select-best',
      "after a matrix run, the judge's model picks the best cell's answer for every trial (promptfoo select-best)",
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 every suite meets its threshold, 1 a suite does not (or the run was interrupted or over budget), 2 invalid input.',
    )
    .action(async (paths: string[], options: RunOptions) => {
      // Loaded on use, so other subcommands and --help do not pay for the runner's modules at startup.
      const {
        createRunContext,
        findConfigForFiles,
        findSuiteFiles,
        loadSuiteFile,
        parseShard,
        runSuite,
        runVerdict,
        shardSuites,
        writeRunReport,
      } = await import('@agent-cicd/core');
      const cwd = io.cwd;
      const trials = optionalInt(options.trials, '--trials', 1);
      // Unset: the provider's concurrency (`context.concurrency`), the same default as the Vitest plugin's.
      const concurrency = optionalInt(options.concurrency, '--concurrency', 1);
      const maxCalls = optionalInt(options.maxCalls, '--max-calls', 1);
      const seed = optionalInt(options.seed, '--seed', Number.MIN_SAFE_INTEGER);
      const maxCost =
        options.maxCost === undefined ? undefined : parseNumberOption(options.maxCost, '--max-cost', { above: 0 });
      const shard = options.shard === undefined ? undefined : parseShard(options.shard);
      const reportFile = resolve(cwd, options.report);
      const resultsFile = resolve(cwd, options.results ?? `${reportFile.replace(/\.json$/, '')}.jsonl`);
      checkOutputPath('--report', reportFile, options.report);
      checkOutputPath('--results', resultsFile, options.results ?? relative(cwd, resultsFile));
      if (reportFile === resultsFile) {
        throw new AgentCicdError('AGENT_CICD_USAGE', '--report and --results must be different files');
      }
      const files = await findSuiteFiles(paths, cwd);
      const suites: LoadedSuite[] = [];
      for (const file of files) suites.push(await loadSuiteFile(file));
      // Like lint: the config of the suites' project (`run prompts/` uses prompts/agent-cicd.config.yaml).
      const configFile = options.config ?? (await findConfigForFiles(files, cwd));
      const contextOptions = {
        cwd,
        env: io.env,
        ...(options.tier === undefined ? {} : { tier: options.tier }),
        ...(configFile === undefined ? {} : { configFile }),
        ...(seed === undefined ? {} : { seed }),
        ...(options.mockScript === undefined ? {} : { mockScript: options.mockScript }),
        ...(options.mockTools === undefined ? {} : { mockTools: options.mockTools }),
        ...(options.cassette === undefined ? {} : { cassette: options.cassette }),
        ...(options.judge ? {} : { judge: false as const }),
      };
      const cells =
        options.matrix || options.models !== undefined || options.promptVersions !== undefined
          ? await resolveMatrixCells({ ...contextOptions, ...options })
          : undefined;
      if (options.selectBest && (!cells || !options.judge)) {
        throw new AgentCicdError(
          'AGENT_CICD_USAGE',
          '--select-best needs a matrix run (--matrix) and the judge (no --no-judge)',
        );
      }
      // A matrix run creates one context per cell (same seed, its own model and prompt version).
      const context = cells ? undefined : await createRunContext(contextOptions);

      const controller = new AbortController();
      let signals = 0;
      const onSignal = (signal: NodeJS.Signals): void => {
        signals++;
        if (signals > 1) process.exit(130);
        io.stderr(`\nagent-cicd run: ${signal} received, finishing the report (again to quit at once)\n`);
        controller.abort(new Error(`interrupted by ${signal}`));
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const progress = createProgressPrinter({
        write: io.stderr,
        tty: Boolean(process.stderr.isTTY) && io.env.CI === undefined,
      });
      let report: RunReport;
      const failing: FailingCase[] = [];
      const common = {
        suites: (shard ? shardSuites(suites, shard) : suites).map(({ suite, file }) => ({
          suite,
          file: relative(cwd, file) || file,
        })),
        ...(shard ? { subject: { shard: `${shard.index}/${shard.count}` } } : {}),
        ...(concurrency === undefined ? {} : { concurrency }),
        ...(trials === undefined ? {} : { trials }),
        resume: options.resume ?? false,
        ...(maxCost === undefined && maxCalls === undefined
          ? {}
          : {
              budget: {
                ...(maxCost === undefined ? {} : { maxCostUsd: maxCost }),
                ...(maxCalls === undefined ? {} : { maxCalls }),
              },
            }),
        signal: controller.signal,
        onProgress: (p: Parameters<typeof progress.update>[0]) => {
          progress.update(p);
          if (p.result.status !== 'passed') failing.push({ suite: p.suite, result: p.result });
        },
      };
      try {
        report =
          cells || !context
            ? await runMatrixCells({ ...common, cells: cells ?? [], contextOptions, resultsFile, io })
            : await runSuite({
                ...common,
                context,
                resultsFile,
                // Case results live in the JSONL file only; the report is streamed from it below.
                keepResults: false,
              });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        progress.done();
      }
      if (report.matrix) {
        await writeMatrixReport(report, reportFile);
        io.stdout(await summarizeMatrix(report, relative(cwd, reportFile)));
        if (options.selectBest) io.stdout(await selectBestSummary(report, contextOptions, common.suites));
      } else {
        await writeRunReport({
          report,
          resultsFile,
          file: reportFile,
          ...(context?.redact ? { redact: context.redact } : {}),
        });
        io.stdout(formatFailingCases(failing, options.verbose ?? false));
        const { judgeSkippedNote } = await import('@agent-cicd/core/report');
        io.stdout(summarize(report, relative(cwd, reportFile), relative(cwd, resultsFile), judgeSkippedNote(report)));
      }
      if (options.junit !== undefined || options.html !== undefined) {
        io.stdout(await writeReportViews(io.cwd, reportFile, { junit: options.junit, html: options.html }));
      }
      // A matrix run explores: its cells may fail their thresholds; gate two cells with `gate --baseline-cell`.
      // Otherwise the one rule shared with the Vitest reporter and `report merge --gate` (errored cases fail it).
      const verdict = report.matrix === undefined ? runVerdict(report) : undefined;
      if (verdict && !verdict.passed) io.stdout(`run FAILED: ${verdict.reasons.join('; ')}\n`);
      const ok = report.matrix === undefined ? verdict?.passed === true : report.status === 'complete';
      state.exitCode = ok ? ExitCode.ok : ExitCode.failed;
    });
};

/** `--junit` / `--html`: the written report (cases included, streamed from the results file) in other formats. */
async function writeReportViews(
  cwd: string,
  reportFile: string,
  files: { junit: string | undefined; html: string | undefined },
): Promise<string> {
  const { loadRunReport } = await import('@agent-cicd/deploy-gates');
  const { renderHtmlReport, renderJunit, writeFileAtomic } = await import('@agent-cicd/core/report');
  const full = await loadRunReport(reportFile);
  let printed = '';
  if (files.junit !== undefined) {
    await writeFileAtomic(resolve(cwd, files.junit), renderJunit(full));
    printed += `JUnit XML: ${files.junit}\n`;
  }
  if (files.html !== undefined) {
    await writeFileAtomic(resolve(cwd, files.html), renderHtmlReport(full));
    printed += `HTML report: ${files.html}\n`;
  }
  return printed;
}

const optionalInt = (value: string | undefined, flag: string, min: number): number | undefined =>
  optionalIntegerOption(value, flag, { min });

function summarize(report: RunReport, reportFile: string, resultsFile: string, skippedNote?: string): string {
  const lines = report.suites.map((suite) => {
    const rate = suite.passRate.toFixed(3);
    const interval = `[${suite.interval.low.toFixed(3)}, ${suite.interval.high.toFixed(3)}]`;
    const threshold = suite.threshold === undefined ? 'all cases must pass' : `threshold ${suite.threshold}`;
    const { cases, passed, failed, errored, skipped, trials } = suite.counts;
    return `${suite.passed ? 'PASS' : 'FAIL'} ${suite.name}: pass rate ${rate} ${interval} (${threshold}); ${cases} cases (${passed} passed, ${failed} failed, ${errored} errors${skipped ? `, ${skipped} skipped` : ''}), ${trials} trials`;
  });
  if (skippedNote) lines.push(skippedNote);
  const { tokens, costUsd, latencyMs } = report.totals;
  lines.push(
    `tokens ${tokens.input} in / ${tokens.output} out, cost $${costUsd.toFixed(4)}, latency p50 ${Math.round(latencyMs.p50)} ms, p95 ${Math.round(latencyMs.p95)} ms, p99 ${Math.round(latencyMs.p99)} ms`,
  );
  if (report.status !== 'complete') {
    lines.push(`run ${report.status}: ${report.statusReason ?? ''}; continue it with --resume`);
  }
  lines.push(`report: ${reportFile}  results: ${resultsFile}`);
  return `${lines.join('\n')}\n`;
}

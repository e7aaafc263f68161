import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { RunReport } from '@agent-cicd/core';
import { ExitCode } from '../exit-code.js';
import { registerReportOutputs } from './report-outputs.js';
import type { RegisterCommand } from './types.js';

/** Reads a run report through the gate's loader (core's guarded path: size, UTF-8, located schema errors). */
async function readReport(file: string): Promise<RunReport> {
  const { loadRunReport } = await import('@agent-cicd/deploy-gates');
  return loadRunReport(file);
}

/** Same order as the Vitest reporter writes (suite file, then name), whichever shard a suite ran on. */
const bySuiteFile = (a: RunReport['suites'][number], b: RunReport['suites'][number]): number =>
  (a.file ?? '').localeCompare(b.file ?? '') || a.name.localeCompare(b.name);

/** `agent-cicd report merge <files…> --out F`: one report from the reports of `vitest --shard` runs. */
export const registerReportCommand: RegisterCommand = (program, io, state) => {
  const report = program
    .command('report')
    .description('work with run reports: view (html, show), export (junit, comment), merge');
  registerReportOutputs(report, io);
  report
    .command('merge')
    .description('merge the reports of sharded runs (vitest --shard=i/n) into one report')
    .argument('<files...>', 'report files to merge (e.g. .agent-cicd/report.shard-*.json)')
    .option('-o, --out <file>', 'where to write the merged report', '.agent-cicd/report.json')
    .option('--gate', 'exit 1 when a suite of the merged report is below its threshold or a case errored')
    .action(async (files: string[], options: { out: string; gate?: boolean }) => {
      const reports = await Promise.all(files.map((file) => readReport(resolve(io.cwd, file))));
      const { mergeRunReports, runVerdict } = await import('@agent-cicd/core');
      const merged = mergeRunReports(reports, { names: files });
      merged.suites.sort(bySuiteFile);
      const out = resolve(io.cwd, options.out);
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, `${JSON.stringify(merged, null, 2)}\n`);
      const { counts, passRate } = merged.totals;
      // The one rule shared with `agent-cicd run` and the Vitest reporter.
      const verdict = runVerdict(merged);
      io.stdout(
        `merged ${reports.length} reports: ${merged.suites.length} suites, ${counts.cases} cases, ` +
          `${counts.trials} trials, pass rate ${(passRate * 100).toFixed(1)}%` +
          `${counts.skipped ? ` (${counts.skipped} cases skipped: judge skipped, not evaluated)` : ''} → ${options.out}\n`,
      );
      if (options.gate && !verdict.passed) {
        io.stdout(`gate FAILED: ${verdict.reasons.join('; ')}\n`);
        state.exitCode = ExitCode.failed;
      }
    });
};

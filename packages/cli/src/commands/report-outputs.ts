import { resolve } from 'node:path';
import type { RunReport } from '@agent-cicd/core';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { parseIntegerOption } from '../options/parse-option-values.js';

/** Reads a run report, or exits 2 with `error[AGENT_CICD_REPORT_INVALID] file:line:col …`. */
async function load(io: CliIo, file: string): Promise<RunReport> {
  const { loadRunReport } = await import('@agent-cicd/deploy-gates');
  return loadRunReport(resolve(io.cwd, file));
}

/** The gate's decision for the HTML report and the PR comment, when a baseline is given. */
async function gateOf(io: CliIo, baseline: RunReport, candidate: RunReport, policyFile: string | undefined) {
  const { decide, decisionTable, defaultPolicy, loadPolicy, renderDecisionMarkdown } = await import(
    '@agent-cicd/deploy-gates'
  );
  const policy = policyFile === undefined ? defaultPolicy() : await loadPolicy(resolve(io.cwd, policyFile));
  const decision = decide({ baseline, candidate, policy });
  return { decision, table: decisionTable(decision), markdown: renderDecisionMarkdown(decision) };
}

async function write(io: CliIo, file: string, content: string): Promise<string> {
  const { writeFileAtomic } = await import('@agent-cicd/core/report');
  const path = resolve(io.cwd, file);
  await writeFileAtomic(path, content);
  return path;
}

/** `report html | show | junit | comment`: the views of a run report. */
export function registerReportOutputs(report: Command, io: CliIo): void {
  report
    .command('html')
    .description(
      'write one self-contained HTML file (no network) to look at a run: suites, gate, flipped cases, every case',
    )
    .argument('<report>', 'run report (JSON)')
    .option('--baseline <file>', "baseline run report: adds the gate's decision and the cases that flipped")
    .option('--policy <file>', 'gate policy for the decision (default: the default policy)')
    .option('--title <text>', 'page title')
    .option('-o, --out <file>', 'where to write the HTML', '.agent-cicd/report.html')
    .action(async (file: string, options: { baseline?: string; policy?: string; title?: string; out: string }) => {
      const candidate = await load(io, file);
      const baseline = options.baseline === undefined ? undefined : await load(io, options.baseline);
      const gate = baseline ? await gateOf(io, baseline, candidate, options.policy) : undefined;
      const { renderHtmlReport } = await import('@agent-cicd/core/report');
      const html = renderHtmlReport(candidate, {
        ...(baseline === undefined ? {} : { baseline }),
        ...(gate === undefined ? {} : { gate: gate.table }),
        ...(options.title === undefined ? {} : { title: options.title }),
      });
      await write(io, options.out, html);
      io.stdout(`HTML report → ${options.out}\n`);
    });
  report
    .command('show')
    .description('print a run report for a terminal: suites, then failing cases first with their violations')
    .argument('<report>', 'run report (JSON)')
    .option('--baseline <file>', 'mark the cases that flipped since this run report')
    .option('--width <columns>', 'line width', '100')
    .option('--max-failures <n>', 'failing cases listed in full', '50')
    .action(async (file: string, options: { baseline?: string; width: string; maxFailures: string }) => {
      const width = parseIntegerOption(options.width, '--width', { min: 40 });
      const maxFailures = parseIntegerOption(options.maxFailures, '--max-failures', { min: 0 });
      const candidate = await load(io, file);
      const baseline = options.baseline === undefined ? undefined : await load(io, options.baseline);
      const { renderReportText } = await import('@agent-cicd/core/report');
      io.stdout(renderReportText(candidate, { width, maxFailures, ...(baseline === undefined ? {} : { baseline }) }));
    });
  report
    .command('junit')
    .description('write JUnit XML (one testsuite per suite, one testcase per case) for CI systems that read it')
    .argument('<report>', 'run report (JSON)')
    .option('-o, --out <file>', 'where to write the XML', '.agent-cicd/junit.xml')
    .action(async (file: string, options: { out: string }) => {
      const { renderJunit } = await import('@agent-cicd/core/report');
      await write(io, options.out, renderJunit(await load(io, file)));
      io.stdout(`JUnit XML → ${options.out}\n`);
    });
  report
    .command('comment')
    .description('print (or write) a compact PR comment in markdown, at most 65,536 characters however large the run')
    .argument('<report>', 'run report (JSON)')
    .option('--baseline <file>', "baseline run report: adds the gate's decision and the flipped cases")
    .option('--policy <file>', 'gate policy for the decision (default: the default policy)')
    .option('--link <url>', 'link to the full report (e.g. the HTML artifact)')
    .option('-o, --out <file>', 'write the markdown here instead of printing it')
    .action(async (file: string, options: { baseline?: string; policy?: string; link?: string; out?: string }) => {
      const candidate = await load(io, file);
      const baseline = options.baseline === undefined ? undefined : await load(io, options.baseline);
      const gate = baseline ? await gateOf(io, baseline, candidate, options.policy) : undefined;
      const { renderPrComment } = await import('@agent-cicd/core/report');
      const markdown = renderPrComment(candidate, {
        ...(baseline === undefined ? {} : { baseline }),
        ...(gate === undefined ? {} : { gateMarkdown: gate.markdown, gateAction: gate.decision.action.toUpperCase() }),
        ...(options.link === undefined ? {} : { reportLink: options.link }),
      });
      if (options.out === undefined) io.stdout(markdown);
      else {
        await write(io, options.out, markdown);
        io.stdout(`PR comment (${markdown.length} characters) → ${options.out}\n`);
      }
    });
}

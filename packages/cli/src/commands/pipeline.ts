import { access, appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { AgentCicdError, type RunReport } from '@agent-cicd/core';
import type { Decision } from '@agent-cicd/deploy-gates';
import type { Command } from 'commander';
import { type CliIo, ExitCode, main } from '../main.js';
import type { CliState } from './types.js';

interface PipelineOptions {
  cwd?: string;
  tier: string;
  baseline: string;
  policy: string;
  report: string;
  summary: string;
  seed?: string;
}

/** Result of one stage: `detail` is its one-line result, `output` what the underlying command printed. */
export interface StageResult {
  name: string;
  status: 'ok' | 'failed' | 'skipped';
  exitCode: number;
  detail: string;
  output: string;
}

const STAGES = ['lint', 'manifest', 'run', 'gate'] as const;

/**
 * `agent-cicd pipeline`: the main CI job. Runs lint → manifest verify → run (candidate) → gate (against the
 * baseline report) by calling the subcommands themselves, prints one line per stage, stops at the first
 * failing stage, always writes a markdown summary, and exits with the gate's code.
 */
export function registerPipelineCommand(program: Command, io: CliIo, state: CliState): void {
  program
    .command('pipeline')
    .description(
      'The CI job: lint → manifest verify → run the suites (candidate) → gate against the baseline report → markdown summary.',
    )
    .argument(
      '[suites...]',
      'suite files or directories to run, relative to --cwd; "." is every suite file of the project',
      ['.'],
    )
    .option('--cwd <dir>', 'the agent project (where its agent-cicd.config.* lives); default: the current directory')
    .option('--tier <name>', 'tier the candidate runs on (dev: mock LLM and mock tools, no API key)', 'dev')
    .option('--baseline <file>', 'run report of the release in production', 'baseline/report.json')
    .option('--policy <file>', 'gate policy (YAML or JSON)', 'gates.yaml')
    .option('--report <file>', 'where the candidate run report is written', '.agent-cicd/report.json')
    .option(
      '--summary <file>',
      'where the markdown summary is written (also appended to $GITHUB_STEP_SUMMARY)',
      '.agent-cicd/summary.md',
    )
    .option('--seed <n>', 'seed of the mock LLM (same seed, same results)')
    .addHelpText(
      'after',
      '\nExit codes: 0 promote/advance, 1 rollback or a failed stage, 3 hold, 2 invalid input. Paths are relative to --cwd.',
    )
    .action(async (suites: string[], options: PipelineOptions) => {
      const cwd = resolve(io.cwd, options.cwd ?? '.');
      // Inputs the gate needs are checked before any stage runs: a typo is invalid input (exit 2), not a rollback.
      for (const [flag, file] of [
        ['--cwd', '.'],
        ['--baseline', options.baseline],
        ['--policy', options.policy],
      ] as const) {
        const found = await access(resolve(cwd, file)).then(
          () => true,
          () => false,
        );
        if (!found) {
          throw new AgentCicdError('AGENT_CICD_FILE_NOT_FOUND', `${flag}: file not found`, {
            location: { file: relative(io.cwd, resolve(cwd, file)) || file },
          });
        }
      }
      const results = await runPipeline({ cwd, io, suites, options });
      const summaryFile = resolve(cwd, options.summary);
      const markdown = renderSummary(results.stages, results.decisionMarkdown);
      await mkdir(dirname(summaryFile), { recursive: true });
      await writeFile(summaryFile, markdown);
      const stepSummary = io.env.GITHUB_STEP_SUMMARY;
      if (stepSummary) await appendFile(stepSummary, markdown);
      io.stdout(
        `summary   ${relative(io.cwd, summaryFile) || summaryFile}${stepSummary ? ' (and $GITHUB_STEP_SUMMARY)' : ''}\n`,
      );
      state.exitCode = results.exitCode;
    });
}

async function runPipeline({
  cwd,
  io,
  suites,
  options,
}: {
  cwd: string;
  io: CliIo;
  suites: string[];
  options: PipelineOptions;
}): Promise<{ stages: StageResult[]; exitCode: number; decisionMarkdown?: string }> {
  const stages: StageResult[] = [];
  let decision: Decision | undefined;
  const print = (stage: StageResult): void => {
    const mark =
      stage.status === 'ok'
        ? 'ok  '
        : stage.status === 'skipped'
          ? 'skip'
          : stage.exitCode === ExitCode.hold
            ? 'HOLD'
            : 'FAIL';
    io.stdout(`${stage.name.padEnd(9)} ${mark} ${stage.detail}\n`);
    if (stage.status === 'failed' && stage.output.trim() !== '') {
      io.stdout(`${stage.output.trimEnd().replace(/^/gm, '          ')}\n`);
    }
  };
  const seed = options.seed === undefined ? [] : ['--seed', options.seed];
  const reportFile = resolve(cwd, options.report);

  for (const name of STAGES) {
    const failed = stages.some((stage) => stage.status !== 'ok');
    if (failed) {
      const skipped: StageResult = { name, status: 'skipped', exitCode: 0, detail: 'not run', output: '' };
      stages.push(skipped);
      print(skipped);
      continue;
    }
    let stage: StageResult;
    if (name === 'lint') {
      const call = await invoke(['lint', '--quiet', '.'], cwd, io);
      stage = stageOf(name, call, lastLine(call.stderr), call.stdout);
    } else if (name === 'manifest') {
      const call = await invoke(['manifest', 'verify'], cwd, io);
      stage = stageOf(name, call, lastLine(call.stdout) || lastLine(call.stderr));
    } else if (name === 'run') {
      await rm(reportFile, { force: true });
      const call = await invoke(['run', ...suites, '--tier', options.tier, '--report', reportFile, ...seed], cwd, io);
      const report = call.exitCode === ExitCode.invalidInput ? undefined : await readReport(reportFile);
      // A suite under its threshold is not a pipeline failure by itself: the gate judges the pass rates
      // (floor, regression against the baseline) and its evidence is what a reviewer needs to see.
      const complete = report?.status === 'complete';
      stage = {
        name,
        status: complete ? 'ok' : 'failed',
        exitCode: complete ? ExitCode.ok : call.exitCode === ExitCode.ok ? ExitCode.failed : call.exitCode,
        detail: report ? describeRun(report, relative(cwd, reportFile)) : lastLine(call.stderr),
        output: call.stdout + call.stderr,
      };
    } else {
      const call = await invoke(
        ['gate', '--baseline', options.baseline, '--candidate', reportFile, '--policy', options.policy, '--json'],
        cwd,
        io,
      );
      if (call.exitCode === ExitCode.invalidInput) {
        stage = stageOf(name, call, lastLine(call.stderr));
      } else {
        decision = JSON.parse(call.stdout) as Decision;
        const action = decision.action.toUpperCase();
        stage = {
          name,
          status: call.exitCode === ExitCode.ok ? 'ok' : 'failed',
          exitCode: call.exitCode,
          detail: `${action}: ${decision.reasons[0] ?? ''}`.trim(),
          output: '',
        };
      }
    }
    stages.push(stage);
    print(stage);
  }
  const exitCode = stages.find((stage) => stage.status === 'failed')?.exitCode ?? ExitCode.ok;
  if (decision === undefined) return { stages, exitCode };
  const { renderDecisionMarkdown } = await import('@agent-cicd/deploy-gates');
  return { stages, exitCode, decisionMarkdown: renderDecisionMarkdown(decision) };
}

interface Invocation {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs another subcommand in-process with its output captured, exactly as `agent-cicd <args>` would. */
async function invoke(args: string[], cwd: string, io: CliIo): Promise<Invocation> {
  let stdout = '';
  let stderr = '';
  const exitCode = await main(args, {
    cwd,
    env: io.env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { exitCode, stdout, stderr };
}

function stageOf(name: string, call: Invocation, detail: string, output = call.stdout + call.stderr): StageResult {
  return { name, status: call.exitCode === ExitCode.ok ? 'ok' : 'failed', exitCode: call.exitCode, detail, output };
}

function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .at(-1) ?? ''
  );
}

async function readReport(file: string): Promise<RunReport | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as RunReport;
  } catch {
    return undefined;
  }
}

function describeRun(report: RunReport, file: string): string {
  const suites = report.suites.map((suite) => {
    const below = suite.passed ? '' : ` (below threshold ${suite.threshold ?? 'all cases'})`;
    return `${suite.name} ${suite.passRate.toFixed(3)}${below}`;
  });
  const trials = report.suites.reduce((sum, suite) => sum + suite.counts.trials, 0);
  const status = report.status === 'complete' ? '' : `run ${report.status}: ${report.statusReason ?? ''}; `;
  return `${status}${suites.join(', ')}; ${trials} trials on ${report.tier ?? 'dev'} → ${file}`;
}

/** The markdown summary: one table row per stage, then the gate's evidence table when the gate ran. */
export function renderSummary(stages: StageResult[], decisionMarkdown?: string): string {
  const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const icon = (stage: StageResult): string =>
    stage.status === 'ok' ? '✅' : stage.status === 'skipped' ? '⏭️' : stage.exitCode === ExitCode.hold ? '⏸️' : '❌';
  const rows = stages.map((stage) => `| ${icon(stage)} ${stage.name} | ${cell(stage.detail)} |`);
  const failed = stages.find((stage) => stage.status === 'failed');
  const details =
    failed && failed.output.trim() !== '' && failed.name !== 'gate'
      ? `\n<details><summary>${failed.name} output</summary>\n\n\`\`\`\n${failed.output.trimEnd()}\n\`\`\`\n\n</details>\n`
      : '';
  return [
    '## agent-cicd pipeline',
    '',
    '| stage | result |',
    '| --- | --- |',
    ...rows,
    details,
    decisionMarkdown ?? '',
  ].join('\n');
}

import { appendFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { PipelineResult } from '@agent-cicd/deploy-gates';
import type { CliIo } from '../cli-io.js';
import { ExitCode } from '../exit-code.js';
import { optionalIntegerOption } from '../options/parse-option-values.js';
import type { RegisterCommand } from './types.js';

interface PipelineFlags {
  cwd?: string;
  config?: string;
  tier?: string;
  trials?: string;
  seed?: string;
  baseline?: string;
  policy?: string;
  report?: string;
  image?: string;
  record: string;
  summary: string;
  from?: string;
  until?: string;
  dryRun?: boolean;
  approve?: boolean;
}

const optionalInt = (value: string | undefined, flag: string, min: number): number | undefined =>
  optionalIntegerOption(value, flag, { min });

/** One line per stage: name, status, duration, summary; a failed stage's output follows, indented. */
export function formatStageLine(result: PipelineResult, formatDuration: (seconds: number) => string): string {
  const mark =
    result.status === 'passed'
      ? 'ok  '
      : result.status === 'skipped'
        ? 'skip'
        : result.exitCode === ExitCode.hold
          ? 'HOLD'
          : 'FAIL';
  const duration = result.status === 'skipped' ? '' : formatDuration(result.durationSeconds);
  let line = `${result.stage.padEnd(17)} ${mark} ${duration.padStart(8)}  ${result.summary}\n`;
  const output = result.details.output;
  if (result.status === 'failed' && typeof output === 'string' && output.trim() !== '') {
    line += `${output.trimEnd().replace(/^/gm, '    ')}\n`;
  }
  return line;
}

/** Asks at the terminal (approval_gate), only when stdin is a TTY outside CI. */
function terminalPrompt(io: CliIo): ((question: string, signal: AbortSignal) => Promise<string>) | undefined {
  if (!process.stdin.isTTY || io.env.CI !== undefined) return undefined;
  return async (question, signal) => {
    const readline = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await readline.question(question, { signal });
    } finally {
      readline.close();
    }
  };
}

function shown(io: CliIo, file: string): string {
  return relative(io.cwd, file) || file;
}

/**
 * `agent-cicd pipeline`: parse flags → `runPipeline` (from @agent-cicd/deploy-gates) → one line per stage →
 * the JSON record and the markdown report → exit code (0 passed, 1 a stage failed, 3 the gate held, 2 invalid input).
 */
export const registerPipelineCommand: RegisterCommand = (program, io, state) => {
  program
    .command('pipeline')
    .description(
      "The CI job, the seed's eleven stages: static_analysis → unit_test → prompt_regression → tool_integration → security_scan → build_image → deploy_staging → e2e_test → approval_gate → canary_deploy → production_deploy.",
    )
    .argument('[suites...]', 'suite files or directories prompt_regression runs, relative to --cwd (default: ".")')
    .option('--cwd <dir>', 'the agent project (where its agent-cicd.config.* lives); default: the current directory')
    .option('--config <file>', 'config file (default: agent-cicd.config.* found from --cwd)')
    .option('--tier <name>', 'tier prompt_regression runs on (default dev: mock LLM and mock tools, no API key)')
    .option('--trials <n>', 'trials per case in prompt_regression, overriding the suites')
    .option('--seed <n>', 'seed of the mock LLM (same seed, same results)')
    .option('--baseline <file>', 'run report of the release in production (default baseline/report.json)')
    .option('--policy <file>', 'gate policy (default gates.yaml)')
    .option('--report <file>', 'where the candidate run report is written (default .agent-cicd/report.json)')
    .option('--image <ref>', 'image build_image builds and the deploy stages roll out')
    .option('--record <file>', 'where the JSON record of the run is written', '.agent-cicd/pipeline.json')
    .option(
      '--summary <file>',
      'where the markdown report is written (also appended to $GITHUB_STEP_SUMMARY)',
      '.agent-cicd/summary.md',
    )
    .option('--from <stage>', 'first stage to run (earlier ones are reported as skipped)')
    .option('--until <stage>', 'last stage to run (later ones are reported as skipped)')
    .option('--dry-run', 'docker and kubectl stages print their plan instead of running it')
    .option('--approve', 'approve the approval_gate of this run in advance (like AGENT_CICD_APPROVE=1)')
    .addHelpText(
      'after',
      '\nExit codes: 0 every stage passed, 1 a stage failed (or the gate rolled back), 3 the gate held, 2 invalid input. Paths are relative to --cwd.',
    )
    .action(async (suites: string[], flags: PipelineFlags) => {
      const { loadConfig } = await import('@agent-cicd/core');
      const { writeFileAtomic } = await import('@agent-cicd/core/report');
      const { defaultStages, runPipeline } = await import('@agent-cicd/deploy-gates');
      const { configureStages, formatDuration, renderPipelineMarkdown, writePipelineRecord } = await import(
        '@agent-cicd/deploy-gates/pipeline'
      );
      const cwd = resolve(io.cwd, flags.cwd ?? '.');
      const trials = optionalInt(flags.trials, '--trials', 1);
      const seed = optionalInt(flags.seed, '--seed', Number.MIN_SAFE_INTEGER);
      const configFile = flags.config === undefined ? undefined : resolve(io.cwd, flags.config);
      const { config, file } = await loadConfig({ cwd, file: configFile });
      const source = file === undefined ? undefined : shown(io, file);
      const record = await runPipeline({
        stages: configureStages(defaultStages(), config.pipeline, source),
        cwd,
        env: io.env,
        ...(config.secrets === undefined ? {} : { secretVariables: config.secrets }),
        ...(config.pipeline?.options === undefined ? {} : { stageOptions: config.pipeline.options }),
        ...(source === undefined ? {} : { optionsSource: source }),
        ...(configFile === undefined ? {} : { configFile }),
        ...(flags.from === undefined ? {} : { from: flags.from }),
        ...(flags.until === undefined ? {} : { until: flags.until }),
        dryRun: flags.dryRun ?? false,
        ...(terminalPrompt(io) === undefined ? {} : { prompt: terminalPrompt(io) }),
        shared: {
          ...(suites.length === 0 ? {} : { suites }),
          ...(flags.tier === undefined ? {} : { tier: flags.tier }),
          ...(trials === undefined ? {} : { trials }),
          ...(seed === undefined ? {} : { seed }),
          ...(flags.baseline === undefined ? {} : { baseline: flags.baseline }),
          ...(flags.policy === undefined ? {} : { policy: flags.policy }),
          ...(flags.report === undefined ? {} : { report: flags.report }),
          ...(flags.image === undefined ? {} : { image: flags.image }),
          ...(flags.approve ? { approve: true } : {}),
        },
        log: (line) => io.stderr(`  ${line}\n`),
        onStage: (result) => io.stdout(formatStageLine(result, formatDuration)),
      });
      const recordFile = resolve(cwd, flags.record);
      const summaryFile = resolve(cwd, flags.summary);
      const markdown = renderPipelineMarkdown(record);
      await writePipelineRecord(recordFile, record);
      await writeFileAtomic(summaryFile, markdown);
      const stepSummary = io.env.GITHUB_STEP_SUMMARY;
      if (stepSummary) await appendFile(stepSummary, markdown);
      io.stdout(
        `${record.passed} of ${record.stages.length} stages passed in ${formatDuration(record.durationSeconds)}; report ${shown(io, summaryFile)}${stepSummary ? ' (and $GITHUB_STEP_SUMMARY)' : ''}, record ${shown(io, recordFile)}\n`,
      );
      state.exitCode = record.exitCode;
    });
};

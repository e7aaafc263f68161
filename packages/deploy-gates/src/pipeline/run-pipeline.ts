import { randomUUID } from 'node:crypto';
import { createResultRedactor } from '@agent-cicd/core';
import { AgentCicdError, formatUserError } from '@agent-cicd/core/errors';
import { execaExec } from '../exec/exec.js';
import { PipelineErrorCode } from './pipeline-errors.js';
import { type PipelineRecord, pipelineRecordSchemaVersion } from './pipeline-record.js';
import type { PipelineResult } from './pipeline-result.js';
import type {
  AnyPipelineStage,
  PipelineClock,
  PipelineContext,
  SharedStageOptions,
  StageOutcome,
  StageRunContext,
} from './pipeline-stage.js';

export interface RunPipelineOptions {
  stages: readonly AnyPipelineStage[];
  /** The agent project's root. */
  cwd: string;
  /** Options per stage name (the config's `pipeline.options`), validated by each stage's schema before the run. */
  stageOptions?: Record<string, unknown>;
  /** Where stage options came from, for error locations (the config file). */
  optionsSource?: string;
  /** First stage to run; earlier ones are reported as skipped. */
  from?: string;
  /** Last stage to run; later ones are reported as skipped. */
  until?: string;
  runId?: string;
  env?: Record<string, string | undefined>;
  /**
   * Names of secret variables (the config's `secrets:`): their values, the provider keys' and known key formats
   * are replaced by `[REDACTED]` in every stage result and log line (a stage's output can echo them).
   */
  secretVariables?: readonly string[];
  dryRun?: boolean;
  exec?: PipelineContext['exec'];
  fetch?: typeof fetch;
  clock?: PipelineClock;
  llm?: PipelineContext['llm'];
  configFile?: string;
  prompt?: PipelineContext['prompt'];
  log?: (line: string) => void;
  shared?: SharedStageOptions;
  /** Called as each stage starts and with each stage's result (skipped ones included), in order. */
  onStageStart?: (stage: string) => void;
  onStage?: (result: PipelineResult) => void;
  signal?: AbortSignal;
}

/** The real clock. */
export const systemClock: PipelineClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(signal.reason);
        },
        { once: true },
      );
    }),
};

/** Set in the environment of everything a pipeline runs, so a pipeline started from a stage is refused. */
export const pipelineRunEnv = 'AGENT_CICD_PIPELINE_RUN';

/**
 * Runs the stages in order: validates every selected stage's options and inputs first (invalid input throws,
 * before anything ran), then runs each, stops at the first failure and marks the rest skipped. Returns the
 * run's record; the caller writes it (`writePipelineRecord`) and renders it (`renderPipelineMarkdown`).
 */
export async function runPipeline(options: RunPipelineOptions): Promise<PipelineRecord> {
  const clock = options.clock ?? systemClock;
  const env = options.env ?? process.env;
  const names = options.stages.map((stage) => stage.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw new AgentCicdError(PipelineErrorCode.invalidStages, `stage "${duplicate}" appears twice in the pipeline`);
  }
  if (env[pipelineRunEnv] !== undefined) {
    throw new AgentCicdError(
      PipelineErrorCode.recursive,
      `a pipeline stage started the pipeline again (run ${env[pipelineRunEnv]}); give unit_test a command that does not run agent-cicd pipeline (pipeline.options.unit_test.command)`,
    );
  }
  const indexOf = (flag: string, name: string | undefined, fallback: number): number => {
    if (name === undefined) return fallback;
    const index = names.indexOf(name);
    if (index < 0) {
      throw new AgentCicdError(
        PipelineErrorCode.unknownStage,
        `${flag} ${name}: no such stage (stages: ${names.join(', ')})`,
      );
    }
    return index;
  };
  const first = indexOf('--from', options.from, 0);
  const last = indexOf('--until', options.until, names.length - 1);
  if (first > last) {
    throw new AgentCicdError(
      PipelineErrorCode.unknownStage,
      `--from ${options.from} comes after --until ${options.until}`,
    );
  }
  for (const name of Object.keys(options.stageOptions ?? {})) {
    if (!names.includes(name)) {
      throw new AgentCicdError(
        PipelineErrorCode.unknownStage,
        `pipeline.options.${name}: no such stage (stages: ${names.join(', ')})`,
        options.optionsSource === undefined ? {} : { location: { file: options.optionsSource } },
      );
    }
  }

  const runId =
    options.runId ??
    `${new Date(clock.now())
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')}-${randomUUID().slice(0, 8)}`;
  // The record, the markdown report and the printed lines all come from here: redact once, where results are made.
  const redact = createResultRedactor({ env, variables: options.secretVariables ?? [] });
  const log = options.log ?? (() => {});
  const context: PipelineContext = {
    runId,
    cwd: options.cwd,
    env: { ...env, [pipelineRunEnv]: runId },
    dryRun: options.dryRun ?? false,
    exec: options.exec ?? execaExec,
    fetch: options.fetch ?? fetch,
    clock,
    ...(options.llm === undefined ? {} : { llm: options.llm }),
    ...(options.configFile === undefined ? {} : { configFile: options.configFile }),
    ...(options.prompt === undefined ? {} : { prompt: options.prompt }),
    log: (line) => log(redact(line)),
    shared: options.shared ?? {},
    state: {},
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };

  // Plan and validate: every selected stage's options parse and its inputs exist before anything runs.
  const selected = options.stages.slice(first, last + 1);
  const contexts = new Map<string, StageRunContext<unknown>>();
  for (const stage of selected) {
    const raw = options.stageOptions?.[stage.name] ?? {};
    let stageOptions: unknown = raw;
    if (stage.options !== undefined) {
      const parsed = stage.options.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const path = ['pipeline', 'options', stage.name, ...(issue?.path ?? [])].join('.');
        throw new AgentCicdError(
          PipelineErrorCode.invalidOptions,
          `${path}: ${issue?.message ?? 'invalid options'}`,
          options.optionsSource === undefined ? {} : { location: { file: options.optionsSource } },
        );
      }
      stageOptions = parsed.data;
    }
    const stageContext: StageRunContext<unknown> = { ...context, options: stageOptions };
    contexts.set(stage.name, stageContext);
    await stage.validate?.(stageContext);
  }

  const startedAt = clock.now();
  const results: PipelineResult[] = [];
  const emit = (result: PipelineResult): void => {
    const clean = redact(result);
    results.push(clean);
    options.onStage?.(clean);
  };
  let failed: PipelineResult | undefined;
  for (const [index, stage] of options.stages.entries()) {
    if (index < first || index > last) {
      const flag = index < first ? `--from ${options.from}` : `--until ${options.until}`;
      emit(skipped(stage.name, `not selected (${flag})`));
      continue;
    }
    if (failed !== undefined) {
      emit(skipped(stage.name, `not run: ${failed.stage} failed`));
      continue;
    }
    options.onStageStart?.(stage.name);
    const began = clock.now();
    const outcome = await runStage(stage, contexts.get(stage.name) as StageRunContext<unknown>);
    const result: PipelineResult = {
      stage: stage.name,
      status: outcome.status,
      durationSeconds: Math.max(0, (clock.now() - began) / 1000),
      summary: outcome.summary,
      details: outcome.details ?? {},
      artifacts: outcome.artifacts ?? [],
      ...(outcome.status === 'failed' ? { exitCode: outcome.exitCode ?? 1 } : {}),
    };
    emit(result);
    if (result.status === 'failed') failed = result;
  }
  const finishedAt = clock.now();
  return {
    schemaVersion: pipelineRecordSchemaVersion,
    runId,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    durationSeconds: (finishedAt - startedAt) / 1000,
    status: failed === undefined ? 'passed' : 'failed',
    dryRun: context.dryRun,
    exitCode: failed?.exitCode ?? 0,
    passed: results.filter((result) => result.status === 'passed').length,
    stages: results,
    ...(context.state.decision === undefined ? {} : { decision: context.state.decision }),
  };
}

function skipped(stage: string, summary: string): PipelineResult {
  return { stage, status: 'skipped', durationSeconds: 0, summary, details: {}, artifacts: [] };
}

/** A stage that throws has failed; its error's code and located message (`file:line:col path: …`) are its result. */
async function runStage(stage: AnyPipelineStage, context: StageRunContext<unknown>): Promise<StageOutcome> {
  try {
    return await stage.run(context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof AgentCicdError ? error.code : undefined;
    return {
      status: 'failed',
      summary: error instanceof AgentCicdError ? `error[${error.code}] ${formatUserError(error)}` : message,
      details: { error: { message, ...(code === undefined ? {} : { code }) } },
    };
  }
}

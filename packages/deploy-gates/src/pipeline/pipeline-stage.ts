import type { LlmClient, RunReport } from '@agent-cicd/core';
import type { z } from 'zod';
import type { Decision } from '../decision/decision.js';
import type { ExecFn } from '../exec/exec.js';
import type { ReleaseBundle } from '../release/release-bundle.js';
import type { StageStatus } from './pipeline-result.js';

/** Time, injected: `now` in milliseconds, `sleep` for polling stages (approval). */
export interface PipelineClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** What earlier stages hand to later ones (the candidate report, the gate's decision, the pinned image …). */
export interface PipelineState {
  reportFile?: string;
  report?: RunReport;
  decision?: Decision;
  /** The built image, pinned by digest (`registry/app@sha256:…`) when the build produced one. */
  image?: string;
  stagingUrl?: string;
  release?: ReleaseBundle;
  approvedBy?: string;
}

/** Everything a stage may touch. Side effects are injected; nothing reads globals. */
export interface PipelineContext {
  /** Identifies this run (approvals name it: `agent-cicd approve <runId>`). */
  runId: string;
  /** The agent project's root (where its `agent-cicd.config.*` lives). */
  cwd: string;
  env: Record<string, string | undefined>;
  /** docker/kubectl stages print their plan instead of running it. */
  dryRun: boolean;
  exec: ExecFn;
  fetch: typeof fetch;
  clock: PipelineClock;
  /** The model every LLM call goes to (default: the tier's client from the config). */
  llm?: LlmClient;
  /** Config file (default: searched from `cwd`). */
  configFile?: string;
  /** Asks the person at the terminal (approval); absent when there is no TTY. */
  prompt?: (question: string, signal: AbortSignal) => Promise<string>;
  /** Progress and dry-run plans, one line each. */
  log: (line: string) => void;
  /** Options common to several stages, set by flags (`--tier`, `--trials`, `--seed`, `--suites` …). */
  shared: SharedStageOptions;
  state: PipelineState;
  signal?: AbortSignal;
}

export interface SharedStageOptions {
  tier?: string;
  trials?: number;
  seed?: number;
  suites?: string[];
  baseline?: string;
  policy?: string;
  report?: string;
  image?: string;
  approve?: boolean;
}

/** A stage's own run: the pipeline context plus its validated options. */
export interface StageRunContext<Options> extends PipelineContext {
  options: Options;
}

/** What a stage returns; the runner adds the name and the duration. */
export interface StageOutcome {
  status: StageStatus;
  /** One line, printed by the CLI after the stage's name. */
  summary: string;
  details?: Record<string, unknown>;
  artifacts?: string[];
  /** The process exit code a failure maps to (default 1; the gate's hold is 3). */
  exitCode?: number;
}

/**
 * One stage: a name, the schema of its options (from `pipeline.options.<name>` in the config or from code), an
 * optional `validate` that runs for every selected stage before any stage runs, and `run`.
 */
export interface PipelineStage<Options = Record<string, unknown>> {
  name: string;
  description?: string;
  options?: z.ZodType<Options, unknown>;
  validate?: (context: StageRunContext<Options>) => Promise<void>;
  run: (context: StageRunContext<Options>) => Promise<StageOutcome>;
}

/** A stage of any options type, as pipelines hold them. */
// biome-ignore lint/suspicious/noExplicitAny: a list holds stages with different option types
export type AnyPipelineStage = PipelineStage<any>;

/** Declares a stage with typed options (identity; for inference). */
export function defineStage<Options>(stage: PipelineStage<Options>): PipelineStage<Options> {
  return stage;
}

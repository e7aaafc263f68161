import type { AgentStep } from '../agent/agent-result.js';
import { AgentCicdError } from '../errors.js';
import { type CaseExpectations, evaluateCase } from '../eval/evaluate-case.js';
import { DEFAULT_CONCURRENCY } from '../llm/provider-limiter.js';
import type { ChatMessage } from '../llm/types.js';
import type { CaseResult, TrajectoryStep, TrialResult, Violation } from '../schema/report.js';
import { normalizeTargetOutput } from '../targets/normalize-target-output.js';
import type { Target, TargetInput } from '../targets/target.js';
import { buildCaseResult } from './build-case-result.js';
import { createResultRedactor } from './create-result-redactor.js';
import type { RunContext, SuiteRef } from './run-context.js';
import { type LlmUsageTotals, trackLlmUsage } from './track-llm-usage.js';
import { createTrialLimiter, type TrialLimiter } from './trial-limiter.js';

/** The fields of a case that `runCase` reads (a `PromptTestCase` has them all). */
export interface RunnableCase extends CaseExpectations {
  id: string;
  name?: string;
  messages?: Array<{ role: 'user' | 'assistant'; content: string }>;
  vars?: Record<string, unknown>;
  trials?: number;
  tags?: string[];
  systemPromptVersion?: string;
}

export interface RunCaseOptions {
  testCase: RunnableCase;
  suite: SuiteRef;
  /** The suite file (resolves a module target's path). */
  file?: string;
  context: RunContext;
  /** @default the case's `trials`, else 1 */
  trials?: number;
  /** Aborting stops the case: it rejects with the abort reason and is not a result. */
  signal?: AbortSignal;
  /** Overrides the suite's target. */
  target?: Target;
  /**
   * The limit every trial runs under: share one between cases (`runSuite` does) so the whole run has one limit.
   * @default a limit of its own, `context.concurrency` (else 8) trials at once
   */
  limiter?: TrialLimiter;
}

/**
 * Runs every trial of one case concurrently (each under `limiter`) against its target and checks each with
 * `evaluateCase`; the result lists the trials in trial order whatever order they finished in. A failing model
 * call or target makes that trial an `error`, with a readable violation; only an abort rejects, once every
 * started trial has settled (nothing of the case keeps running after it).
 */
export async function runCase(options: RunCaseOptions): Promise<CaseResult> {
  const { testCase, context } = options;
  const target = options.target ?? (await context.resolveTarget(options.suite, options.file));
  const count = options.trials ?? testCase.trials ?? 1;
  const limit = options.limiter ?? createTrialLimiter(context.concurrency ?? DEFAULT_CONCURRENCY);
  const settled = await Promise.allSettled(
    Array.from({ length: count }, (_, trial) => limit(() => runTrial(options, target, trial))),
  );
  const trials: TrialResult[] = [];
  for (const outcome of settled) {
    if (outcome.status === 'rejected') throw outcome.reason;
    trials.push(outcome.value);
  }
  const redact = context.redact ?? defaultRedact;
  // The one place a result leaves the runner: secrets never reach the journal, the report or a summary.
  return redact(
    buildCaseResult({
      caseId: testCase.id,
      ...(testCase.name === undefined ? {} : { name: testCase.name }),
      tags: testCase.tags ?? [],
      trials,
    }),
  );
}

const defaultRedact = createResultRedactor();

async function runTrial(options: RunCaseOptions, target: Target, trial: number): Promise<TrialResult> {
  const { testCase, context } = options;
  const signal = options.signal ?? new AbortController().signal;
  signal.throwIfAborted();
  const clock = context.clock ?? performance.now.bind(performance);
  const tools = context.tools.createToolBox({ signal });
  const { llm, usage } = trackLlmUsage(context.llm);
  const promptVersion = target.promptVersion ?? testCase.systemPromptVersion;
  const metadata: Record<string, string> = {
    caseId: testCase.id,
    trial: String(trial),
    suite: options.suite.name,
    ...(promptVersion === undefined ? {} : { promptVersion }),
  };
  const input: TargetInput = {
    caseId: testCase.id,
    trial,
    userInput: testCase.userInput ?? '',
    messages: conversation(testCase),
    vars: testCase.vars ?? {},
  };
  const started = clock();
  let result: ReturnType<typeof normalizeTargetOutput>;
  try {
    const output = await target.run(input, {
      llm,
      tools,
      signal,
      tier: context.tier,
      settings: context.settings,
      metadata,
    });
    result = normalizeTargetOutput(output);
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    return {
      trial,
      status: 'error',
      toolsCalled: tools.calls.map((call) => ({ name: call.name, arguments: call.arguments })),
      response: '',
      tokens: { input: usage.input, output: usage.output },
      latencyMs: clock() - started,
      ...(usage.priced ? { costUsd: usage.costUsd } : {}),
      violations: [describeRunError(error)],
    };
  }
  const latencyMs = result.latencyMs ?? clock() - started;
  // A module target may not report what it did; what went through ctx.llm and ctx.tools is known.
  if (result.toolCalls.length === 0 && tools.calls.length > 0) {
    result.toolCalls = tools.calls.map((call) => ({ name: call.name, arguments: call.arguments }));
  }
  if (result.tokens.input === 0 && result.tokens.output === 0)
    result.tokens = { input: usage.input, output: usage.output };
  const recorded = new Set(result.violations.map((v) => v.message));
  for (const call of tools.calls) {
    if (call.violation && !recorded.has(call.violation.message)) result.violations.push(call.violation);
  }
  result.violations.push(...incompleteAnswer(usage, result));
  const evaluation = await evaluateCase({
    testCase,
    result: { ...result, latencyMs },
    ...(context.judge === undefined ? {} : { judge: context.judge }),
    ...(context.skipJudge === undefined ? {} : { skipJudge: context.skipJudge }),
    ...(context.grader === undefined ? {} : { grader: context.grader }),
    ...(context.assertions === undefined ? {} : { assertions: context.assertions }),
    signal,
    metadata,
  });
  if (signal.aborted) throw signal.reason;
  const agentCost = result.costUsd ?? (usage.priced ? usage.costUsd : undefined);
  const costUsd =
    agentCost === undefined && evaluation.judgeCostUsd === undefined
      ? undefined
      : (agentCost ?? 0) + (evaluation.judgeCostUsd ?? 0);
  return {
    trial,
    status: evaluation.status,
    toolsCalled: result.toolCalls,
    response: result.response,
    tokens: result.tokens,
    latencyMs,
    ...(costUsd === undefined ? {} : { costUsd }),
    ...(evaluation.score === undefined ? {} : { score: evaluation.score }),
    ...(evaluation.judgeReason === undefined ? {} : { judgeReason: evaluation.judgeReason }),
    violations: evaluation.violations,
    ...(evaluation.skippedChecks === undefined ? {} : { skippedChecks: evaluation.skippedChecks }),
    ...(evaluation.skipReason === undefined ? {} : { skipReason: evaluation.skipReason }),
    ...(result.trajectory === undefined ? {} : { trajectory: trajectoryOf(result.trajectory) }),
  };
}

/**
 * A pass needs a complete, well-formed answer. A model call cut at the token limit is `truncated`, a withheld or
 * refused one `content_filter` (failures: the model answered, badly); a failed one, or an empty final answer (no
 * text and no tool call, from the model or from the target) is an `empty_response` / `llm_error` error.
 */
export function incompleteAnswer(
  usage: LlmUsageTotals,
  result: { response: string; toolCalls: unknown[]; violations: Violation[] },
): Violation[] {
  const violations: Violation[] = [];
  // A module target may call a tool with the `{}` of unparseable arguments; the model's call was malformed anyway.
  const malformed = usage.malformedToolCalls[0];
  if (malformed && !result.violations.some((v) => v.check === 'tool_arguments')) {
    violations.push({
      check: 'tool_arguments',
      message: `the model called tool "${malformed.name}" with arguments that are not a JSON object: ${JSON.stringify(malformed.rawArguments.slice(0, 120))}`,
      severity: 'failure',
    });
  }
  const reasons = new Set(usage.finishReasons);
  if (reasons.has('length')) {
    violations.push({
      check: 'truncated',
      message: 'the model stopped at its token limit (finish reason length): the answer is cut short',
      severity: 'failure',
    });
  }
  if (reasons.has('content_filter')) {
    violations.push({
      check: 'content_filter',
      message: 'the provider withheld the answer or the model refused (finish reason content_filter)',
      severity: 'failure',
    });
  }
  if (reasons.has('error')) {
    violations.push({
      check: 'llm_error',
      message: 'the model call ended with an error (finish reason error)',
      severity: 'error',
    });
  }
  const last = usage.last;
  const emptyCall = last !== undefined && last.text.trim() === '' && last.toolCalls.length === 0;
  const emptyResult = result.response.trim() === '' && result.toolCalls.length === 0;
  // A withheld or cut answer is already explained by its finish reason.
  const explained = reasons.has('content_filter') || reasons.has('length');
  if ((emptyCall || emptyResult) && !explained) {
    violations.push({
      check: 'empty_response',
      message: emptyCall
        ? "the model's last answer was empty (no text and no tool call)"
        : 'the target gave an empty answer (no text and no tool call)',
      severity: 'error',
    });
  }
  return violations;
}

function conversation(testCase: RunnableCase): ChatMessage[] {
  const messages: ChatMessage[] = (testCase.messages ?? []).map((turn) => ({ role: turn.role, content: turn.content }));
  if (testCase.userInput !== undefined) messages.push({ role: 'user', content: testCase.userInput });
  return messages;
}

function describeRunError(error: unknown): Violation {
  if (error instanceof AgentCicdError && error.code === 'AGENT_CICD_TARGET_INVALID') {
    return { check: 'target_error', message: error.message, severity: 'error' };
  }
  const message = error instanceof Error ? error.message : String(error);
  const isLlm = error instanceof Error && ('kind' in error || error.name.includes('Llm'));
  return isLlm
    ? { check: 'llm_error', message: `the model call failed: ${message}`, severity: 'error' }
    : { check: 'target_error', message: `the target threw: ${message}`, severity: 'error' };
}

/** The report's compact trajectory: per model call its text, tool calls (name, arguments, error) and finish reason. */
function trajectoryOf(steps: AgentStep[]): TrajectoryStep[] {
  return steps.map((step) => ({
    step: step.step,
    text: step.text,
    toolCalls: step.toolCalls.map((call) => ({
      name: call.name,
      arguments: call.arguments,
      ...(call.error === undefined ? {} : { error: call.error }),
    })),
    finishReason: step.finishReason,
  }));
}

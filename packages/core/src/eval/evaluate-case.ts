import type { AgentResult } from '../agent/agent-result.js';
import type { Check } from '../checks/check-schema.js';
import type { Grader } from '../checks/evaluate-model-check.js';
import { type ChecksEvaluation, runChecks } from '../checks/run-checks.js';
import type { Judge } from '../judge/create-judge.js';
import type { CaseStatus, Violation } from '../schema/report.js';
import { type CompiledSchema, compileJsonSchema } from '../tools/compile-json-schema.js';
import { checkTools, type ToolExpectations } from './check-tools.js';
import { parseTextPattern } from './match-text.js';

/** The fields of a case that `evaluateCase` enforces (a `PromptTestCase` has them all). */
export interface CaseExpectations extends ToolExpectations {
  id?: string;
  userInput?: string;
  messages?: Array<{ role: string; content: string }>;
  expectedBehavior?: string;
  expectedResponseKeywords?: string[];
  forbiddenKeywords?: string[];
  /** Maximum output tokens of the trial (all model calls). */
  maxTokensLimit?: number;
  maxLatencyMs?: number;
  /** JSON Schema the response, parsed as JSON, must satisfy. */
  outputSchema?: Record<string, unknown>;
  /** Minimum judge score. @default 0.7 */
  judgeThreshold?: number;
  /** The `checks:` list (see `runChecks`). */
  checks?: readonly Check[];
  /** Reference answer for reference-based checks. */
  expectedOutput?: string;
}

/** What a custom assertion returns: `true`/`undefined` pass, `false` or a sentence fail. Throwing is an error. */
export type AssertionOutcome = boolean | string | undefined | { pass: boolean; message?: string };

export interface CaseAssertion<Case = CaseExpectations> {
  name: string;
  check(result: AgentResult, testCase: Case): AssertionOutcome | Promise<AssertionOutcome>;
}

export interface EvaluateCaseOptions<Case extends CaseExpectations = CaseExpectations> {
  testCase: Case;
  result: AgentResult;
  /** Grades `expectedBehavior`. Without a judge, a case with `expectedBehavior` is an error (it cannot be checked) unless `skipJudge` is set. */
  judge?: Judge;
  /** Leave `expectedBehavior` and model-graded checks unchecked (e.g. `--no-judge`). @default false */
  skipJudge?: boolean;
  /** The model behind `similar` and model-graded checks (the tier's client and the judge's model). */
  grader?: Grader;
  assertions?: Array<CaseAssertion<Case>>;
  /** Plain-text keywords match case-sensitively. @default false */
  caseSensitiveKeywords?: boolean;
  signal?: AbortSignal;
  /** Labels for the judge's requests. */
  metadata?: Record<string, string>;
}

export interface CaseEvaluation {
  status: CaseStatus;
  violations: Violation[];
  /** The judge's score, when a judge graded the trial. */
  score?: number;
  /** The judge's reason for its score. */
  judgeReason?: string;
  /** Tokens and cost the judge spent. */
  judgeTokens?: { input: number; output: number };
  judgeCostUsd?: number;
  /** Checks left unrun because the judge was skipped: `judge` (expectedBehavior) and model-graded checks. */
  skippedChecks?: string[];
  /** Why the status is `skipped`, when it is. */
  skipReason?: string;
}

/** The reason of a trial (and case) that had only checks the skipped judge would have graded. */
export const judgeSkippedReason = 'judge skipped (--no-judge): the case has only model-graded checks';

const failure = (check: string, message: string): Violation => ({ check, message, severity: 'failure' });
const error = (check: string, message: string): Violation => ({ check, message, severity: 'error' });

/**
 * Checks one trial's result against every field of its case and returns `passed` (no violations), `failed`
 * (some check failed) or `error` (some check could not run: judge error, invalid schema, assertion threw, or
 * the result already carries an error violation). Each violation is a sentence a person can read.
 */
export async function evaluateCase<Case extends CaseExpectations>(
  options: EvaluateCaseOptions<Case>,
): Promise<CaseEvaluation> {
  const { testCase, result } = options;
  const violations: Violation[] = [...result.violations];
  violations.push(...checkTools(testCase, result.toolCalls));
  violations.push(...checkKeywords(testCase, result.response, options.caseSensitiveKeywords ?? false));

  if (testCase.maxTokensLimit !== undefined && result.tokens.output > testCase.maxTokensLimit) {
    violations.push(
      failure(
        'token_limit',
        `the response used ${result.tokens.output} output tokens, over the limit of ${testCase.maxTokensLimit}`,
      ),
    );
  }
  if (
    testCase.maxLatencyMs !== undefined &&
    result.latencyMs !== undefined &&
    result.latencyMs > testCase.maxLatencyMs
  ) {
    violations.push(
      failure(
        'latency_limit',
        `the trial took ${Math.round(result.latencyMs)} ms, over the limit of ${testCase.maxLatencyMs} ms`,
      ),
    );
  }
  if (testCase.outputSchema !== undefined)
    violations.push(...checkOutputSchema(testCase.outputSchema, result.response));

  for (const assertion of options.assertions ?? []) {
    try {
      const outcome = await assertion.check(result, testCase);
      const message = assertionFailure(outcome);
      if (message !== undefined)
        violations.push(failure('assertion', `assertion "${assertion.name}" failed${message ? `: ${message}` : ''}`));
    } catch (cause) {
      violations.push(error('assertion', `assertion "${assertion.name}" threw: ${(cause as Error).message}`));
    }
  }

  let checks: ChecksEvaluation | undefined;
  if (testCase.checks !== undefined && testCase.checks.length > 0) {
    checks = await runChecks({
      checks: testCase.checks,
      subject: {
        response: result.response,
        result,
        testCase: {
          userInput: conversationText(testCase),
          ...(testCase.expectedOutput === undefined ? {} : { expectedOutput: testCase.expectedOutput }),
          ...(testCase.expectedTools === undefined ? {} : { expectedTools: testCase.expectedTools }),
        },
      },
      ...(options.grader === undefined ? {} : { grader: options.grader }),
      ...(options.skipJudge ? { skipModelGraded: true } : {}),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
    });
    violations.push(...checks.violations);
  }

  const evaluation: CaseEvaluation = { status: 'passed', violations };
  const skippedChecks: string[] = [];
  if (testCase.expectedBehavior !== undefined) {
    if (options.skipJudge) skippedChecks.push('judge');
    else await judgeBehavior(options, testCase.expectedBehavior, evaluation);
  }
  if (checks) {
    mergeChecks(evaluation, checks);
    skippedChecks.push(...checks.skippedChecks);
  }
  if (skippedChecks.length > 0) evaluation.skippedChecks = skippedChecks;
  evaluation.status = violations.some((v) => v.severity === 'error')
    ? 'error'
    : violations.length > 0
      ? 'failed'
      : skippedChecks.length > 0 && !hasEvaluatedChecks(options, checks)
        ? 'skipped'
        : 'passed';
  if (evaluation.status === 'skipped') evaluation.skipReason = judgeSkippedReason;
  return evaluation;
}

/**
 * Whether anything besides the skipped judge checked the trial: tool expectations, keywords, limits, an output
 * schema, an assertion, or a check that ran. Without one, a clean trial rests on nothing and is `skipped`.
 */
function hasEvaluatedChecks(
  options: EvaluateCaseOptions<CaseExpectations>,
  checks: ChecksEvaluation | undefined,
): boolean {
  const c = options.testCase;
  return (
    (c.expectedTools?.length ?? 0) > 0 ||
    (c.forbiddenTools?.length ?? 0) > 0 ||
    (c.toolArguments !== undefined && Object.keys(c.toolArguments).length > 0) ||
    (c.expectedResponseKeywords?.length ?? 0) > 0 ||
    (c.forbiddenKeywords?.length ?? 0) > 0 ||
    c.maxTokensLimit !== undefined ||
    c.maxLatencyMs !== undefined ||
    c.outputSchema !== undefined ||
    (options.assertions?.length ?? 0) > 0 ||
    (checks?.ran ?? 0) > 0
  );
}

async function judgeBehavior<Case extends CaseExpectations>(
  options: EvaluateCaseOptions<Case>,
  expectedBehavior: string,
  evaluation: CaseEvaluation,
): Promise<void> {
  const { judge, testCase, result } = options;
  if (!judge) {
    evaluation.violations.push(
      error('judge_error', 'the case has an expected behaviour but the run has no judge to grade it'),
    );
    return;
  }
  const outcome = await judge.grade({
    input: conversationText(testCase),
    expectedBehavior,
    output: result.response,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
  });
  evaluation.judgeTokens = outcome.tokens;
  if (outcome.costUsd !== undefined) evaluation.judgeCostUsd = outcome.costUsd;
  if (!outcome.ok) {
    evaluation.violations.push(error('judge_error', outcome.error));
    return;
  }
  evaluation.score = outcome.score;
  evaluation.judgeReason = outcome.reason;
  const threshold = testCase.judgeThreshold ?? 0.7;
  if (outcome.score < threshold || !outcome.pass) {
    const why =
      outcome.score < threshold
        ? `score ${outcome.score.toFixed(2)} is below the threshold ${threshold}`
        : `verdict is fail (score ${outcome.score.toFixed(2)})`;
    evaluation.violations.push(failure('judge', `the judge's ${why}: ${outcome.reason}`));
  }
}

/** Adds the checks' grading cost and folds their score into the trial's score (the judge's score weighs 1). */
function mergeChecks(evaluation: CaseEvaluation, checks: ChecksEvaluation): void {
  if (checks.tokens.input + checks.tokens.output > 0) {
    const before = evaluation.judgeTokens ?? { input: 0, output: 0 };
    evaluation.judgeTokens = {
      input: before.input + checks.tokens.input,
      output: before.output + checks.tokens.output,
    };
  }
  if (checks.costUsd !== undefined) evaluation.judgeCostUsd = (evaluation.judgeCostUsd ?? 0) + checks.costUsd;
  if (checks.score === undefined) return;
  evaluation.score =
    evaluation.score === undefined
      ? checks.score
      : (evaluation.score + checks.score * checks.weight) / (1 + checks.weight);
}

function checkKeywords(testCase: CaseExpectations, response: string, caseSensitive: boolean): Violation[] {
  const violations: Violation[] = [];
  for (const keyword of testCase.expectedResponseKeywords ?? []) {
    if (!parseTextPattern(keyword, { caseSensitive }).test(response)) {
      violations.push(failure('keyword', `the response does not contain ${describeKeyword(keyword)}`));
    }
  }
  for (const keyword of testCase.forbiddenKeywords ?? []) {
    if (parseTextPattern(keyword, { caseSensitive }).test(response)) {
      violations.push(failure('forbidden_keyword', `the response contains the forbidden ${describeKeyword(keyword)}`));
    }
  }
  return violations;
}

function describeKeyword(keyword: string): string {
  return keyword.startsWith('/') ? `pattern ${keyword}` : `keyword "${keyword}"`;
}

// Output schemas are compiled once per schema object, however many trials use them.
const compiledSchemas = new WeakMap<object, CompiledSchema>();

function checkOutputSchema(schema: Record<string, unknown>, response: string): Violation[] {
  let validate = compiledSchemas.get(schema);
  try {
    validate ??= compileJsonSchema(schema);
    compiledSchemas.set(schema, validate);
  } catch (cause) {
    return [error('json_schema', `the case's output schema is invalid: ${(cause as Error).message}`)];
  }
  let value: unknown;
  try {
    value = JSON.parse(response);
  } catch {
    return [
      failure('json_schema', 'the response is not valid JSON, but the case requires output matching a JSON Schema'),
    ];
  }
  const problems = validate.validate(value);
  return problems.length === 0
    ? []
    : [failure('json_schema', `the response does not match the output schema: ${problems.join('; ')}`)];
}

function assertionFailure(outcome: AssertionOutcome): string | undefined {
  if (outcome === undefined || outcome === true) return undefined;
  if (outcome === false) return '';
  if (typeof outcome === 'string') return outcome;
  if (typeof outcome === 'object' && outcome !== null) return outcome.pass ? undefined : (outcome.message ?? '');
  return undefined;
}

function conversationText(testCase: CaseExpectations): string {
  const turns = (testCase.messages ?? []).map((turn) => `${turn.role}: ${turn.content}`);
  if (testCase.userInput !== undefined)
    turns.push(turns.length > 0 ? `user: ${testCase.userInput}` : testCase.userInput);
  return turns.join('\n');
}

import type { CaseResult, CaseStatus, RunReport, SuiteResult, TrialResult } from '@agent-cicd/core';

export interface TrialSpec {
  status: CaseStatus;
  latencyMs?: number;
  tokens?: number;
  costUsd?: number;
  tools?: string[];
  response?: string;
  toolViolation?: boolean;
}

export interface CaseSpec {
  id: string;
  trials: (CaseStatus | TrialSpec)[];
}

export interface SuiteSpec {
  name: string;
  cases: CaseSpec[];
}

function trialOf(spec: CaseStatus | TrialSpec, index: number): TrialResult {
  const t: TrialSpec = typeof spec === 'string' ? { status: spec } : spec;
  const violations: TrialResult['violations'] = [];
  if (t.status === 'failed')
    violations.push({ check: 'keyword', message: 'expected keyword missing', severity: 'failure' });
  if (t.status === 'error')
    violations.push({ check: 'llm_error', message: 'provider returned 500', severity: 'error' });
  if (t.toolViolation)
    violations.push({ check: 'expected_tool', message: 'expected tool "search" was not called', severity: 'failure' });
  const tokens = t.tokens ?? 300;
  return {
    trial: index,
    status: t.status,
    toolsCalled: (t.tools ?? ['search']).map((name) => ({ name, arguments: {} })),
    response: t.response ?? 'The order ships tomorrow.',
    tokens: { input: Math.floor(tokens * 0.75), output: tokens - Math.floor(tokens * 0.75) },
    latencyMs: t.latencyMs ?? 800,
    ...(t.costUsd === undefined ? {} : { costUsd: t.costUsd }),
    violations,
  };
}

function caseOf(spec: CaseSpec): CaseResult {
  const trials = spec.trials.map(trialOf);
  const passed = trials.filter((trial) => trial.status === 'passed').length;
  const first = trials[0] as TrialResult;
  const status: CaseStatus = trials.some((t) => t.status === 'error')
    ? 'error'
    : passed === trials.length
      ? 'passed'
      : 'failed';
  return {
    caseId: spec.id,
    status,
    passed: status === 'passed',
    toolsCalled: first.toolsCalled.map((call) => call.name),
    responsePreview: first.response.slice(0, 200),
    tokenCount: first.tokens.input + first.tokens.output,
    violations: first.violations,
    latencyMs: first.latencyMs,
    passRate: passed / trials.length,
    passHatK: passed === trials.length ? 1 : 0,
    passAtK: passed > 0 ? 1 : 0,
    tags: [],
    trials,
  };
}

const zeroLatency = { p50: 0, p95: 0, p99: 0, mean: 0 };

function suiteOf(spec: SuiteSpec): SuiteResult {
  const cases = spec.cases.map(caseOf);
  const trials = cases.flatMap((c) => c.trials);
  const passedTrials = trials.filter((t) => t.status === 'passed').length;
  const passRate = trials.length === 0 ? 0 : passedTrials / trials.length;
  return {
    name: spec.name,
    passRate,
    interval: { low: 0, high: 1, confidence: 0.95, method: 'wilson' },
    passed: cases.every((c) => c.passed),
    counts: {
      cases: cases.length,
      passed: cases.filter((c) => c.status === 'passed').length,
      failed: cases.filter((c) => c.status === 'failed').length,
      errored: cases.filter((c) => c.status === 'error').length,
      trials: trials.length,
    },
    tokens: {
      input: trials.reduce((n, t) => n + t.tokens.input, 0),
      output: trials.reduce((n, t) => n + t.tokens.output, 0),
    },
    costUsd: trials.reduce((n, t) => n + (t.costUsd ?? 0), 0),
    latencyMs: zeroLatency,
    cases,
  };
}

/**
 * A schema-valid run report built from a compact description. Summary numbers that the gate does not read
 * (intervals, latency summaries) are placeholders.
 */
export function makeReport(suites: SuiteSpec[], runId = 'run'): RunReport {
  const results = suites.map(suiteOf);
  const counts = { cases: 0, passed: 0, failed: 0, errored: 0, trials: 0 };
  let passedTrials = 0;
  for (const suite of results) {
    for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] += suite.counts[key];
    passedTrials += suite.passRate * suite.counts.trials;
  }
  return {
    schemaVersion: 1,
    runId,
    createdAt: '2026-11-26T07:00:00.000Z',
    status: 'complete',
    subject: {},
    suites: results,
    totals: {
      counts,
      passRate: counts.trials === 0 ? 0 : Math.round((passedTrials / counts.trials) * 1e6) / 1e6,
      tokens: {
        input: results.reduce((n, s) => n + s.tokens.input, 0),
        output: results.reduce((n, s) => n + s.tokens.output, 0),
      },
      costUsd: results.reduce((n, s) => n + s.costUsd, 0),
      latencyMs: zeroLatency,
      durationMs: 1000,
    },
  };
}

/** `n` cases of `k` trials; `fails(caseIndex, trial)` says which trials fail. */
export function uniformSuite(
  name: string,
  n: number,
  k: number,
  fails: (caseIndex: number, trial: number) => boolean | CaseStatus,
  extra: (caseIndex: number, trial: number) => Partial<TrialSpec> = () => ({}),
): SuiteSpec {
  return {
    name,
    cases: Array.from({ length: n }, (_, i) => ({
      id: `case-${String(i + 1).padStart(3, '0')}`,
      trials: Array.from({ length: k }, (_, t) => {
        const outcome = fails(i, t);
        const status: CaseStatus = outcome === true ? 'failed' : outcome === false ? 'passed' : outcome;
        return { status, ...extra(i, t) };
      }),
    })),
  };
}

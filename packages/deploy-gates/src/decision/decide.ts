import { AgentCicdError, type RunReport } from '@agent-cicd/core';
import { canaryChecks } from '../canary-analysis/analyze-canary.js';
import type { CanaryMetrics } from '../canary-analysis/canary-metrics.js';
import { checkDrift } from '../drift/check-drift.js';
import { GateErrorCode } from '../gate-errors.js';
import { defaultPolicy, type GatePolicy, type SuitePolicy } from '../policy/gate-policy-schema.js';
import { type ArmSample, armSample } from './arm-sample.js';
import { type Check, pct, points } from './check.js';
import { checkSlas } from './check-slas.js';
import { combineChecks } from './combine-checks.js';
import { comparePassRates } from './compare-pass-rates.js';
import type { Decision } from './decision.js';

/** One side of a comparison: all trials, and each suite's trials for the suites the policy overrides. */
export interface GateSample {
  overall: ArmSample;
  suites: ReadonlyMap<string, ArmSample>;
}

/** Flattens a run report for the gate. */
export function gateSample(report: RunReport): GateSample {
  return {
    overall: armSample(report.suites),
    suites: new Map(report.suites.map((suite) => [suite.name, armSample([suite])])),
  };
}

/**
 * A look of a group-sequential evaluation: the candidate suite is run in `of` equal batches and the gate is asked
 * after each. The one-sided alpha is spent across looks as alpha·(index/of)^spending − alpha·((index−1)/of)^spending,
 * so by the union bound the error over all looks stays ≤ alpha however the looks are correlated.
 */
export interface GateLook {
  index: number;
  of: number;
  /** Exponent of the spending function: 1 spends evenly, larger keeps more alpha for the last look. @default 1 */
  spending?: number;
}

export interface DecideOptions {
  baseline: RunReport;
  candidate: RunReport;
  /** @default defaultPolicy() */
  policy?: GatePolicy;
  /** Live canary outcomes so far; adds the sequential canary checks. */
  canaryMetrics?: CanaryMetrics;
  /** The canary step (traffic %) being decided; with a next step the gate answers `advance` instead of `promote`. */
  step?: number;
  look?: GateLook;
  /** Force the unpaired comparison even when the case ids match. @default 'auto' */
  pairing?: 'auto' | 'never';
}

/** One-sided alpha of a look (see {@link GateLook}). */
export function lookAlpha(alpha: number, look: GateLook | undefined): number {
  if (look === undefined) return alpha;
  const rho = look.spending ?? 1;
  return alpha * ((look.index / look.of) ** rho - ((look.index - 1) / look.of) ** rho);
}

function suiteRules(policy: GatePolicy, override: SuitePolicy): GatePolicy {
  return {
    ...policy,
    ...override,
    latency: { ...policy.latency, ...override.latency },
    tokens: { ...policy.tokens, ...override.tokens },
    cost: { ...policy.cost, ...override.cost },
  };
}

function scopeChecks(
  baseline: ArmSample,
  candidate: ArmSample,
  rules: GatePolicy,
  alpha: number,
  pairing: 'auto' | 'never',
  suite?: string,
): { checks: Check[]; paired: boolean } {
  const scope = suite === undefined ? {} : { suite };
  const passRates = comparePassRates({
    baseline: baseline.outcomes,
    candidate: candidate.outcomes,
    rules,
    alpha,
    pairing,
    ...scope,
  });
  return {
    checks: [...passRates.checks, ...checkSlas({ baseline, candidate, rules, alpha, ...scope })],
    paired: passRates.paired,
  };
}

/** {@link decide} on already flattened samples (what simulations and benchmarks call). */
export function decideSamples(
  options: Omit<DecideOptions, 'baseline' | 'candidate'> & { baseline: GateSample; candidate: GateSample },
): Decision {
  const policy = options.policy ?? defaultPolicy();
  const steps = policy.canary.steps;
  if (options.step !== undefined && !steps.includes(options.step)) {
    throw new AgentCicdError(
      GateErrorCode.stepInvalid,
      `step ${options.step} is not one of the policy's canary steps (${steps.join(', ')})`,
    );
  }
  const alpha = lookAlpha((1 - policy.confidence) / 2, options.look);
  const pairing = options.pairing ?? 'auto';
  const { baseline, candidate } = options;
  const overall = scopeChecks(baseline.overall, candidate.overall, policy, alpha, pairing);
  const checks = [...overall.checks];
  for (const [name, override] of Object.entries(policy.suites)) {
    const base = baseline.suites.get(name);
    const cand = candidate.suites.get(name);
    if (base === undefined || cand === undefined) continue;
    checks.push(...scopeChecks(base, cand, suiteRules(policy, override), alpha, pairing, name).checks);
  }
  checks.push(...checkDrift({ baseline: baseline.overall, candidate: candidate.overall, policy: policy.drift, alpha }));
  if (options.canaryMetrics !== undefined && options.canaryMetrics.length > 0) {
    const step = options.step ?? (options.canaryMetrics.at(-1)?.step as number);
    checks.push(
      ...canaryChecks({ metrics: options.canaryMetrics, policy: policy.canary, confidence: 1 - 2 * alpha, step }),
    );
  }
  const combined = combineChecks(
    checks,
    { ...(options.step === undefined ? {} : { step: options.step }), steps },
    promoteReason(checks),
  );
  return {
    action: combined.action,
    reasons: combined.reasons,
    evidence: checks.map((check) => check.evidence),
    comparison: overall.paired ? 'paired' : 'unpaired',
    ...(options.step === undefined ? {} : { step: options.step }),
    ...(combined.nextStep === undefined ? {} : { nextStep: combined.nextStep }),
  };
}

function promoteReason(checks: readonly Check[]): string {
  const row = checks.find((check) => check.evidence.check === 'passRate.nonInferiority' && !check.evidence.suite);
  const counted = checks.filter((check) => check.evidence.verdict !== 'skipped').length;
  if (!row?.evidence.interval || row.evidence.difference === undefined) return `All ${counted} checks pass.`;
  const { interval, difference, baseline, candidate } = row.evidence;
  return `The candidate is non-inferior: pass rate ${pct(candidate)} vs ${pct(baseline)} (difference ${points(difference)}, ${pct(interval.confidence, 0)} CI ${points(interval.low)} to ${points(interval.high)}), and all ${counted} checks pass.`;
}

/**
 * The deploy gate: compares a candidate's run report with the baseline's under a policy and answers promote,
 * advance, hold or rollback, with reasons and one evidence row per check. Pure: no I/O, no clock.
 *
 * @example decide({ baseline, candidate, policy: await loadPolicy('gates.yaml') }).action // 'promote'
 */
export function decide(options: DecideOptions): Decision {
  return decideSamples({
    ...options,
    baseline: gateSample(options.baseline),
    candidate: gateSample(options.candidate),
  });
}

import { AgentCicdError, type RunReport } from '@agent-cicd/core';
import { canaryChecks } from '../canary-analysis/analyze-canary.js';
import type { CanaryMetrics } from '../canary-analysis/canary-metrics.js';
import { checkDrift } from '../drift/check-drift.js';
import { GateErrorCode } from '../gate-errors.js';
import { defaultPolicy, type GatePolicy } from '../policy/gate-policy-schema.js';
import { type ArmSample, armSample } from './arm-sample.js';
import { type Check, pct, points } from './check.js';
import { checkSlas, type SlaRules } from './check-slas.js';
import { combineChecks } from './combine-checks.js';
import { comparePassRates, type PassRateRules } from './compare-pass-rates.js';
import type { Decision } from './decision.js';
import { nominalAlpha, type Spending } from './group-sequential.js';

/** One side of a comparison: all trials, and each suite's trials (used for the suites the policy overrides). */
export interface GateSample {
  overall: ArmSample;
  suites: ReadonlyMap<string, ArmSample>;
  /** The run's status; anything but `complete` holds (the missing cases could change the answer). */
  status?: RunReport['status'];
  /** Whether the run skipped the judge (`--no-judge`); a difference between the two sides holds. */
  skipJudge?: boolean;
}

/** Flattens a run report for the gate. */
export function gateSample(report: RunReport): GateSample {
  return {
    overall: armSample(report.suites),
    suites: new Map(report.suites.map((suite) => [suite.name, armSample([suite])])),
    status: report.status,
    skipJudge: report.options?.skipJudge ?? false,
  };
}

/**
 * A look of a group-sequential evaluation: the comparison is run in `of` equal batches and the gate is asked after
 * each, stopping at the first promote or rollback. Each look tests at the nominal level of an exact one-sided
 * group-sequential boundary (alpha spending, see {@link groupSequentialBoundaries}), so the chance of a wrong
 * promotion or rollback over all looks stays at the policy's (1 − confidence) / 2. Batches must carry equal numbers
 * of trials. The recommended plan (docs/gating-a-canary.md, measured by `npm run bench:gates`): `of: 8` over up to
 * two rounds of the suite's trials — the suite's cases in 4 batches, then, while the gate holds, k more trials of
 * the same cases in 4 batches (they pair with the baseline's trials k+1…2k).
 */
export interface GateLook {
  /** 1-based. */
  index: number;
  of: number;
  /** Alpha-spending function. @default 2 (α·t², between Pocock and O'Brien–Fleming) */
  spending?: Spending;
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

/** One-sided nominal alpha of a look (see {@link GateLook}); `alpha` itself without a look. */
export function lookAlpha(alpha: number, look: GateLook | undefined): number {
  if (look === undefined) return alpha;
  if (!(Number.isInteger(look.index) && Number.isInteger(look.of) && look.index >= 1 && look.index <= look.of)) {
    throw new AgentCicdError(GateErrorCode.lookInvalid, `look ${look.index} of ${look.of} is not a valid look`);
  }
  return nominalAlpha(alpha, look.index, look.of, look.spending ?? 2);
}

function scopeChecks(
  baseline: ArmSample,
  candidate: ArmSample,
  rules: { passRate: PassRateRules; sla: SlaRules },
  alpha: number,
  pairing: 'auto' | 'never',
  suite?: string,
): { checks: Check[]; paired: boolean } {
  const scope = suite === undefined ? {} : { suite };
  const passRates = comparePassRates({
    baseline: baseline.outcomes,
    candidate: candidate.outcomes,
    rules: rules.passRate,
    alpha,
    pairing,
    ...scope,
  });
  return {
    checks: [...passRates.checks, ...checkSlas({ baseline, candidate, rules: rules.sla, alpha, ...scope })],
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
  const overall = scopeChecks(baseline.overall, candidate.overall, { passRate: policy, sla: policy }, alpha, pairing);
  const checks = [...runStatusChecks(baseline, candidate), ...judgeChecks(baseline, candidate), ...overall.checks];
  // An overridden suite gets its own pass-rate rows, and rows for the SLAs the override sets.
  for (const [name, override] of Object.entries(policy.suites)) {
    const base = baseline.suites.get(name);
    const cand = candidate.suites.get(name);
    if (base === undefined || cand === undefined) continue;
    const { minPassRate, nonInferiorityMargin, minSamples, ...sla } = override;
    const passRate: PassRateRules = {
      minPassRate: minPassRate ?? policy.minPassRate,
      nonInferiorityMargin: nonInferiorityMargin ?? policy.nonInferiorityMargin,
      minSamples: minSamples ?? policy.minSamples,
    };
    checks.push(...scopeChecks(base, cand, { passRate, sla }, alpha, pairing, name).checks);
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

function runStatusChecks(baseline: GateSample, candidate: GateSample): Check[] {
  if (baseline.status === undefined && candidate.status === undefined) return [];
  const incomplete = (['baseline', 'candidate'] as const).filter((side) => {
    const status = (side === 'baseline' ? baseline : candidate).status;
    return status !== undefined && status !== 'complete';
  });
  return [
    {
      evidence: {
        check: 'run.complete',
        metric: 'run status',
        baseline: null,
        candidate: null,
        test: `baseline ${baseline.status ?? 'unknown'}, candidate ${candidate.status ?? 'unknown'}`,
        threshold: 'both complete',
        verdict: incomplete.length === 0 ? 'pass' : 'inconclusive',
        effect: 'hold',
      },
      ...(incomplete.length === 0
        ? {}
        : {
            reason: `The ${incomplete.join(' and ')} run did not complete (${incomplete.map((side) => (side === 'baseline' ? baseline : candidate).status).join(', ')}); the cases it skipped could change the answer.`,
          }),
    },
  ];
}

/**
 * Both runs must be graded alike: a candidate run with the judge skipped (`--no-judge`) against a judged baseline
 * (or the other way round) compares different checks — its judge-only cases were not evaluated — so it holds.
 * Two runs that both skipped the judge compare their deterministic checks and pass this row.
 */
function judgeChecks(baseline: GateSample, candidate: GateSample): Check[] {
  if (baseline.skipJudge === undefined && candidate.skipJudge === undefined) return [];
  const base = baseline.skipJudge ?? false;
  const cand = candidate.skipJudge ?? false;
  const describe = (skipped: boolean): string => (skipped ? 'judge skipped' : 'judged');
  return [
    {
      evidence: {
        check: 'run.judge',
        metric: 'judge (--no-judge)',
        baseline: null,
        candidate: null,
        test: `baseline ${describe(base)}, candidate ${describe(cand)}`,
        threshold: 'both graded alike',
        verdict: base === cand ? 'pass' : 'inconclusive',
        effect: 'hold',
      },
      ...(base === cand
        ? {}
        : {
            reason: `The ${cand ? 'candidate' : 'baseline'} run skipped the judge (--no-judge) and the ${cand ? 'baseline' : 'candidate'} did not: their judge-only cases were not evaluated alike, so they cannot be compared; rerun both with the same judge setting.`,
          }),
    },
  ];
}

function promoteReason(checks: readonly Check[]): string {
  const row = checks.find((check) => check.evidence.check === 'passRate.nonInferiority' && !check.evidence.suite);
  const counted = checks.filter((check) => check.evidence.verdict !== 'skipped').length;
  if (!row?.evidence.interval || row.evidence.difference === undefined) return `All ${counted} checks pass.`;
  const { interval, difference, baseline, candidate, samples, metric } = row.evidence;
  const paired = metric.includes('paired');
  const over = paired && samples ? ` over ${samples.candidate} paired trials` : '';
  return `The candidate is non-inferior: pass rate ${pct(candidate)} vs ${pct(baseline)}${over} (${paired ? 'paired difference' : 'difference'} ${points(difference)}, ${pct(interval.confidence, 0)} CI ${points(interval.low)} to ${points(interval.high)}), and all ${counted} checks pass.`;
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

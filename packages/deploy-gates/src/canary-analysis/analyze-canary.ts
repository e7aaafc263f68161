import type { Check } from '../decision/check.js';
import { pct } from '../decision/check.js';
import { combineChecks } from '../decision/combine-checks.js';
import type { Evidence, GateAction } from '../decision/decision.js';
import type { CanaryPolicy } from '../policy/gate-policy-schema.js';
import type { CanaryMetrics } from './canary-metrics.js';
import { failureRatioMartingale } from './failure-ratio-martingale.js';

/** Alternatives the rollback test averages over: canary failure rate 1.25× … 10× the stable one. */
export const HARM_RATIOS: readonly number[] = [1.25, 1.5, 2, 3, 5, 10];
/** Alternatives the safety test averages over, as fractions of `maxFailureRatio`. */
const SAFE_FRACTIONS = [0.8, 2 / 3, 0.5, 1 / 3];

export interface AnalyzeCanaryOptions {
  /** Every look so far, oldest first. */
  metrics: CanaryMetrics;
  policy: CanaryPolicy;
  /** Two-sided confidence; each sequential test errs with probability ≤ (1 − confidence) / 2. @default 0.95 */
  confidence?: number;
  /** The canary step being decided (traffic %). @default the step of the last look */
  step?: number;
}

export interface CanaryAnalysis {
  /** `rollback` on a confirmed regression; `advance`/`promote` when the step may end; `hold` to keep watching. */
  action: GateAction;
  nextStep?: number;
  reasons: string[];
  evidence: Evidence[];
}

function sideTotals(metrics: CanaryMetrics, side: 'canary' | 'stable'): { failures: number; requests: number } {
  let failures = 0;
  let requests = 0;
  for (const look of metrics) {
    failures += look[side].failures;
    requests += look[side].failures + look[side].successes;
  }
  return { failures, requests };
}

const formatE = (value: number): string => (value >= 1e6 ? value.toExponential(2) : value.toPrecision(3));

/**
 * The live-canary checks (see {@link analyzeCanary}). Exported for `decide`, which merges them with the
 * offline checks.
 */
export function canaryChecks(options: AnalyzeCanaryOptions & { step: number }): Check[] {
  const { metrics, policy, step } = options;
  const alpha = (1 - (options.confidence ?? 0.95)) / 2;
  const index = policy.steps.indexOf(step);
  const nextStep = index >= 0 ? policy.steps[index + 1] : undefined;
  const finalTransition = nextStep === undefined || nextStep === policy.steps.at(-1);
  const canary = sideTotals(metrics, 'canary');
  const stable = sideTotals(metrics, 'stable');
  const canaryRate = canary.requests === 0 ? null : canary.failures / canary.requests;
  const stableRate = stable.requests === 0 ? null : stable.failures / stable.requests;
  const samples = { baseline: stable.requests, candidate: canary.requests };
  const checks: Check[] = [];

  const harm = failureRatioMartingale(metrics, 1, [...HARM_RATIOS]);
  const harmful = harm >= 1 / alpha;
  checks.push({
    evidence: {
      check: 'canary.regression',
      metric: 'live failure rate',
      baseline: stableRate,
      candidate: canaryRate,
      pValue: Math.min(1, 1 / harm),
      samples,
      test: `mixture SPRT on the failure-rate ratio (H0: ratio ≤ 1), e-value ${formatE(harm)}, anytime-valid`,
      threshold: `e-value < ${formatE(1 / alpha)}`,
      verdict: harmful ? 'fail' : 'pass',
      effect: 'rollback',
    },
    ...(harmful
      ? {
          reason: `The canary fails more often than the stable release (${pct(canaryRate)} vs ${pct(stableRate)} of requests); the sequential test confirms it at ${pct(1 - alpha)} confidence.`,
        }
      : {}),
  });

  const stepRequests = metrics
    .filter((look) => look.step === step)
    .reduce((n, look) => n + look.canary.successes + look.canary.failures, 0);
  const enough = stepRequests >= policy.minRequestsPerStep;
  checks.push({
    evidence: {
      check: 'canary.samples',
      metric: `canary requests at step ${step}%`,
      baseline: null,
      candidate: stepRequests,
      test: 'count',
      threshold: `≥ ${policy.minRequestsPerStep}`,
      verdict: enough ? 'pass' : 'inconclusive',
      effect: 'hold',
    },
    ...(enough
      ? {}
      : {
          reason: `Only ${stepRequests} canary requests at step ${step}%; the policy needs ${policy.minRequestsPerStep} before the step can end.`,
        }),
  });

  if (finalTransition) {
    const ratio = policy.maxFailureRatio;
    const safety = failureRatioMartingale(
      metrics,
      ratio,
      SAFE_FRACTIONS.map((fraction) => fraction * ratio),
    );
    const safe = safety >= 1 / alpha;
    checks.push({
      evidence: {
        check: 'canary.nonInferiority',
        metric: 'live failure rate',
        baseline: stableRate,
        candidate: canaryRate,
        pValue: Math.min(1, 1 / safety),
        samples,
        test: `mixture SPRT on the failure-rate ratio (H0: ratio ≥ ${ratio}), e-value ${formatE(safety)}, anytime-valid`,
        threshold: `e-value ≥ ${formatE(1 / alpha)}`,
        verdict: safe ? 'pass' : 'inconclusive',
        effect: 'hold',
      },
      ...(safe
        ? {}
        : {
            reason: `Not yet enough live traffic to show that the canary's failure rate stays below ${ratio}× the stable release's before full rollout.`,
          }),
    });
  }
  return checks;
}

/**
 * Sequential analysis of a live canary. It may be called after every look without inflating false alarms, because
 * both tests are anytime-valid mixture SPRTs (see {@link failureRatioMartingale}):
 * - rollback when the canary's failure rate is confirmed higher than the stable release's (H0: ratio ≤ 1);
 * - before full traffic, the canary must also be shown to stay below `maxFailureRatio` (H0: ratio ≥ maxFailureRatio);
 * - a step with fewer than `minRequestsPerStep` canary requests holds.
 */
export function analyzeCanary(options: AnalyzeCanaryOptions): CanaryAnalysis {
  const step = options.step ?? options.metrics.at(-1)?.step ?? (options.policy.steps[0] as number);
  const checks = canaryChecks({ ...options, step });
  const canaryRate = checks[0]?.evidence.candidate ?? null;
  const stableRate = checks[0]?.evidence.baseline ?? null;
  const combined = combineChecks(
    checks,
    { step, steps: options.policy.steps },
    `The canary's live failure rate (${pct(canaryRate)}) shows no regression against the stable release (${pct(stableRate)}).`,
  );
  return { ...combined, evidence: checks.map((check) => check.evidence) };
}

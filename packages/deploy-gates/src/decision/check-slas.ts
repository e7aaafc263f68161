import { percentile, wilsonInterval } from '@agent-cicd/core/stats';
import type { SlaPolicy } from '../policy/gate-policy-schema.js';
import type { ArmSample } from './arm-sample.js';
import type { Check } from './check.js';
import { inSuite, pct } from './check.js';

export type SlaRules = SlaPolicy;

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

const p99 = (values: readonly number[]): number | null => (values.length === 0 ? null : percentile(values, 0.99));
const num = (value: number | null, digits = 0): string => (value === null ? 'n/a' : value.toFixed(digits));

function ratioCheck(options: {
  check: string;
  metric: string;
  baseline: number | null;
  candidate: number | null;
  max: number;
  suite: string | undefined;
  samples: { baseline: number; candidate: number };
  what: string;
}): Check {
  const { baseline, candidate, max } = options;
  const measurable = baseline !== null && candidate !== null && baseline > 0;
  const ratio = measurable ? candidate / baseline : undefined;
  const broken = ratio !== undefined && ratio > max;
  return {
    evidence: {
      check: options.check,
      metric: options.metric,
      ...(options.suite === undefined ? {} : { suite: options.suite }),
      baseline,
      candidate,
      ...(ratio === undefined ? {} : { difference: ratio }),
      samples: options.samples,
      test: 'observed ratio candidate ÷ baseline',
      threshold: `ratio ≤ ${max}`,
      verdict: measurable ? (broken ? 'fail' : 'pass') : 'skipped',
      effect: 'rollback',
    },
    ...(broken
      ? {
          reason: `${options.what}${inSuite(options.suite)} rose ${(ratio as number).toFixed(2)}× (${num(baseline, 2)} → ${num(candidate, 2)}), above the allowed ${max}×.`,
        }
      : {}),
  };
}

/**
 * Service-level checks. Rates (error rate, tool-call accuracy) use the Wilson interval: rollback only when the
 * SLA is confidently broken, hold when the observed value breaks it but the interval still allows it. Latency,
 * tokens and cost compare observed values (p99, means per trial) with their limits.
 */
export function checkSlas(options: {
  baseline: ArmSample;
  candidate: ArmSample;
  rules: SlaRules;
  alpha: number;
  suite?: string;
}): Check[] {
  const { baseline: base, candidate: cand, rules, suite } = options;
  const confidence = 1 - 2 * options.alpha;
  const scope = suite === undefined ? {} : { suite };
  const samples = { baseline: base.trials, candidate: cand.trials };
  const where = inSuite(suite);
  const checks: Check[] = [];

  if (rules.errorRateMax !== undefined && cand.trials > 0) {
    const max = rules.errorRateMax;
    const rate = cand.errors / cand.trials;
    const ci = wilsonInterval(cand.errors, cand.trials, confidence);
    const verdict = ci.low > max ? 'fail' : rate > max ? 'inconclusive' : 'pass';
    checks.push({
      evidence: {
        check: 'sla.errorRate',
        metric: 'error rate',
        ...scope,
        baseline: base.trials === 0 ? null : base.errors / base.trials,
        candidate: rate,
        interval: { ...ci, confidence },
        samples,
        test: 'Wilson score interval',
        threshold: `≤ ${pct(max)}`,
        verdict,
        effect: verdict === 'fail' ? 'rollback' : 'hold',
      },
      ...(verdict === 'pass'
        ? {}
        : {
            reason:
              verdict === 'fail'
                ? `The candidate errored${where} on ${pct(rate)} of trials (CI from ${pct(ci.low)}), confidently above the ${pct(max)} error-rate limit.`
                : `The candidate errored${where} on ${pct(rate)} of trials, above the ${pct(max)} limit but not confidently so.`,
          }),
    });
  }

  if (rules.toolCallAccuracyMin !== undefined && cand.trials > 0) {
    const min = rules.toolCallAccuracyMin;
    const correct = cand.trials - cand.toolViolations;
    const accuracy = correct / cand.trials;
    const ci = wilsonInterval(correct, cand.trials, confidence);
    const verdict = ci.high < min ? 'fail' : accuracy < min ? 'inconclusive' : 'pass';
    checks.push({
      evidence: {
        check: 'sla.toolCallAccuracy',
        metric: 'tool-call accuracy',
        ...scope,
        baseline: base.trials === 0 ? null : (base.trials - base.toolViolations) / base.trials,
        candidate: accuracy,
        interval: { ...ci, confidence },
        samples,
        test: 'Wilson score interval',
        threshold: `≥ ${pct(min)}`,
        verdict,
        effect: verdict === 'fail' ? 'rollback' : 'hold',
      },
      ...(verdict === 'pass'
        ? {}
        : {
            reason:
              verdict === 'fail'
                ? `The candidate's tool calls${where} were correct in ${pct(accuracy)} of trials (CI up to ${pct(ci.high)}), confidently below the ${pct(min)} minimum.`
                : `The candidate's tool calls${where} were correct in ${pct(accuracy)} of trials, below the ${pct(min)} minimum but not confidently so.`,
          }),
    });
  }

  const latency = rules.latency;
  if (latency?.p99MaxMs !== undefined) {
    const value = p99(cand.latenciesMs);
    const broken = value !== null && value > latency.p99MaxMs;
    checks.push({
      evidence: {
        check: 'sla.latencyP99',
        metric: 'p99 latency (ms)',
        ...scope,
        baseline: p99(base.latenciesMs),
        candidate: value,
        samples,
        test: 'observed p99',
        threshold: `≤ ${latency.p99MaxMs} ms`,
        verdict: value === null ? 'skipped' : broken ? 'fail' : 'pass',
        effect: 'rollback',
      },
      ...(broken
        ? { reason: `The candidate's p99 latency${where} is ${num(value)} ms, above the ${latency.p99MaxMs} ms SLA.` }
        : {}),
    });
  }
  if (latency?.maxIncreaseRatio !== undefined) {
    checks.push(
      ratioCheck({
        check: 'sla.latencyIncrease',
        metric: 'p99 latency (ms)',
        baseline: p99(base.latenciesMs),
        candidate: p99(cand.latenciesMs),
        max: latency.maxIncreaseRatio,
        suite,
        samples,
        what: 'p99 latency',
      }),
    );
  }
  if (rules.tokens?.maxIncreaseRatio !== undefined) {
    checks.push(
      ratioCheck({
        check: 'sla.tokens',
        metric: 'tokens per trial',
        baseline: mean(base.tokens),
        candidate: mean(cand.tokens),
        max: rules.tokens.maxIncreaseRatio,
        suite,
        samples,
        what: 'Tokens per trial',
      }),
    );
  }
  if (rules.cost?.maxIncreaseRatio !== undefined) {
    checks.push(
      ratioCheck({
        check: 'sla.cost',
        metric: 'cost per trial (USD)',
        baseline: mean(base.costsUsd),
        candidate: mean(cand.costsUsd),
        max: rules.cost.maxIncreaseRatio,
        suite,
        samples: { baseline: base.costsUsd.length, candidate: cand.costsUsd.length },
        what: 'Cost per trial',
      }),
    );
  }
  return checks;
}

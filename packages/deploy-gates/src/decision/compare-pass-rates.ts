import {
  fisherExactOneSided,
  mcnemarExact,
  newcombeInterval,
  pairedDifferenceInterval,
  wilsonInterval,
} from '@agent-cicd/core/stats';
import type { Check } from './check.js';
import { inSuite, pct, points } from './check.js';
import type { PairCounts } from './pair-counts.js';
import { TRIALS_TO_SETTLE_LIMIT, trialsToSettle } from './trials-to-settle.js';

/** Pass/fail outcomes of each trial, per case key. */
export type Outcomes = ReadonlyMap<string, readonly boolean[]>;

export interface PassRateRules {
  minPassRate: number;
  nonInferiorityMargin: number;
  minSamples: number;
}

export interface ComparePassRatesOptions {
  baseline: Outcomes;
  candidate: Outcomes;
  rules: PassRateRules;
  /** One-sided error level of each test; intervals are two-sided at 1 − 2·alpha. */
  alpha: number;
  suite?: string;
  /** `auto` pairs when both ran the same case ids. @default 'auto' */
  pairing?: 'auto' | 'never';
}

export type { PairCounts } from './pair-counts.js';

/** Both sides ran exactly the same case keys. */
export function sameCases(baseline: Outcomes, candidate: Outcomes): boolean {
  if (baseline.size === 0 || baseline.size !== candidate.size) return false;
  for (const key of baseline.keys()) if (!candidate.has(key)) return false;
  return true;
}

/**
 * Pairs trial i of the candidate with trial i of the baseline, case by case. When the two ran a different
 * number of trials of a case, only the first min(k_baseline, k_candidate) trials are paired; the extra trials
 * still count in each side's pass rate and absolute floor, but not in the paired test.
 */
export function pairCounts(baseline: Outcomes, candidate: Outcomes): PairCounts {
  const counts: PairCounts = { bothPass: 0, candidateOnly: 0, baselineOnly: 0, bothFail: 0 };
  for (const [key, base] of baseline) {
    const cand = candidate.get(key) ?? [];
    const n = Math.min(base.length, cand.length);
    for (let i = 0; i < n; i++) {
      if (base[i]) {
        if (cand[i]) counts.bothPass += 1;
        else counts.baselineOnly += 1;
      } else if (cand[i]) counts.candidateOnly += 1;
      else counts.bothFail += 1;
    }
  }
  return counts;
}

function tally(outcomes: Outcomes): { successes: number; trials: number } {
  let successes = 0;
  let trials = 0;
  for (const list of outcomes.values()) {
    for (const passed of list) {
      trials += 1;
      if (passed) successes += 1;
    }
  }
  return { successes, trials };
}

/**
 * The pass-rate checks: enough samples, no significant regression beyond the margin, non-inferiority, and the
 * absolute floor. Paired (exact McNemar + paired score interval) when both sides ran the same cases, unpaired
 * (Fisher exact + Newcombe hybrid score interval) otherwise.
 */
export function comparePassRates(options: ComparePassRatesOptions): { checks: Check[]; paired: boolean } {
  const { rules, alpha, suite } = options;
  const confidence = 1 - 2 * alpha;
  const base = tally(options.baseline);
  const cand = tally(options.candidate);
  const baseRate = base.trials === 0 ? null : base.successes / base.trials;
  const candRate = cand.trials === 0 ? null : cand.successes / cand.trials;
  const samples = { baseline: base.trials, candidate: cand.trials };
  const where = inSuite(suite);
  const checks: Check[] = [];
  const scope = suite === undefined ? {} : { suite };

  const enough = Math.min(base.trials, cand.trials) >= rules.minSamples;
  checks.push({
    evidence: {
      check: 'passRate.samples',
      metric: 'trials',
      ...scope,
      baseline: base.trials,
      candidate: cand.trials,
      test: 'count',
      threshold: `≥ ${rules.minSamples} per side`,
      verdict: enough ? 'pass' : 'inconclusive',
      effect: 'hold',
    },
    ...(enough
      ? {}
      : {
          reason: `Too few samples${where}: ${base.trials} baseline and ${cand.trials} candidate trials; the policy needs at least ${rules.minSamples} per side before it decides.`,
        }),
  });
  if (base.trials === 0 || cand.trials === 0) return { checks, paired: false };

  const paired = options.pairing !== 'never' && sameCases(options.baseline, options.candidate);
  let pWorse: number;
  let interval: { difference: number; low: number; high: number };
  let test: string;
  let pairs: number | undefined;
  let counts: PairCounts | undefined;
  if (paired) {
    counts = pairCounts(options.baseline, options.candidate);
    pairs = counts.bothPass + counts.bothFail + counts.baselineOnly + counts.candidateOnly;
    pWorse = mcnemarExact(counts).pValueCandidateWorse;
    interval = pairedDifferenceInterval(counts, confidence);
    test = `exact McNemar, one-sided (${counts.baselineOnly} pairs only the baseline passed, ${counts.candidateOnly} only the candidate) + paired score interval`;
  } else {
    pWorse = fisherExactOneSided(cand, base);
    interval = newcombeInterval(cand, base, confidence);
    test = 'Fisher exact, one-sided + Newcombe hybrid score interval';
  }
  const margin = rules.nonInferiorityMargin;
  const ci = { low: interval.low, high: interval.high, confidence };
  const regression = pWorse < alpha && interval.high < -margin;
  const difference = interval.difference;
  const pairSamples = pairs === undefined ? samples : { baseline: pairs, candidate: pairs };
  // A paired comparison is about the paired trials: show their rates next to their difference, and say so
  // (the overall rates can differ when one side ran extra trials).
  const pairedRates =
    counts && pairs
      ? {
          baseline: (counts.bothPass + counts.baselineOnly) / pairs,
          candidate: (counts.bothPass + counts.candidateOnly) / pairs,
        }
      : undefined;
  const shownBase = pairedRates ? pairedRates.baseline : baseRate;
  const shownCand = pairedRates ? pairedRates.candidate : candRate;
  const ciText = `${pct(confidence, 0)} CI ${points(ci.low)} to ${points(ci.high)}`;
  const rates = pairedRates
    ? `${pct(shownCand)} vs ${pct(shownBase)} over ${pairs} paired trials (paired difference ${points(difference)}, ${ciText}` +
      (candRate !== shownCand || baseRate !== shownBase ? `; over all trials ${pct(candRate)} vs ${pct(baseRate)}` : '')
    : `${pct(candRate)} vs ${pct(baseRate)} (difference ${points(difference)}, ${ciText}`;
  checks.push({
    evidence: {
      check: 'passRate.regression',
      metric: paired ? 'pass rate (paired trials)' : 'pass rate',
      ...scope,
      baseline: shownBase,
      candidate: shownCand,
      difference,
      interval: ci,
      pValue: pWorse,
      samples: pairSamples,
      test,
      threshold: `not (p < ${formatAlpha(alpha)} and upper bound < ${points(-margin)})`,
      verdict: regression ? 'fail' : 'pass',
      effect: 'rollback',
    },
    ...(regression
      ? {
          reason: `The candidate's pass rate${where} is significantly lower than the baseline's: ${rates}, p ${formatP(pWorse)}), worse than the ${points(-margin)} margin allows.`,
        }
      : {}),
  });

  const nonInferior = interval.low > -margin;
  const inferior = interval.high < -margin;
  const current = pairs ?? Math.min(base.trials, cand.trials);
  const trialsNeeded =
    nonInferior || inferior || baseRate === null || candRate === null
      ? undefined
      : trialsToSettle({
          baseRate,
          candRate,
          margin,
          confidence,
          current,
          ...(counts ? { pairs: counts } : {}),
        });
  const unit = paired ? 'paired trials' : 'trials per arm';
  const settle =
    nonInferior || inferior
      ? ''
      : trialsNeeded !== undefined
        ? ` If the observed rates hold, about ${trialsNeeded} ${unit} (now ${current}) would show non-inferiority at this margin.`
        : difference <= -margin
          ? ' At the observed difference more trials would not show non-inferiority.'
          : ` Showing it would take more than ${TRIALS_TO_SETTLE_LIMIT} ${unit} at the observed rates.`;
  checks.push({
    evidence: {
      check: 'passRate.nonInferiority',
      metric: paired ? 'pass rate (paired trials)' : 'pass rate',
      ...scope,
      baseline: shownBase,
      candidate: shownCand,
      difference,
      interval: ci,
      samples: pairSamples,
      ...(trialsNeeded === undefined ? {} : { trialsNeeded }),
      test: paired
        ? 'paired score interval (candidate − baseline)'
        : 'Newcombe hybrid score interval (candidate − baseline)',
      threshold: `lower bound > ${points(-margin)}`,
      verdict: nonInferior ? 'pass' : inferior ? 'fail' : 'inconclusive',
      effect: 'hold',
    },
    ...(nonInferior || regression
      ? {}
      : {
          reason: `Non-inferiority is not shown${where}: ${rates}); its lower bound ${points(ci.low)} is below the ${points(-margin)} margin.${settle}`,
        }),
  });

  const wilson = wilsonInterval(cand.successes, cand.trials, confidence);
  const rate = candRate as number;
  const below = wilson.high < rules.minPassRate;
  const floorVerdict = below ? 'fail' : rate >= rules.minPassRate ? 'pass' : 'inconclusive';
  checks.push({
    evidence: {
      check: 'passRate.floor',
      metric: 'candidate pass rate',
      ...scope,
      baseline: baseRate,
      candidate: candRate,
      interval: { ...wilson, confidence },
      samples,
      test: 'Wilson score interval',
      threshold: `≥ ${pct(rules.minPassRate)} (rollback if upper bound below)`,
      verdict: floorVerdict,
      effect: below ? 'rollback' : 'hold',
    },
    ...(floorVerdict === 'pass'
      ? {}
      : {
          reason: below
            ? `The candidate's pass rate${where} (${pct(rate)}, ${pct(confidence, 0)} CI up to ${pct(wilson.high)}) is confidently below the ${pct(rules.minPassRate)} minimum.`
            : `The candidate's pass rate${where} (${pct(rate)}) is below the ${pct(rules.minPassRate)} minimum, but not confidently so.`,
        }),
  });
  return { checks, paired };
}

/** p-values for people, with their relation: `= 0.0123`, `< 0.0001`. */
export function formatP(p: number): string {
  return p < 0.0001 ? '< 0.0001' : `= ${p.toFixed(4)}`;
}

/** `0.025000000000000022` → `0.025`. */
export function formatAlpha(alpha: number): string {
  return String(Number(alpha.toPrecision(3)));
}

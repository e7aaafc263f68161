// Pure helpers of bench/gates.bench.ts: the samples a fixed design needs to match a power, bootstrap Monte-Carlo
// errors, and error-rate summaries. Tested in packages/deploy-gates/src/decision/gate-efficiency.test.ts.
import { normalQuantile, wilsonInterval } from '@agent-cicd/core/stats';

/** One point of a fixed design's power curve: its rate of correct decisions at a mean number of samples. */
export interface CurvePoint {
  rate: number;
  samples: number;
}

const probit = (rate: number): number => normalQuantile(Math.min(Math.max(rate, 1e-9), 1 - 1e-9));

/**
 * Mean samples at which a fixed design's correct-decision rate reaches `target`, interpolated between the first two
 * points of `curve` (ordered by samples) that bracket it: linear in probit(rate) against √samples, which is exact for
 * a one-sided z-test's power Φ(δ√n/σ − z) and so does not favour either side on a concave curve (a straight line
 * between two points would overstate the samples needed). `null` when the curve does not reach or start below it.
 */
export function samplesForRate(curve: readonly CurvePoint[], target: number): number | null {
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1] as CurvePoint;
    const b = curve[i] as CurvePoint;
    if (a.rate <= target && target <= b.rate) {
      if (b.rate === a.rate) return a.samples;
      const f = (probit(target) - probit(a.rate)) / (probit(b.rate) - probit(a.rate));
      const root = Math.sqrt(a.samples) + f * (Math.sqrt(b.samples) - Math.sqrt(a.samples));
      return root * root;
    }
  }
  return null;
}

/** Decisions and samples of every simulated pair under one design (same order across designs: common random numbers). */
export interface PairOutcomes {
  correct: Uint8Array;
  samples: Float64Array;
}

/**
 * Sequential samples ÷ the fixed design's samples at the sequential design's correct-decision rate, over the pairs
 * `index` (all pairs, or a bootstrap resample of them).
 */
export function sampleRatio(
  sequential: PairOutcomes,
  fixed: readonly PairOutcomes[],
  index: ArrayLike<number>,
): { rate: number; samples: number; fixedSamples: number | null; ratio: number | null; curve: CurvePoint[] } {
  const n = index.length;
  const mean = (design: PairOutcomes) => {
    let correct = 0;
    let samples = 0;
    for (let i = 0; i < n; i++) {
      const j = index[i] as number;
      correct += design.correct[j] as number;
      samples += design.samples[j] as number;
    }
    return { rate: correct / n, samples: samples / n };
  };
  const seq = mean(sequential);
  const curve = fixed.map(mean);
  const fixedSamples = samplesForRate(curve, seq.rate);
  return {
    rate: seq.rate,
    samples: seq.samples,
    fixedSamples,
    ratio: fixedSamples === null ? null : seq.samples / fixedSamples,
    curve,
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/**
 * Bootstrap over simulated pairs (resampled with replacement, `resamples` times, seeded): standard error and 95%
 * percentile interval of the sample ratio. Resamples where the curve does not bracket the rate count as +∞ (they
 * push the upper bound up, never down).
 */
export function bootstrapRatio(
  sequential: PairOutcomes,
  fixed: readonly PairOutcomes[],
  resamples: number,
  random: () => number,
): { standardError: number; ci95: [number, number]; unbracketed: number } {
  const n = sequential.correct.length;
  const index = new Uint32Array(n);
  const ratios: number[] = [];
  let unbracketed = 0;
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) index[i] = Math.floor(random() * n);
    const { ratio } = sampleRatio(sequential, fixed, index);
    if (ratio === null) unbracketed += 1;
    ratios.push(ratio ?? Number.POSITIVE_INFINITY);
  }
  ratios.sort((a, b) => a - b);
  const finite = ratios.filter(Number.isFinite);
  const mean = finite.reduce((sum, x) => sum + x, 0) / Math.max(finite.length, 1);
  const variance = finite.reduce((sum, x) => sum + (x - mean) ** 2, 0) / Math.max(finite.length - 1, 1);
  return {
    standardError: Math.sqrt(variance),
    ci95: [percentile(ratios, 0.025), percentile(ratios, 0.975)],
    unbracketed,
  };
}

/** An error rate from `events` in `runs` simulations: the rate, its binomial standard error and 95% Wilson interval. */
export function rateSummary(
  events: number,
  runs: number,
): { rate: number; standardError: number; ci95: [number, number] } {
  const rate = events / runs;
  const { low, high } = wilsonInterval(events, runs, 0.95);
  return { rate, standardError: Math.sqrt((rate * (1 - rate)) / runs), ci95: [low, high] };
}

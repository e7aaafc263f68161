import { normalCdf } from '@agent-cicd/core/stats';
import { describe, expect, it } from 'vitest';
import {
  bootstrapRatio,
  type PairOutcomes,
  rateSummary,
  sampleRatio,
  samplesForRate,
} from '../../../../bench/gate-efficiency.js';
import { mulberry32 } from '../test-utils/prng.js';

// The arithmetic of `npm run bench:gates` (bench/gate-efficiency.ts): how many samples the fixed design needs for the
// sequential design's power, and the Monte-Carlo errors around it.
describe('gate efficiency arithmetic (bench/gates)', () => {
  it('interpolates the samples for a power exactly on a z-test power curve, and refuses to extrapolate', () => {
    // Power of a one-sided z-test: Φ(0.1·√n − 1.96). Points at n = 400 and 900; the power at n = 625 is in between.
    const power = (n: number) => normalCdf(0.1 * Math.sqrt(n) - 1.959964);
    const curve = [400, 900].map((n) => ({ rate: power(n), samples: n }));
    expect(samplesForRate(curve, power(625))).toBeCloseTo(625, 0);
    // A straight line between the two points would have said more (the curve is concave): we do not.
    const linear = 400 + ((power(625) - power(400)) / (power(900) - power(400))) * 500;
    expect(linear).toBeGreaterThan(640);
    expect(samplesForRate(curve, power(300))).toBeNull();
    expect(samplesForRate(curve, power(1000))).toBeNull();
  });

  it('the ratio divides the sequential mean samples by the fixed samples at its correct-decision rate', () => {
    const design = (correct: number[], samples: number[]): PairOutcomes => ({
      correct: Uint8Array.from(correct),
      samples: Float64Array.from(samples),
    });
    // Sequential: right 3 of 4 times, 100 samples on average. Fixed: 50% right at 200, 100% right at 400.
    const sequential = design([1, 1, 1, 0], [50, 50, 100, 200]);
    const fixed = [design([1, 1, 0, 0], [200, 200, 200, 200]), design([1, 1, 1, 1], [400, 400, 400, 400])];
    const result = sampleRatio(sequential, fixed, [0, 1, 2, 3]);
    expect(result.rate).toBe(0.75);
    expect(result.samples).toBe(100);
    expect(result.fixedSamples).toBeGreaterThan(200);
    expect(result.fixedSamples).toBeLessThan(400);
    expect(result.ratio).toBeCloseTo(100 / (result.fixedSamples as number), 12);
  });

  it('bootstrap errors shrink with more simulated pairs', () => {
    const simulate = (n: number): [PairOutcomes, PairOutcomes[]] => {
      const random = mulberry32(n);
      const draw = (p: number, samples: number): PairOutcomes => ({
        correct: Uint8Array.from({ length: n }, () => (random() < p ? 1 : 0)),
        samples: new Float64Array(n).fill(samples),
      });
      return [draw(0.7, 100), [draw(0.5, 150), draw(0.8, 300)]];
    };
    const small = bootstrapRatio(...simulate(400), 200, mulberry32(1));
    const large = bootstrapRatio(...simulate(6400), 200, mulberry32(1));
    expect(large.standardError).toBeLessThan(small.standardError / 2);
    expect(large.ci95[0]).toBeLessThan(large.ci95[1]);
  });

  it('error rates come with a binomial standard error and a Wilson interval that is not empty at zero events', () => {
    const zero = rateSummary(0, 4000);
    expect(zero.rate).toBe(0);
    expect(zero.ci95[1]).toBeGreaterThan(0);
    expect(zero.ci95[1]).toBeLessThan(0.001);
    const some = rateSummary(100, 4000);
    expect(some.standardError).toBeCloseTo(Math.sqrt((0.025 * 0.975) / 4000), 12);
    expect(some.ci95[0]).toBeLessThan(0.025);
    expect(some.ci95[1]).toBeGreaterThan(0.025);
  });
});

import { normalCdf } from '@agent-cicd/core/stats';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../test-utils/prng.js';
import { alphaSpent, groupSequentialBoundaries, nominalAlpha } from './group-sequential.js';

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

describe('groupSequentialBoundaries', () => {
  it("matches published Lan–DeMets O'Brien–Fleming boundaries (gsDesign sfLDOF, 4 looks, one-sided 0.025)", () => {
    const bounds = groupSequentialBoundaries(0.025, 4, 'obrien-fleming');
    [4.3326, 2.9631, 2.359, 2.0141].forEach((expected, i) => {
      expect(bounds[i]).toBeCloseTo(expected, 2);
    });
  });

  it('spends exactly the first increment at the first look, and alpha in total', () => {
    expect(1 - normalCdf(groupSequentialBoundaries(0.025, 4, 1)[0] as number)).toBeCloseTo(0.025 / 4, 10);
    expect(alphaSpent(0.025, 1, 2)).toBe(0.025);
    expect(alphaSpent(0.025, 0.5, 2)).toBeCloseTo(0.00625, 12);
    expect(nominalAlpha(0.025, 4, 4, 2)).toBeGreaterThan(0.025 * (1 - 0.5625));
  });

  it('keeps the chance of ever crossing at alpha (seeded simulation of the running z statistic)', () => {
    const random = mulberry32(42);
    const bounds = groupSequentialBoundaries(0.025, 4, 2);
    const runs = 40_000;
    let crossed = 0;
    for (let run = 0; run < runs; run++) {
      let sum = 0;
      for (let j = 1; j <= 4; j++) {
        sum += gaussian(random);
        if (sum / Math.sqrt(j) > (bounds[j - 1] as number)) {
          crossed += 1;
          break;
        }
      }
    }
    const error = 3 * Math.sqrt((0.025 * 0.975) / runs);
    expect(Math.abs(crossed / runs - 0.025)).toBeLessThan(error);
  });
});

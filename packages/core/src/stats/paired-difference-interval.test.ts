import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATS_INVALID_ARGUMENT } from '../errors.js';
import { pairedDifferenceInterval } from './paired-difference-interval.js';

describe('pairedDifferenceInterval', () => {
  // Fagerland MW, Lydersen S, Laake P (2017). Statistical Analysis of Contingency Tables, chapter 8 (the paired
  // 2×2 table), Cavo et al. (2012) complete response before/after consolidation therapy, table [[59, 6], [16, 80]]:
  // Newcombe square-and-add (Newcombe 1998 method 10) estimate −0.0621, 95% CI −0.1186 to −0.0046. Printed to 4
  // decimals, compared to that precision.
  it('matches the Cavo et al. example of Fagerland et al. (2017)', () => {
    const result = pairedDifferenceInterval({ bothPass: 59, candidateOnly: 6, baselineOnly: 16, bothFail: 80 });
    expect(Math.abs(result.difference - -0.0621)).toBeLessThan(0.00005);
    expect(Math.abs(result.low - -0.1186)).toBeLessThan(0.00005);
    expect(Math.abs(result.high - -0.0046)).toBeLessThan(0.00005);
  });

  it('is antisymmetric when candidate and baseline swap', () => {
    const a = pairedDifferenceInterval({ bothPass: 30, candidateOnly: 2, baselineOnly: 9, bothFail: 5 });
    const b = pairedDifferenceInterval({ bothPass: 30, candidateOnly: 9, baselineOnly: 2, bothFail: 5 });
    expect(a.low).toBeCloseTo(-b.high, 12);
    expect(a.high).toBeCloseTo(-b.low, 12);
  });

  it('contains the difference and stays within [−1, 1] (property)', () => {
    const cell = fc.integer({ min: 0, max: 25_000 });
    fc.assert(
      fc.property(cell, cell, cell, cell, (bothPass, candidateOnly, baselineOnly, bothFail) => {
        fc.pre(bothPass + candidateOnly + baselineOnly + bothFail > 0);
        const { difference, low, high } = pairedDifferenceInterval({ bothPass, candidateOnly, baselineOnly, bothFail });
        return low >= -1 - 1e-12 && high <= 1 + 1e-12 && low <= difference && difference <= high;
      }),
    );
  });

  it('rejects no pairs and invalid counts', () => {
    expect(() => pairedDifferenceInterval({ bothPass: 0, candidateOnly: 0, baselineOnly: 0, bothFail: 0 })).toThrow(
      expect.objectContaining({ code: STATS_INVALID_ARGUMENT }),
    );
    expect(() => pairedDifferenceInterval({ bothPass: 1, candidateOnly: -1, baselineOnly: 0, bothFail: 0 })).toThrow(
      'candidateOnly must be a non-negative integer',
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATS_INVALID_ARGUMENT } from '../errors.js';
import { newcombeInterval } from './newcombe-interval.js';

// The sources print 4 decimals; we compare to that precision (±0.00005).
const PRINTED = 0.00005;

describe('newcombeInterval', () => {
  it.each([
    // Newcombe RG (1998). Interval estimation for the difference between independent proportions: comparison
    // of eleven methods. Stat Med 17:873–890, Table II, method 10, examples (a) and (b).
    [56, 70, 48, 80, 0.2, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.6, 0.1705, 0.809],
    // Fagerland MW, Lydersen S, Laake P (2017). Statistical Analysis of Contingency Tables, §4, Perondi et al.
    // (2004) epinephrine RCT, Newcombe hybrid score interval: estimate 0.1765 (95% CI 0.0189 to 0.3404).
    [7, 34, 1, 34, 0.1765, 0.0189, 0.3404],
  ])('%i/%i vs %i/%i matches the published interval', (cs, ct, bs, bt, difference, low, high) => {
    const result = newcombeInterval({ successes: cs, trials: ct }, { successes: bs, trials: bt });
    expect(Math.abs(result.difference - difference)).toBeLessThan(PRINTED);
    expect(Math.abs(result.low - low)).toBeLessThan(PRINTED);
    expect(Math.abs(result.high - high)).toBeLessThan(PRINTED);
  });

  it('is antisymmetric when candidate and baseline swap', () => {
    const a = newcombeInterval({ successes: 12, trials: 40 }, { successes: 30, trials: 35 });
    const b = newcombeInterval({ successes: 30, trials: 35 }, { successes: 12, trials: 40 });
    expect(a.low).toBeCloseTo(-b.high, 12);
    expect(a.high).toBeCloseTo(-b.low, 12);
  });

  it('contains the difference and stays within [−1, 1] (property)', () => {
    const count = fc
      .integer({ min: 1, max: 100_000 })
      .chain((trials) => fc.record({ successes: fc.integer({ min: 0, max: trials }), trials: fc.constant(trials) }));
    fc.assert(
      fc.property(count, count, (candidate, baseline) => {
        const { difference, low, high } = newcombeInterval(candidate, baseline);
        return low >= -1 && high <= 1 && low <= difference && difference <= high;
      }),
    );
  });

  it('rejects empty groups and invalid counts', () => {
    expect(() => newcombeInterval({ successes: 0, trials: 0 }, { successes: 1, trials: 2 })).toThrow(
      expect.objectContaining({
        code: STATS_INVALID_ARGUMENT,
        message: 'candidate.trials must be at least 1 to estimate a pass rate',
      }),
    );
    expect(() => newcombeInterval({ successes: 1, trials: 2 }, { successes: 3, trials: 2 })).toThrow(
      'baseline.successes (3) must not exceed baseline.trials (2)',
    );
    expect(() => newcombeInterval({ successes: 1, trials: 2 }, { successes: 1, trials: 2 }, 1)).toThrow(/confidence/);
  });
});

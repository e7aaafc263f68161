import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATS_INVALID_ARGUMENT } from '../errors.js';
import { passAtK, passHatK } from './pass-at-k.js';

// Reference values are the papers' formulas evaluated by hand with exact binomial coefficients:
// pass@k = 1 − C(n−c, k) / C(n, k)  (Chen et al. 2021, "Evaluating Large Language Models Trained on Code", eq. 1)
// pass^k = C(c, k) / C(n, k)        (Yao et al. 2024, "τ-bench", §5.1)
describe('passAtK (Chen et al. 2021)', () => {
  it.each([
    // n, c, k, expected (hand computation)
    [10, 3, 5, 1 - 21 / 252], // C(7,5)=21, C(10,5)=252
    [10, 3, 1, 0.3], // pass@1 = c/n
    [200, 0, 10, 0],
    [5, 2, 4, 1], // n − c < k: every draw of 4 contains a success
    [20, 1, 10, 1 - 92378 / 184756], // C(19,10)=92378, C(20,10)=184756 → 0.5
  ])('n=%i c=%i k=%i', (n, c, k, expected) => {
    expect(passAtK(n, c, k)).toBeCloseTo(expected, 12);
  });

  it('works at n = 100,000 without overflow', () => {
    // With c = 1: 1 − C(n−1, k)/C(n, k) = k/n exactly.
    expect(passAtK(100_000, 1, 100)).toBeCloseTo(100 / 100_000, 12);
  });
});

describe('passHatK (Yao et al. 2024)', () => {
  it.each([
    [10, 3, 2, 3 / 45], // C(3,2)=3, C(10,2)=45
    [8, 6, 3, 20 / 56], // C(6,3)=20, C(8,3)=56
    [10, 7, 1, 0.7], // pass^1 = c/n
    [4, 4, 4, 1],
    [4, 3, 4, 0],
    [5, 1, 2, 0], // c < k
  ])('n=%i c=%i k=%i', (n, c, k, expected) => {
    expect(passHatK(n, c, k)).toBeCloseTo(expected, 12);
  });

  it('works at n = 100,000 without overflow', () => {
    // C(n−1, k)/C(n, k) = (n − k)/n.
    expect(passHatK(100_000, 99_999, 5_000)).toBeCloseTo(95_000 / 100_000, 10);
  });
});

describe('pass^k ≤ pass rate ≤ pass@k (property)', () => {
  it('holds, and pass^k falls while pass@k rises with k', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 300 })
          .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: 1, max: n }))),
        ([n, c, k]) => {
          const rate = c / n;
          const hat = passHatK(n, c, k);
          const at = passAtK(n, c, k);
          const ok = hat <= rate + 1e-12 && rate <= at + 1e-12 && hat >= 0 && at <= 1;
          if (k === n) return ok;
          return ok && passHatK(n, c, k + 1) <= hat + 1e-12 && passAtK(n, c, k + 1) >= at - 1e-12;
        },
      ),
    );
  });
});

describe('argument checks', () => {
  it.each([
    [() => passAtK(5, 6, 1), 'successes (6) must not exceed trials (5)'],
    [() => passHatK(5, 2, 6), 'k (6) must not exceed the number of trials n (5)'],
    [() => passHatK(5, 2, 0), 'k must be at least 1'],
    [() => passAtK(5, -1, 1), 'successes must be a non-negative integer'],
    [() => passAtK(5.5, 1, 1), 'trials must be a non-negative integer'],
    [() => passAtK(5, 1, 1.5), 'k must be a non-negative integer'],
  ])('%#: %s', (call, message) => {
    expect(call).toThrow(
      expect.objectContaining({ code: STATS_INVALID_ARGUMENT, message: expect.stringContaining(message) }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATS_INVALID_ARGUMENT } from '../errors.js';
import { fisherExactOneSided } from './fisher-exact.js';
import { normalCdf } from './normal.js';

describe('fisherExactOneSided', () => {
  // R documentation, ?fisher.test, "Agresti (1990, p. 61f; 2002, p. 91) Fisher's Tea Drinker":
  //   TeaTasting <- matrix(c(3, 1, 1, 3), nrow = 2); fisher.test(TeaTasting, alternative = "greater")
  //   → p-value = 0.2429. "greater" on cell [1,1] = 3 is "less" on cell [2,1] = 1, i.e. the second row as the
  //   candidate. By hand: P(X ≤ 1) = (C(4,0)C(4,4) + C(4,1)C(4,3)) / C(8,4) = 17/70.
  it("matches R's TeaTasting example", () => {
    const p = fisherExactOneSided({ successes: 1, trials: 4 }, { successes: 3, trials: 4 });
    expect(Math.abs(p - 0.2429)).toBeLessThan(0.00005);
    expect(p).toBeCloseTo(17 / 70, 14);
  });

  // R documentation, ?fisher.test, "Fisher (1962, 1970), Criminal convictions of like-sex twins":
  //   Convictions <- matrix(c(2, 10, 15, 3), nrow = 2); fisher.test(Convictions, alternative = "less")
  //   → p-value = 0.0004652 (printed to 4 significant digits).
  it("matches R's Convictions example", () => {
    const p = fisherExactOneSided({ successes: 2, trials: 17 }, { successes: 10, trials: 13 });
    expect(Math.abs(p - 0.0004652)).toBeLessThan(0.00000005);
  });

  it('is 1 when the candidate is at its largest possible count, and with an empty group', () => {
    expect(fisherExactOneSided({ successes: 5, trials: 5 }, { successes: 0, trials: 5 })).toBe(1);
    expect(fisherExactOneSided({ successes: 0, trials: 0 }, { successes: 3, trials: 5 })).toBe(1);
  });

  it('stays accurate at n = 100,000 per group (sanity check against the normal approximation)', () => {
    // Not a reference value: with this many trials the exact p-value must be close to the z-test's.
    const candidate = { successes: 49_500, trials: 100_000 };
    const baseline = { successes: 50_000, trials: 100_000 };
    const p = fisherExactOneSided(candidate, baseline);
    const pooled = 99_500 / 200_000;
    const z = (0.495 - 0.5) / Math.sqrt(pooled * (1 - pooled) * (2 / 100_000));
    expect(p).toBeGreaterThan(0.01);
    expect(Math.abs(p - normalCdf(z)) / normalCdf(z)).toBeLessThan(0.05);
  });

  it('grows with the candidate’s successes and stays in [0, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000 }),
        fc.integer({ min: 1, max: 2_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (ct, bt, u, v) => {
          const cs = Math.floor(u * (ct - 1));
          const baseline = { successes: Math.floor(v * bt), trials: bt };
          const p = fisherExactOneSided({ successes: cs, trials: ct }, baseline);
          const next = fisherExactOneSided({ successes: cs + 1, trials: ct }, baseline);
          return p >= 0 && p <= 1 && next >= p - 1e-12;
        },
      ),
    );
  });

  it('rejects invalid counts', () => {
    expect(() => fisherExactOneSided({ successes: 3, trials: 2 }, { successes: 1, trials: 2 })).toThrow(
      expect.objectContaining({
        code: STATS_INVALID_ARGUMENT,
        message: 'candidate.successes (3) must not exceed candidate.trials (2)',
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { logChoose, logGamma, regularizedGammaP, regularizedGammaQ } from './special-functions.js';

// Closed forms: Γ(n) = (n − 1)!, Γ(½) = √π, P(1, x) = 1 − e^(−x), Q(½, x) = erfc(√x).
describe('special functions', () => {
  it('logGamma matches factorials and Γ(½) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(11)).toBeCloseTo(Math.log(3_628_800), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    // Stirling with three correction terms is exact to ~1e-20 relative at this size.
    const x = 100_001;
    const stirling = (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
    expect(Math.abs(logGamma(x) - stirling) / stirling).toBeLessThan(1e-14);
  });

  it('logChoose matches small binomial coefficients and is −∞ outside the support', () => {
    expect(Math.exp(logChoose(10, 5))).toBeCloseTo(252, 9);
    expect(logChoose(5, 0)).toBe(0);
    expect(logChoose(5, 6)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('regularized gamma P and Q match closed forms on both sides of a + 1', () => {
    for (const x of [0.1, 1, 2.5, 10, 40]) {
      expect(regularizedGammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 14);
      expect(regularizedGammaQ(1, x) / Math.exp(-x)).toBeCloseTo(1, 12);
      expect(regularizedGammaP(3, x) + regularizedGammaQ(3, x)).toBeCloseTo(1, 14);
    }
  });
});

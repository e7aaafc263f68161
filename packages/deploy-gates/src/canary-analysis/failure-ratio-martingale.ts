import type { CanaryLook } from './canary-metrics.js';

/**
 * Mixture likelihood-ratio martingale for the ratio ρ = canary failure rate ÷ stable failure rate.
 *
 * Conditional on the number of failures F in a look, and treating failures as rare events (Poisson), each
 * failure comes from the canary with probability θ(ρ) = ρ·n_c / (ρ·n_c + n_s), where n_c and n_s are the
 * requests each side served (Lindon & Malek 2022, "Anytime-valid inference for multinomial count data",
 * the method behind Netflix's sequential canary testing). Under the null ρ = ρ0 the product over looks of
 * Binomial(F; θ(ρ)) / Binomial(F; θ(ρ0)), averaged over a fixed grid of alternatives ρ, is a non-negative
 * martingale with mean 1, so by Ville's inequality P(ever ≥ 1/α) ≤ α — however many looks are taken.
 * When failures are not rare the true conditional law is hypergeometric, which is smaller in the convex
 * order than the binomial (Hoeffding 1963), so the bound still holds (conservatively). For a composite null
 * (ρ ≤ ρ0 against larger alternatives, or ρ ≥ ρ0 against smaller ones) each factor has mean ≤ 1.
 */
export function failureRatioMartingale(
  looks: readonly CanaryLook[],
  nullRatio: number,
  alternatives: number[],
): number {
  const logs = alternatives.map(() => 0);
  for (const look of looks) {
    const nc = look.canary.successes + look.canary.failures;
    const ns = look.stable.successes + look.stable.failures;
    const failures = look.canary.failures + look.stable.failures;
    if (nc === 0 || ns === 0 || failures === 0) continue;
    const theta0 = (nullRatio * nc) / (nullRatio * nc + ns);
    alternatives.forEach((ratio, i) => {
      const theta = (ratio * nc) / (ratio * nc + ns);
      logs[i] =
        (logs[i] as number) +
        look.canary.failures * Math.log(theta / theta0) +
        look.stable.failures * Math.log((1 - theta) / (1 - theta0));
    });
  }
  // log-mean-exp over the equally weighted grid, stable for large values.
  const max = Math.max(...logs);
  const mean = logs.reduce((sum, value) => sum + Math.exp(value - max), 0) / logs.length;
  return Math.exp(max) * mean;
}

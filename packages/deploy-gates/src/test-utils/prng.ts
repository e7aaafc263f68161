/** mulberry32: core's seeded PRNG (uniform in [0, 1)), deterministic for a given seed. */
export { createPrng as mulberry32 } from '@agent-cicd/core/testing';

/** Binomial(n, p) draw by summing Bernoullis (fine for the n used in tests and benchmarks). */
export function binomial(random: () => number, n: number, p: number): number {
  let count = 0;
  for (let i = 0; i < n; i++) if (random() < p) count += 1;
  return count;
}

/** mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). Deterministic for a given seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Binomial(n, p) draw by summing Bernoullis (fine for the n used in tests and benchmarks). */
export function binomial(random: () => number, n: number, p: number): number {
  let count = 0;
  for (let i = 0; i < n; i++) if (random() < p) count += 1;
  return count;
}

import { normalCdf, normalQuantile } from '@agent-cicd/core/stats';

/** How the one-sided alpha is spent over looks: a power family α·t^ρ, or Lan–DeMets O'Brien–Fleming. */
export type Spending = number | 'obrien-fleming';

/** Cumulative alpha spent by information fraction t ∈ [0, 1]. */
export function alphaSpent(alpha: number, t: number, spending: Spending): number {
  if (t <= 0) return 0;
  if (t >= 1) return alpha;
  if (spending === 'obrien-fleming') return 2 * (1 - normalCdf(normalQuantile(1 - alpha / 2) / Math.sqrt(t)));
  return alpha * t ** spending;
}

const STEP = 0.02;
const phi = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
const cache = new Map<string, number[]>();

/**
 * Upper z boundaries of a one-sided group-sequential test with `looks` equally spaced looks, such that the chance
 * of ever crossing under the null is exactly `alpha`, spent as {@link alphaSpent} (Lan & DeMets 1983). Computed by
 * recursive numerical integration of the canonical joint distribution of the running z statistics (Armitage,
 * McPherson & Rowe 1969): S_j = Σ j iid N(0, 1) increments, Z_j = S_j / √j.
 *
 * @example groupSequentialBoundaries(0.025, 4, 'obrien-fleming') // ≈ [4.333, 2.963, 2.359, 2.014]
 */
export function groupSequentialBoundaries(alpha: number, looks: number, spending: Spending): number[] {
  const key = `${alpha}|${looks}|${spending}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const bounds: number[] = [];
  // Density of S_j on a grid, restricted to paths that have not crossed yet.
  let grid: number[] = [];
  let density: number[] = [];
  for (let j = 1; j <= looks; j++) {
    const target = alphaSpent(alpha, j / looks, spending) - alphaSpent(alpha, (j - 1) / looks, spending);
    let upper: number;
    if (j === 1) {
      upper = normalQuantile(1 - target);
    } else {
      // Bisection on u (S scale): P(not crossed before, S_j > u) = target.
      const crossing = (u: number): number => {
        let sum = 0;
        for (let i = 0; i < grid.length; i++) sum += (density[i] as number) * (1 - normalCdf(u - (grid[i] as number)));
        return sum * STEP;
      };
      let lo = -10 * Math.sqrt(j);
      let hi = 12 * Math.sqrt(j);
      if (target <= 0) lo = hi;
      for (let iteration = 0; iteration < 60 && target > 0; iteration++) {
        const mid = (lo + hi) / 2;
        if (crossing(mid) > target) lo = mid;
        else hi = mid;
      }
      upper = (lo + hi) / 2 / Math.sqrt(j);
    }
    bounds.push(upper);
    const u = upper * Math.sqrt(j);
    const lowest = -8 * Math.sqrt(j);
    const next: number[] = [];
    const nextDensity: number[] = [];
    for (let x = lowest; x < u; x += STEP) {
      next.push(x);
      if (j === 1) nextDensity.push(phi(x));
      else {
        let sum = 0;
        for (let i = 0; i < grid.length; i++) sum += (density[i] as number) * phi(x - (grid[i] as number));
        nextDensity.push(sum * STEP);
      }
    }
    grid = next;
    density = nextDensity;
  }
  cache.set(key, bounds);
  return bounds;
}

/** Nominal one-sided level of look `index` (1-based): 1 − Φ(boundary). */
export function nominalAlpha(alpha: number, index: number, looks: number, spending: Spending): number {
  const bound = groupSequentialBoundaries(alpha, looks, spending)[index - 1];
  if (bound === undefined) throw new RangeError(`look ${index} of ${looks}`);
  return 1 - normalCdf(bound);
}

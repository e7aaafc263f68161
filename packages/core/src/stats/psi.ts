import { StatsArgumentError } from '../errors.js';

/** Proportion used in place of an empty bin, so that ln(actual/expected) stays finite. */
export const PSI_EMPTY_BIN_PROPORTION = 1e-4;

function proportions(values: readonly number[], name: string): number[] {
  let total = 0;
  values.forEach((value, index) => {
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new StatsArgumentError(`${name}[${index}] must be a non-negative finite number, got ${String(value)}`);
    }
    total += value;
  });
  if (total === 0) throw new StatsArgumentError(`${name} must not be all zero`);
  return values.map((value) => Math.max(value / total, PSI_EMPTY_BIN_PROPORTION));
}

/**
 * Population stability index between two binned distributions (counts or proportions; each is normalised to sum
 * to 1): Σ (aᵢ − eᵢ) · ln(aᵢ / eᵢ), the symmetrised Kullback–Leibler divergence (Siddiqi 2006, "Credit Risk
 * Scorecards", ch. 8; Yurdakul 2018, "Statistical properties of population stability index"). An empty bin counts
 * as {@link PSI_EMPTY_BIN_PROPORTION}. Rule of thumb: < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 major shift.
 */
export function populationStabilityIndex(expected: readonly number[], actual: readonly number[]): number {
  if (expected.length !== actual.length) {
    throw new StatsArgumentError(
      `expected and actual must have the same number of bins, got ${expected.length} and ${actual.length}`,
    );
  }
  if (expected.length === 0) throw new StatsArgumentError('expected and actual must have at least one bin');
  const e = proportions(expected, 'expected');
  const a = proportions(actual, 'actual');
  let psi = 0;
  for (let i = 0; i < e.length; i++) {
    const ei = e[i] as number;
    const ai = a[i] as number;
    psi += (ai - ei) * Math.log(ai / ei);
  }
  return psi;
}

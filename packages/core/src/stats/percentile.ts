import { StatsArgumentError } from '../errors.js';
import { assertFinite } from './validate.js';

function sortedFinite(values: readonly number[], name: string): number[] {
  if (values.length === 0) throw new StatsArgumentError(`${name} must not be empty`);
  values.forEach((value, index) => {
    assertFinite(value, `${name}[${index}]`);
  });
  return [...values].sort((a, b) => a - b);
}

function percentileOfSorted(sorted: readonly number[], q: number): number {
  // Linear interpolation between closest ranks: R's quantile type 7, NumPy's default "linear" method.
  const h = (sorted.length - 1) * q;
  const lower = Math.floor(h);
  const low = sorted[lower] as number;
  const high = sorted[Math.min(lower + 1, sorted.length - 1)] as number;
  return low + (h - lower) * (high - low);
}

function assertQuantile(q: number): void {
  if (!(typeof q === 'number' && q >= 0 && q <= 1)) {
    throw new StatsArgumentError(`q must be between 0 and 1, got ${String(q)}`);
  }
}

/**
 * The q-quantile of `values` (q in [0, 1]; 0.95 is the 95th percentile), by linear interpolation between
 * closest ranks — R's `quantile(type = 7)`, NumPy's default `percentile` method. Throws on an empty list.
 */
export function percentile(values: readonly number[], q: number): number {
  assertQuantile(q);
  return percentileOfSorted(sortedFinite(values, 'values'), q);
}

/** Latency summary in the unit of the input (normally milliseconds). */
export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

/**
 * p50, p95, p99 (as {@link percentile}) and the arithmetic mean of non-negative latencies. Throws on an empty list:
 * callers with no successful trials have no latency to report.
 */
export function summarizeLatencies(values: readonly number[]): LatencySummary {
  const sorted = sortedFinite(values, 'latencies');
  if ((sorted[0] as number) < 0) throw new StatsArgumentError(`latencies must not be negative, got ${sorted[0]}`);
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    p50: percentileOfSorted(sorted, 0.5),
    p95: percentileOfSorted(sorted, 0.95),
    p99: percentileOfSorted(sorted, 0.99),
    mean: sum / sorted.length,
  };
}

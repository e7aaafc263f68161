import { describe, expect, it } from 'vitest';
import { STATS_INVALID_ARGUMENT } from '../errors.js';
import { percentile, summarizeLatencies } from './percentile.js';

describe('percentile', () => {
  // NumPy documentation, numpy.percentile, Examples (default method='linear'):
  //   a = np.array([[10, 7, 4], [3, 2, 1]])
  //   np.percentile(a, 50)          → 3.5
  //   np.percentile(a, 50, axis=0)  → [6.5, 4.5, 2.5]
  //   np.percentile(a, 50, axis=1)  → [7., 2.]
  it('matches the numpy.percentile documentation examples', () => {
    expect(percentile([10, 7, 4, 3, 2, 1], 0.5)).toBe(3.5);
    expect([percentile([10, 3], 0.5), percentile([7, 2], 0.5), percentile([4, 1], 0.5)]).toEqual([6.5, 4.5, 2.5]);
    expect([percentile([10, 7, 4], 0.5), percentile([3, 2, 1], 0.5)]).toEqual([7, 2]);
  });

  it('returns the minimum at 0, the maximum at 1, the value for one element', () => {
    expect(percentile([5, 1, 9], 0)).toBe(1);
    expect(percentile([5, 1, 9], 1)).toBe(9);
    expect(percentile([42], 0.99)).toBe(42);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    percentile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });

  it.each([
    [[], 0.5, 'values must not be empty'],
    [[1, 2], 1.5, 'q must be between 0 and 1'],
    [[1, 2], -0.1, 'q must be between 0 and 1'],
    [[1, Number.NaN], 0.5, 'values[1] must be a finite number'],
  ])('rejects %j at q=%s', (values, q, message) => {
    expect(() => percentile(values, q)).toThrow(
      expect.objectContaining({ code: STATS_INVALID_ARGUMENT, message: expect.stringContaining(message) }),
    );
  });
});

describe('summarizeLatencies', () => {
  it('gives p50/p95/p99 by linear interpolation and the mean', () => {
    // 1..100: h = 99q → p50 = 50.5, p95 = 95.05, p99 = 99.01 (R quantile(1:100, c(.5,.95,.99)), type 7).
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    const summary = summarizeLatencies(values);
    expect(summary.p50).toBeCloseTo(50.5, 12);
    expect(summary.p95).toBeCloseTo(95.05, 12);
    expect(summary.p99).toBeCloseTo(99.01, 12);
    expect(summary.mean).toBeCloseTo(50.5, 12);
  });

  it('rejects an empty list and negative latencies', () => {
    expect(() => summarizeLatencies([])).toThrow(expect.objectContaining({ code: STATS_INVALID_ARGUMENT }));
    expect(() => summarizeLatencies([3, -1])).toThrow(/must not be negative/);
  });
});

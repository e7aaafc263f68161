import { describe, expect, it } from 'vitest';
import { AUTO_TESTS_PER_FILE, casesPerTestProblem, groupCases, groupSize } from './cases-per-test.js';

describe('groupSize', () => {
  it("'auto' keeps one test per case up to the bound, then the smallest size that keeps the file within it", () => {
    expect(AUTO_TESTS_PER_FILE).toBe(1000);
    expect(groupSize(1, 'auto')).toBe(1);
    expect(groupSize(1000, 'auto')).toBe(1);
    expect(groupSize(1001, 'auto')).toBe(2);
    expect(groupSize(10_000, 'auto')).toBe(10);
    expect(groupSize(10_001, 'auto')).toBe(11);
    for (const total of [1001, 2500, 10_000, 99_999, 100_000]) {
      expect(Math.ceil(total / groupSize(total, 'auto'))).toBeLessThanOrEqual(AUTO_TESTS_PER_FILE);
    }
  });

  it('a number is the group size whatever the file holds', () => {
    expect(groupSize(3, 1)).toBe(1);
    expect(groupSize(50_000, 1)).toBe(1);
    expect(groupSize(3, 25)).toBe(25);
  });
});

describe('groupCases', () => {
  it('cuts the cases into consecutive groups in definition order, the last one shorter', () => {
    expect(groupCases(7, 3)).toEqual([
      { start: 0, count: 3 },
      { start: 3, count: 3 },
      { start: 6, count: 1 },
    ]);
    expect(groupCases(2, 10)).toEqual([{ start: 0, count: 2 }]);
    const groups = groupCases(10_000, 10);
    expect(groups).toHaveLength(1000);
    expect(groups.reduce((sum, group) => sum + group.count, 0)).toBe(10_000);
  });
});

describe('casesPerTestProblem', () => {
  it("accepts 'auto' and positive integers, and says what is wrong with anything else", () => {
    expect(casesPerTestProblem('auto')).toBeUndefined();
    expect(casesPerTestProblem(1)).toBeUndefined();
    expect(casesPerTestProblem(40)).toBeUndefined();
    expect(casesPerTestProblem(0)).toBe("casesPerTest must be 'auto' or a positive integer, got 0");
    expect(casesPerTestProblem(2.5)).toContain('got 2.5');
    expect(casesPerTestProblem('10')).toContain('got "10"');
  });
});

import { describe, expect, it } from 'vitest';
import { groupTitle } from './group-title.js';

describe('groupTitle', () => {
  it('names the first and last case and where the cases sit in the suite (1-based)', () => {
    expect(groupTitle({ firstId: 'c0', lastId: 'c9', start: 0, count: 10, total: 10_000 })).toBe(
      'c0 … c9 (cases 1–10 of 10000)',
    );
    expect(groupTitle({ firstId: 'c9990', lastId: 'c9999', start: 9990, count: 10, total: 10_000 })).toBe(
      'c9990 … c9999 (cases 9991–10000 of 10000)',
    );
  });

  it('names a last group of one case by its case', () => {
    expect(groupTitle({ firstId: 'c1000', lastId: 'c1000', start: 1000, count: 1, total: 1001 })).toBe(
      'c1000 (case 1001 of 1001)',
    );
  });
});

import type { Evidence } from './decision.js';

/** One evaluated rule: its evidence row and, unless it passed, a sentence saying why it matters. */
export interface Check {
  evidence: Evidence;
  reason?: string;
}

/** `0.9` → `90.0%`. */
export function pct(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || Number.isNaN(value) ? 'n/a' : `${(value * 100).toFixed(digits)}%`;
}

/** A difference of rates in percentage points, signed: `-0.021` → `−2.1 pts`. */
export function points(value: number): string {
  const text = (Math.abs(value) * 100).toFixed(1);
  return `${value < 0 ? '−' : '+'}${text} pts`;
}

/** `for suite "checkout"` or nothing. */
export function inSuite(suite: string | undefined): string {
  return suite === undefined ? '' : ` in suite "${suite}"`;
}

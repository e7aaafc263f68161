import { StatsArgumentError } from '../errors.js';

/** A pass/fail tally: `successes` out of `trials`. */
export interface BinomialCount {
  successes: number;
  trials: number;
}

/** Throws unless `value` is a non-negative integer. */
export function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new StatsArgumentError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

/** Throws unless `successes` and `trials` are counts with successes ≤ trials. */
export function assertBinomial(successes: number, trials: number, label = ''): void {
  assertCount(successes, `${label}successes`);
  assertCount(trials, `${label}trials`);
  if (successes > trials) {
    throw new StatsArgumentError(`${label}successes (${successes}) must not exceed ${label}trials (${trials})`);
  }
}

/** Throws unless `value` lies strictly between 0 and 1. */
export function assertOpenUnit(value: number, name: string): void {
  if (!(typeof value === 'number' && value > 0 && value < 1)) {
    throw new StatsArgumentError(`${name} must be strictly between 0 and 1, got ${String(value)}`);
  }
}

/** Throws unless `value` is a finite number. */
export function assertFinite(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new StatsArgumentError(`${name} must be a finite number, got ${String(value)}`);
  }
}

// `@agent-cicd/core/stats`: the statistics behind pass rates and gates (intervals, exact tests, SPRT, PSI).

export type { BinomialTestResult } from './binomial-test.js';
export { binomialTest } from './binomial-test.js';
export type { ChiSquareResult } from './chi-square.js';
export { chiSquareIndependence } from './chi-square.js';
export { fisherExactOneSided } from './fisher-exact.js';
export type { DiscordantPairs, McNemarResult } from './mcnemar-exact.js';
export { mcnemarExact } from './mcnemar-exact.js';
export type { DifferenceInterval } from './newcombe-interval.js';
export { newcombeInterval } from './newcombe-interval.js';
export { normalCdf, normalQuantile } from './normal.js';
export type { PairedCounts } from './paired-difference-interval.js';
export { pairedDifferenceInterval } from './paired-difference-interval.js';
export { passAtK, passHatK } from './pass-at-k.js';
export type { LatencySummary } from './percentile.js';
export { percentile, summarizeLatencies } from './percentile.js';
export { PSI_EMPTY_BIN_PROPORTION, populationStabilityIndex } from './psi.js';
export type { SprtOptions, SprtResult } from './sprt.js';
export { sprt } from './sprt.js';
export type { BinomialCount } from './validate.js';
export type { Interval } from './wilson-interval.js';
export { wilsonInterval } from './wilson-interval.js';

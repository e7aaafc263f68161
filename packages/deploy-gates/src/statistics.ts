// `@agent-cicd/deploy-gates/statistics`: the comparisons behind gate decisions (pass rates, group sequential, martingale).

export { failureRatioMartingale } from './canary-analysis/failure-ratio-martingale.js';
export type { PairCounts } from './decision/compare-pass-rates.js';
export { pairCounts } from './decision/compare-pass-rates.js';
export type { Spending } from './decision/group-sequential.js';
export { alphaSpent, groupSequentialBoundaries, nominalAlpha } from './decision/group-sequential.js';

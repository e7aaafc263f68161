// `@agent-cicd/deploy-gates/statistics`: the comparisons behind gate decisions (pass rates, group sequential,
// martingale) and the gate on already flattened samples (`decideSamples`: what simulations and benchmarks call).

export { failureRatioMartingale } from './canary-analysis/failure-ratio-martingale.js';
export type { ArmSample } from './decision/arm-sample.js';
export { armSample, emptyArmSample } from './decision/arm-sample.js';
export type { PairCounts } from './decision/compare-pass-rates.js';
export { pairCounts } from './decision/compare-pass-rates.js';
export type { GateSample } from './decision/decide.js';
export { decideSamples, gateSample, lookAlpha } from './decision/decide.js';
export type { Spending } from './decision/group-sequential.js';
export { alphaSpent, groupSequentialBoundaries, nominalAlpha } from './decision/group-sequential.js';

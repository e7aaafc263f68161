// `@agent-cicd/deploy-gates/rollouts`: the two halves of each rollout workflow (`plan…` validates every input and
// reads the cluster; `execute…` runs the plan) and the lower-level sequences they drive (`runBlueGreen`,
// `deployCanary`, `runCanary`, `promoteStable`). The workflows themselves are at the package root.

export type { DeployCanaryOptions, PromoteStableOptions } from './rollout/deploy-canary.js';
export { canaryName, deployCanary, promoteStable } from './rollout/deploy-canary.js';
export type { BlueGreenOptions, BlueGreenStep } from './rollout/run-blue-green.js';
export { runBlueGreen } from './rollout/run-blue-green.js';
export type { CanaryResult, CanaryStepRecord, RunCanaryOptions } from './rollout/run-canary.js';
export { runCanary } from './rollout/run-canary.js';
export type { BlueGreenDeployPlan } from './workflows/deploy-blue-green.js';
export { executeBlueGreenDeploy, planBlueGreenDeploy } from './workflows/deploy-blue-green.js';
export type { PromoteCanaryPlan } from './workflows/promote-canary.js';
export { planPromoteCanary } from './workflows/promote-canary.js';
export type { RollbackPlan } from './workflows/roll-back.js';
export { executeRollback, planRollback } from './workflows/roll-back.js';
export type { CanaryRolloutPlan } from './workflows/rollout-canary.js';
export { executeCanaryRollout, planCanaryRollout, reportGate } from './workflows/rollout-canary.js';
export type { ClusterClients } from './workflows/workflow-context.js';
export { clusterClients } from './workflows/workflow-context.js';

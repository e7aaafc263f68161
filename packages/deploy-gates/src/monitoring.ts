// `@agent-cicd/deploy-gates/monitoring`: what runs beside the agent in production — deploy metrics, the agent
// metric names and buckets (of `createAgentMetrics` at the root), SLO burn-rate alert rules, the Grafana SLA
// dashboard and the SLA report of `agent-cicd sla`.

export { AgentMetricNames, latencyBuckets, responseLengthBuckets } from './live/agent-metric-names.js';
export type {
  DeployMetrics,
  DeploymentMetrics,
  DeployOutcome,
  DeployStrategy,
} from './metrics/create-deploy-metrics.js';
export { createDeployMetrics, deploymentMetricGauges } from './metrics/create-deploy-metrics.js';
export type { BurnRateRuleOptions } from './sla/burn-rate-rules.js';
export { createBurnRateRules } from './sla/burn-rate-rules.js';
export type { GrafanaDashboardOptions } from './sla/grafana-dashboard.js';
export { createGrafanaDashboard } from './sla/grafana-dashboard.js';
export type { SlaReport, SlaReportOptions } from './sla/sla-report.js';
export { renderSlaReport, slaReport } from './sla/sla-report.js';

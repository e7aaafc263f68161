/** Stable error codes of the gate (`decide`, policies and the reports it reads). */
export const GateErrorCode = {
  /** A gate policy file or object is not valid. */
  policyInvalid: 'AGENT_CICD_POLICY_INVALID',
  /** A run report given to the gate is missing or not valid. */
  reportInvalid: 'AGENT_CICD_REPORT_INVALID',
  /** Canary metrics given to the gate are not valid. */
  canaryMetricsInvalid: 'AGENT_CICD_CANARY_METRICS_INVALID',
  /** A canary step that is not one of the policy's steps. */
  stepInvalid: 'AGENT_CICD_GATE_STEP_INVALID',
  /** A group-sequential look outside 1…of. */
  lookInvalid: 'AGENT_CICD_GATE_LOOK_INVALID',
  /** Prometheus could not be reached, answered with an error, or sent something that is not a query result. */
  prometheusError: 'AGENT_CICD_PROMETHEUS_ERROR',
  /** A track selector, window or query option that would make invalid PromQL. */
  queryInvalid: 'AGENT_CICD_QUERY_INVALID',
} as const;

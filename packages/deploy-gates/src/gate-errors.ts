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

/** One-line meaning of each gate code (`AGENT_CICD_REPORT_INVALID` belongs to core's catalogue). */
export const gateErrorCatalogue = {
  AGENT_CICD_POLICY_INVALID: 'a gate policy file or object breaks its schema (with line, column and field path)',
  AGENT_CICD_CANARY_METRICS_INVALID: 'a `--canary-metrics` file is not a list of canary looks',
  AGENT_CICD_GATE_STEP_INVALID: "a `--step` that is not one of the policy's canary steps",
  AGENT_CICD_GATE_LOOK_INVALID: 'a group-sequential look outside 1…of',
  AGENT_CICD_PROMETHEUS_ERROR:
    'Prometheus could not be reached, answered with an error, or sent something that is not a query result',
  AGENT_CICD_QUERY_INVALID: 'a track selector, window or query option that would make invalid PromQL',
} as const satisfies Record<string, string>;

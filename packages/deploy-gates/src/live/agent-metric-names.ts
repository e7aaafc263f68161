/**
 * The names of the metrics an agent service exposes (see {@link createAgentMetrics}), shared by the live canary
 * analysis (PromQL), the Argo Rollouts / Flagger templates, the Grafana dashboard and the alert rules, so the
 * same definitions drive all of them. Every series also carries the labels `app` and `track` (stable | canary).
 */
export const AgentMetricNames = {
  /** Counter: HTTP requests by `route` and `status` (the status code, e.g. "200", "500"). */
  requests: 'agent_http_requests_total',
  /** Histogram (seconds): request latency by `route`. */
  latency: 'agent_http_request_duration_seconds',
  /** Counter: tool calls by `tool` and `outcome` (ok | error). */
  toolCalls: 'agent_tool_calls_total',
  /** Counter: LLM tokens by `kind` (input | output). */
  tokens: 'agent_llm_tokens_total',
  /** Counter: LLM cost in US dollars. */
  cost: 'agent_llm_cost_usd_total',
  /** Counter: answers given (a 2xx chat response). */
  answers: 'agent_answers_total',
  /** Counter: answers flagged by at least one online check. */
  flaggedAnswers: 'agent_answers_flagged_total',
  /** Counter: online-check flags by `check`. */
  onlineCheckFlags: 'agent_online_check_flags_total',
  /** Histogram (characters): length of each answer. */
  responseLength: 'agent_response_length_chars',
} as const;

/** Latency histogram buckets, seconds. */
export const latencyBuckets: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Response-length histogram buckets, characters (also the bins of the live response-length drift check). */
export const responseLengthBuckets: readonly number[] = [20, 50, 100, 200, 400, 800, 1600, 3200];

import { Counter, Histogram, Registry } from 'prom-client';
import { latencyBuckets, AgentMetricNames as N, responseLengthBuckets } from './agent-metric-names.js';

export type AgentTrack = 'stable' | 'canary';

/** What one chat request did, as recorded by {@link AgentMetrics.recordRequest}. */
export interface AgentRequestRecord {
  /** HTTP status code sent. */
  status: number;
  latencySeconds: number;
  /** @default '/v1/chat' */
  route?: string;
  /** Tool calls made while answering, each with its outcome. */
  toolCalls?: ReadonlyArray<{ tool: string; ok: boolean }>;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  /** The answer (2xx only): its length feeds the response-length histogram. */
  response?: string;
  /** Names of the online checks that flagged the answer. */
  flags?: readonly string[];
}

export interface AgentMetrics {
  readonly registry: Registry;
  readonly contentType: string;
  recordRequest(record: AgentRequestRecord): void;
  /** The Prometheus text exposition. */
  metrics(): Promise<string>;
}

/**
 * Instruments an agent service with the metrics the live canary analysis, the dashboard and the alert rules read
 * ({@link AgentMetricNames}); `app` and `track` become labels of every series. A fresh registry by default.
 */
export function createAgentMetrics(options: { app: string; track: AgentTrack; registry?: Registry }): AgentMetrics {
  const registry = options.registry ?? new Registry();
  registry.setDefaultLabels({ app: options.app, track: options.track });
  const registers = [registry];
  const requests = new Counter({
    name: N.requests,
    help: 'Agent HTTP requests by route and status code.',
    labelNames: ['route', 'status'] as const,
    registers,
  });
  const latency = new Histogram({
    name: N.latency,
    help: 'Agent HTTP request latency in seconds.',
    labelNames: ['route'] as const,
    buckets: [...latencyBuckets],
    registers,
  });
  const toolCalls = new Counter({
    name: N.toolCalls,
    help: 'Tool calls made by the agent, by tool and outcome (ok, error).',
    labelNames: ['tool', 'outcome'] as const,
    registers,
  });
  const tokens = new Counter({
    name: N.tokens,
    help: 'LLM tokens used, by kind (input, output).',
    labelNames: ['kind'] as const,
    registers,
  });
  const cost = new Counter({ name: N.cost, help: 'LLM cost in US dollars.', registers });
  const answers = new Counter({ name: N.answers, help: 'Answers given (2xx chat responses).', registers });
  const flagged = new Counter({
    name: N.flaggedAnswers,
    help: 'Answers flagged by at least one online check.',
    registers,
  });
  const flags = new Counter({
    name: N.onlineCheckFlags,
    help: 'Online-check flags raised, by check.',
    labelNames: ['check'] as const,
    registers,
  });
  const length = new Histogram({
    name: N.responseLength,
    help: 'Length of each answer in characters.',
    buckets: [...responseLengthBuckets],
    registers,
  });
  // Zero-initialise the series the analysis divides by, so a quiet track reads 0, not "no data".
  for (const kind of ['input', 'output']) tokens.inc({ kind }, 0);
  cost.inc(0);
  answers.inc(0);
  flagged.inc(0);

  return {
    registry,
    contentType: registry.contentType,
    recordRequest(record) {
      const route = record.route ?? '/v1/chat';
      requests.inc({ route, status: String(record.status) });
      latency.observe({ route }, record.latencySeconds);
      for (const call of record.toolCalls ?? []) toolCalls.inc({ tool: call.tool, outcome: call.ok ? 'ok' : 'error' });
      if (record.inputTokens) tokens.inc({ kind: 'input' }, record.inputTokens);
      if (record.outputTokens) tokens.inc({ kind: 'output' }, record.outputTokens);
      if (record.costUsd) cost.inc(record.costUsd);
      if (record.status >= 200 && record.status < 300 && record.response !== undefined) {
        answers.inc();
        length.observe(record.response.length);
        const raised = record.flags ?? [];
        if (raised.length > 0) flagged.inc();
        for (const check of raised) flags.inc({ check });
      }
    },
    metrics: () => registry.metrics(),
  };
}

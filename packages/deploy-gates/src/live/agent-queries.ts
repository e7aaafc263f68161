import { AgentMetricNames as N } from './agent-metric-names.js';
import { assertPromDuration, joinMatchers } from './track-selectors.js';

/** The agent's live signals as PromQL, for one set of label matchers over a range window. */
export interface AgentQueries {
  /** Requests per second. */
  requestRate: string;
  /** Share of requests answered with a 5xx (0–1). */
  errorRate: string;
  /** Share of requests not answered with a 5xx (0–1): availability. */
  successRate: string;
  /** Latency quantiles from the histogram, seconds. */
  latencyP50: string;
  latencyP99: string;
  /** Share of tool calls that failed (0–1). */
  toolErrorRate: string;
  /** LLM tokens per request. */
  tokensPerRequest: string;
  /** LLM cost (USD) per request. */
  costPerRequest: string;
  /** Share of answers flagged by an online check (0–1). */
  flaggedShare: string;
  /** Tool calls per second by tool (the tool-call mix). */
  toolMix: string;
  /** Median answer length in characters. */
  responseLengthP50: string;
}

/** Metadata of each signal: what the dashboard and the docs call it, and its unit. */
export const agentSignals: Record<keyof AgentQueries, { title: string; unit: string }> = {
  requestRate: { title: 'Requests per second', unit: 'reqps' },
  errorRate: { title: 'Error rate (5xx)', unit: 'percentunit' },
  successRate: { title: 'Success rate', unit: 'percentunit' },
  latencyP50: { title: 'Latency p50', unit: 's' },
  latencyP99: { title: 'Latency p99', unit: 's' },
  toolErrorRate: { title: 'Tool-call error rate', unit: 'percentunit' },
  tokensPerRequest: { title: 'Tokens per request', unit: 'short' },
  costPerRequest: { title: 'Cost per request (USD)', unit: 'currencyUSD' },
  flaggedShare: { title: 'Answers flagged by online checks', unit: 'percentunit' },
  toolMix: { title: 'Tool calls per second by tool', unit: 'reqps' },
  responseLengthP50: { title: 'Answer length p50 (characters)', unit: 'short' },
};

export interface AgentQueryOptions {
  /** Label matchers of the series, e.g. `app="support-agent",track="canary"` (see `renderMatchers`). */
  matchers: string;
  /** Range window, e.g. `5m`, or a placeholder such as `{{ interval }}` (Flagger). @default '5m' */
  window?: string;
  /** The chat route whose requests count. @default '/v1/chat' */
  route?: string;
  /** Extra `by` labels to keep in every aggregation (e.g. `track` for a dashboard comparing both). */
  by?: string[];
}

/**
 * PromQL for every signal of {@link AgentMetricNames}. Ratios divide sums of `rate`s (never average ratios), and a
 * track without traffic yields no sample (division by zero), which the analysis treats as "no data", not as 0.
 */
export function agentQueries(options: AgentQueryOptions): AgentQueries {
  const w = assertPromDuration(options.window ?? '5m');
  const route = `route=${JSON.stringify(options.route ?? '/v1/chat')}`;
  const sel = (...extra: string[]) => `{${joinMatchers(options.matchers, ...extra)}}`;
  const sum = (expression: string, more: string[] = []) => {
    const labels = [...(options.by ?? []), ...more].join(', ');
    return labels === '' ? `sum(${expression})` : `sum by (${labels}) (${expression})`;
  };
  const rate = (name: string, ...extra: string[]) => `rate(${name}${sel(...extra)}[${w}])`;
  const requests = sum(rate(N.requests, route));
  const quantile = (q: number, name: string, ...extra: string[]) =>
    `histogram_quantile(${q}, ${sum(rate(`${name}_bucket`, ...extra), ['le'])})`;
  return {
    requestRate: requests,
    errorRate: `${sum(rate(N.requests, route, 'status=~"5.."'))} / ${requests}`,
    successRate: `1 - (${sum(rate(N.requests, route, 'status=~"5.."'))} / ${requests})`,
    latencyP50: quantile(0.5, N.latency, route),
    latencyP99: quantile(0.99, N.latency, route),
    toolErrorRate: `${sum(rate(N.toolCalls, 'outcome="error"'))} / ${sum(rate(N.toolCalls))}`,
    tokensPerRequest: `${sum(rate(N.tokens))} / ${requests}`,
    costPerRequest: `${sum(rate(N.cost))} / ${requests}`,
    flaggedShare: `${sum(rate(N.flaggedAnswers))} / ${sum(rate(N.answers))}`,
    toolMix: sum(rate(N.toolCalls), ['tool']),
    responseLengthP50: quantile(0.5, N.responseLength),
  };
}

import { AgentCicdError } from '@agent-cicd/core';
import { GateErrorCode } from '../gate-errors.js';
import { AgentMetricNames as N } from '../live/agent-metric-names.js';
import type { PrometheusClient } from '../live/prometheus-client.js';
import { assertPromDuration } from '../live/track-selectors.js';

export interface SlaReportOptions {
  prometheus: PrometheusClient;
  /** Label matchers of the service, e.g. `app="support-agent"` (both tracks count). */
  matchers: string;
  /** The SLO window, e.g. `30d`. */
  window: string;
  /** Availability objective, e.g. 0.995. */
  target: number;
  /** @default '/v1/chat' */
  route?: string;
}

export interface SlaReport {
  window: string;
  target: number;
  requests: number;
  errors: number;
  /** Share of requests not answered with a 5xx over the window. */
  availability: number;
  /** Share of the window's error budget still unspent (negative when overspent). */
  budgetLeft: number;
  /** How fast the budget burns: the error share ÷ the budget share, over the window and the last hour. */
  burnRate: { window: number; lastHour: number | null };
  met: boolean;
}

/** Reads availability, error budget left and burn rates of an agent service from Prometheus. */
export async function slaReport(options: SlaReportOptions): Promise<SlaReport> {
  const window = assertPromDuration(options.window, 'SLO window');
  if (!(options.target > 0 && options.target < 1)) {
    throw new AgentCicdError(GateErrorCode.queryInvalid, `the target must be between 0 and 1, got ${options.target}`);
  }
  const route = `route=${JSON.stringify(options.route ?? '/v1/chat')}`;
  const sel = (extra = '') => `{${[options.matchers, route, extra].filter(Boolean).join(',')}}`;
  const scalar = async (promql: string): Promise<number | null> => {
    const [sample] = await options.prometheus.query(promql);
    return sample === undefined || !Number.isFinite(sample.value) ? null : sample.value;
  };
  const [requests, errors, hourRequests, hourErrors] = await Promise.all([
    scalar(`sum(increase(${N.requests}${sel()}[${window}]))`),
    scalar(`sum(increase(${N.requests}${sel('status=~"5.."')}[${window}]))`),
    scalar(`sum(increase(${N.requests}${sel()}[1h]))`),
    scalar(`sum(increase(${N.requests}${sel('status=~"5.."')}[1h]))`),
  ]);
  if (requests === null || requests <= 0) {
    throw new AgentCicdError(
      GateErrorCode.prometheusError,
      `no requests of ${sel()} in the last ${window}: nothing to compute an SLA from`,
    );
  }
  const budget = 1 - options.target;
  const errorShare = (errors ?? 0) / requests;
  const lastHour = hourRequests && hourRequests > 0 ? (hourErrors ?? 0) / hourRequests / budget : null;
  return {
    window,
    target: options.target,
    requests,
    errors: errors ?? 0,
    availability: 1 - errorShare,
    budgetLeft: 1 - errorShare / budget,
    burnRate: { window: errorShare / budget, lastHour },
    met: 1 - errorShare >= options.target,
  };
}

/** The report as the lines `agent-cicd sla` prints. */
export function renderSlaReport(report: SlaReport): string {
  const pct = (value: number, digits = 3) => `${(value * 100).toFixed(digits)}%`;
  return [
    `availability ${pct(report.availability)} over ${report.window} (target ${pct(report.target, 2)}): ${report.met ? 'MET' : 'MISSED'}`,
    `requests ${Math.round(report.requests)}, errors ${Math.round(report.errors)}`,
    `error budget left ${pct(report.budgetLeft, 1)}`,
    `burn rate ${report.burnRate.window.toFixed(2)}x over ${report.window}, ${report.burnRate.lastHour === null ? 'n/a (no traffic)' : `${report.burnRate.lastHour.toFixed(2)}x`} over the last hour`,
  ].join('\n');
}

import { AgentCicdError } from '@agent-cicd/core';
import { GateErrorCode } from '../gate-errors.js';
import { AgentMetricNames as N } from '../live/agent-metric-names.js';

/** The SRE workbook's paging pairs: (long window, short window, burn rate, share of a 30-day budget spent). */
export const burnRateWindows = [
  { long: '1h', short: '5m', burnRate: 14.4, budgetSpent: 0.02, alert: 'AgentErrorBudgetBurnFast' },
  { long: '6h', short: '30m', burnRate: 6, budgetSpent: 0.05, alert: 'AgentErrorBudgetBurnSlow' },
] as const;

export interface BurnRateRuleOptions {
  /** Availability objective, e.g. 0.995 (then the error budget is 0.5% of requests). @default 0.995 */
  target?: number;
  /** @default '/v1/chat' */
  route?: string;
}

/** The recording rule name of the 5xx share over `window`, per app. */
export const errorRatioRecord = (window: string) => `app:agent_request_errors:ratio_rate${window}`;

/**
 * Prometheus rules for multi-window, multi-burn-rate SLO alerts (Google SRE workbook, ch. 5): recording rules
 * for the 5xx share per app over 5m, 30m, 1h and 6h, and two paging alerts — 14.4× the budget rate over 1h and
 * 5m (2% of a 30-day budget in an hour), 6× over 6h and 30m (5% in six hours). The short window makes an alert
 * stop soon after the burning stops.
 */
export function createBurnRateRules(options: BurnRateRuleOptions = {}): Record<string, unknown> {
  const target = options.target ?? 0.995;
  if (!(target > 0 && target < 1)) {
    throw new AgentCicdError(
      GateErrorCode.queryInvalid,
      `an availability target must be between 0 and 1, got ${target}`,
    );
  }
  const route = `route=${JSON.stringify(options.route ?? '/v1/chat')}`;
  const budget = Number((1 - target).toPrecision(6));
  const windows = ['5m', '30m', '1h', '6h'];
  return {
    groups: [
      {
        name: 'agent-cicd-slo',
        rules: [
          ...windows.map((window) => ({
            record: errorRatioRecord(window),
            expr: `sum by (app) (rate(${N.requests}{${route},status=~"5.."}[${window}])) / sum by (app) (rate(${N.requests}{${route}}[${window}]))`,
          })),
          ...burnRateWindows.map((pair) => {
            const threshold = Number((pair.burnRate * budget).toPrecision(6));
            return {
              alert: pair.alert,
              expr: `${errorRatioRecord(pair.long)} > ${threshold} and ${errorRatioRecord(pair.short)} > ${threshold}`,
              labels: { severity: 'critical', slo: 'availability' },
              annotations: {
                summary: `{{ $labels.app }} is burning its error budget ${pair.burnRate}x too fast`,
                description: `The 5xx share of {{ $labels.app }} is above ${threshold} (${pair.burnRate} × the ${budget} budget of a ${target} availability target) over both ${pair.long} and ${pair.short}: ${pair.budgetSpent * 100}% of a 30-day error budget goes in ${pair.long}.`,
              },
            };
          }),
        ],
      },
    ],
  };
}

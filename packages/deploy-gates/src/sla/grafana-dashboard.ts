import { AgentMetricNames as N } from '../live/agent-metric-names.js';
import { agentQueries, agentSignals } from '../live/agent-queries.js';
import { errorRatioRecord } from './burn-rate-rules.js';

export interface GrafanaDashboardOptions {
  /** @default 'Agent SLA (agent-cicd)' */
  title?: string;
  /** @default 'agent-cicd-sla' */
  uid?: string;
  /** Availability objective shown as the threshold of the success-rate panels. @default 0.995 */
  target?: number;
  /** The SLO window of the availability and error-budget stats. @default '30d' */
  window?: string;
  /** The label telling the tracks apart. @default 'track' */
  trackLabel?: string;
}

type Panel = Record<string, unknown>;

// Grafana's variable syntax, not a JavaScript template.
const datasource = { type: 'prometheus', uid: ['$', '{datasource}'].join('') };

/**
 * A Grafana dashboard (the classic JSON model, schemaVersion 39) generated from the agent metric definitions:
 * availability and error budget over the SLO window, success rate, p99 latency, tool-call error rate, tokens and
 * cost per request and flagged answers — each per track, so canary and stable sit side by side — the tool mix,
 * the burn rates of the alert rules, and deploy/rollback events as annotations. Variables: the Prometheus data
 * source and the app.
 */
export function createGrafanaDashboard(options: GrafanaDashboardOptions = {}): Record<string, unknown> {
  const target = options.target ?? 0.995;
  const window = options.window ?? '30d';
  const track = options.trackLabel ?? 'track';
  const app = 'app=~"$app"';
  const byTrack = agentQueries({ matchers: app, window: '$__rate_interval', by: [track] });
  const overall = agentQueries({ matchers: app, window });
  let id = 0;
  const panels: Panel[] = [];
  const place = (w: number, h: number, x: number, y: number) => ({ h, w, x, y });
  const stat = (title: string, expr: string, unit: string, x: number, thresholds: Array<[number | null, string]>) =>
    panels.push({
      id: ++id,
      type: 'stat',
      title,
      datasource,
      gridPos: place(6, 4, x, 0),
      fieldConfig: {
        defaults: {
          unit,
          thresholds: { mode: 'absolute', steps: thresholds.map(([value, color]) => ({ value, color })) },
        },
        overrides: [],
      },
      options: { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'background' },
      targets: [{ refId: 'A', datasource, expr, instant: true }],
    });
  stat(`Availability (${window})`, overall.successRate, 'percentunit', 0, [
    [null, 'red'],
    [target, 'green'],
  ]);
  stat(
    `Error budget left (${window})`,
    `1 - ((${overall.errorRate}) / ${Number((1 - target).toPrecision(6))})`,
    'percentunit',
    6,
    [
      [null, 'red'],
      [0.25, 'orange'],
      [0.5, 'green'],
    ],
  );
  stat('Burn rate (1h)', `sum(${errorRatioRecord('1h')}{${app}}) / ${Number((1 - target).toPrecision(6))}`, 'x', 12, [
    [null, 'green'],
    [6, 'orange'],
    [14.4, 'red'],
  ]);
  stat('Requests per second', agentQueries({ matchers: app, window: '5m' }).requestRate, 'reqps', 18, [[null, 'blue']]);

  const series = (key: keyof typeof agentSignals, expr: string, x: number, y: number, extra: Panel = {}) =>
    panels.push({
      id: ++id,
      type: 'timeseries',
      title: `${agentSignals[key].title} by ${track}`,
      datasource,
      gridPos: place(12, 8, x, y),
      fieldConfig: { defaults: { unit: agentSignals[key].unit, ...extra }, overrides: [] },
      options: { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi' } },
      targets: [{ refId: 'A', datasource, expr, legendFormat: `{{${track}}}` }],
    });
  series('successRate', byTrack.successRate, 0, 4, {
    thresholds: {
      mode: 'absolute',
      steps: [
        { value: null, color: 'red' },
        { value: target, color: 'green' },
      ],
    },
    custom: { thresholdsStyle: { mode: 'line' } },
  });
  series('latencyP99', byTrack.latencyP99, 12, 4);
  series('toolErrorRate', byTrack.toolErrorRate, 0, 12);
  series('tokensPerRequest', byTrack.tokensPerRequest, 12, 12);
  series('costPerRequest', byTrack.costPerRequest, 0, 20);
  series('flaggedShare', byTrack.flaggedShare, 12, 20);
  panels.push({
    id: ++id,
    type: 'timeseries',
    title: 'Tool calls per second by tool and track',
    datasource,
    gridPos: place(12, 8, 0, 28),
    fieldConfig: { defaults: { unit: 'reqps' }, overrides: [] },
    options: { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi' } },
    targets: [{ refId: 'A', datasource, expr: byTrack.toolMix, legendFormat: `{{tool}} ({{${track}}})` }],
  });
  panels.push({
    id: ++id,
    type: 'timeseries',
    title: 'Error-budget burn rate (alert windows)',
    datasource,
    gridPos: place(12, 8, 12, 28),
    fieldConfig: { defaults: { unit: 'x' }, overrides: [] },
    options: { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi' } },
    targets: ['5m', '30m', '1h', '6h'].map((w, i) => ({
      refId: String.fromCharCode(65 + i),
      datasource,
      expr: `sum(${errorRatioRecord(w)}{${app}}) / ${Number((1 - target).toPrecision(6))}`,
      legendFormat: w,
    })),
  });

  return {
    id: null,
    uid: options.uid ?? 'agent-cicd-sla',
    title: options.title ?? 'Agent SLA (agent-cicd)',
    description: 'Generated by agent-cicd from the agent metric definitions (createGrafanaDashboard).',
    tags: ['agent-cicd', 'sla'],
    timezone: 'browser',
    editable: true,
    graphTooltip: 1,
    schemaVersion: 39,
    version: 1,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    timepicker: {},
    links: [],
    templating: {
      list: [
        { name: 'datasource', label: 'Prometheus', type: 'datasource', query: 'prometheus', current: {}, hide: 0 },
        {
          name: 'app',
          label: 'App',
          type: 'query',
          datasource,
          query: { query: `label_values(${N.requests}, app)`, refId: 'app' },
          definition: `label_values(${N.requests}, app)`,
          refresh: 2,
          includeAll: true,
          multi: true,
          current: {},
          hide: 0,
        },
      ],
    },
    annotations: {
      list: [
        {
          name: 'Deploys and rollbacks',
          datasource,
          enable: true,
          iconColor: 'blue',
          expr: `sum by (app, strategy, outcome) (changes(agent_deploys_total{${app}}[2m])) > 0`,
          titleFormat: 'deploy {{outcome}}',
          textFormat: '{{app}} ({{strategy}})',
          step: '1m',
        },
        {
          name: 'Rollbacks',
          datasource,
          enable: true,
          iconColor: 'red',
          expr: `sum by (app, reason) (changes(agent_rollbacks_total{${app}}[2m])) > 0`,
          titleFormat: 'rollback ({{reason}})',
          step: '1m',
        },
      ],
    },
    panels,
  };
}

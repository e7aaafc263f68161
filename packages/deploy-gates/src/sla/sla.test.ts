import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { execaExec } from '../exec/exec.js';
import type { PrometheusClient } from '../live/prometheus-client.js';
import { promtoolAvailable } from '../test-utils/promtool.js';
import { createBurnRateRules } from './burn-rate-rules.js';
import { createGrafanaDashboard } from './grafana-dashboard.js';
import { renderSlaReport, slaReport } from './sla-report.js';
import { renderSloAssets } from './slo-assets.js';

const packageDir = new URL('../../', import.meta.url);

/**
 * Grafana's classic dashboard JSON model (https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/
 * view-dashboard-json-model/): the top-level fields, panels with a unique id, a type and a 24-column gridPos,
 * Prometheus targets with a refId and an expression, template variables and annotation queries.
 */
const datasourceRef = z.object({ type: z.literal('prometheus'), uid: z.string().min(1) }).strict();
const target = z
  .object({ refId: z.string().regex(/^[A-Z]$/), datasource: datasourceRef, expr: z.string().min(1) })
  .passthrough();
const panel = z
  .object({
    id: z.number().int().positive(),
    type: z.enum(['timeseries', 'stat', 'gauge', 'table', 'text']),
    title: z.string().min(1),
    datasource: datasourceRef,
    gridPos: z
      .object({
        h: z.number().int().positive(),
        w: z.number().int().min(1).max(24),
        x: z.number().int().min(0).max(23),
        y: z.number().int().min(0),
      })
      .strict()
      .refine((pos) => pos.x + pos.w <= 24, 'a panel must fit the 24-column grid'),
    fieldConfig: z.object({ defaults: z.record(z.string(), z.unknown()), overrides: z.array(z.unknown()) }).strict(),
    options: z.record(z.string(), z.unknown()),
    targets: z.array(target).min(1),
  })
  .strict();
const DashboardModel = z
  .object({
    id: z.null(),
    uid: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/),
    title: z.string().min(1),
    description: z.string().optional(),
    tags: z.array(z.string()),
    timezone: z.enum(['browser', 'utc', '']),
    editable: z.boolean(),
    graphTooltip: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    schemaVersion: z.number().int().min(36),
    version: z.number().int(),
    refresh: z.string(),
    time: z.object({ from: z.string(), to: z.string() }).strict(),
    timepicker: z.record(z.string(), z.unknown()),
    links: z.array(z.unknown()),
    templating: z.object({
      list: z.array(
        z
          .object({ name: z.string().regex(/^\w+$/), type: z.enum(['datasource', 'query', 'custom', 'constant']) })
          .passthrough(),
      ),
    }),
    annotations: z.object({
      list: z.array(
        z
          .object({ name: z.string(), datasource: datasourceRef, enable: z.boolean(), expr: z.string().min(1) })
          .passthrough(),
      ),
    }),
    panels: z.array(panel).min(1),
  })
  .strict();

describe('SLA dashboard, burn-rate alerts and the SLA report', () => {
  it('generates a dashboard that follows the Grafana JSON model, with non-overlapping panels', () => {
    const dashboard = DashboardModel.parse(createGrafanaDashboard());
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    const cells = new Set<string>();
    for (const { gridPos } of dashboard.panels) {
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          expect(cells.has(`${x},${y}`), `panels overlap at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
    const titles = dashboard.panels.map((p) => p.title).join(' | ');
    for (const signal of [
      'Success rate',
      'Latency p99',
      'Tool-call error rate',
      'Tokens per request',
      'Cost per request',
      'flagged',
    ]) {
      expect(titles).toContain(signal);
    }
    expect(dashboard.annotations.list.map((a) => a.expr).join(' ')).toContain('agent_deploys_total');
    // Canary vs stable: the per-track panels split by the track label.
    expect(
      dashboard.panels.filter((p) => p.targets.some((t) => String(t.legendFormat).includes('{{track}}'))).length,
    ).toBeGreaterThanOrEqual(7);
    // The model check really rejects what Grafana would: a panel overflowing the grid.
    const broken = structuredClone(dashboard);
    (broken.panels[0] as { gridPos: { x: number } }).gridPos.x = 20;
    expect(DashboardModel.safeParse(broken).success).toBe(false);
  });

  it('keeps the committed rule file and dashboard in sync with the generators', async () => {
    for (const [file, text] of Object.entries(renderSloAssets())) {
      const committed = await readFile(new URL(file, packageDir), 'utf8');
      const why = `${file}: run scripts/generate-slo-assets.ts`;
      // JSON is compared as data: the formatter may lay it out differently.
      if (file.endsWith('.json')) expect(JSON.parse(committed), why).toEqual(JSON.parse(text));
      else expect(committed, why).toBe(text);
    }
    expect(() => createBurnRateRules({ target: 1 })).toThrow(/between 0 and 1/);
  });

  it('passes the promtool unit tests of the burn-rate alerts (1h/5m and 6h/30m pairs)', async (context) => {
    if (!(await promtoolAvailable())) return context.skip('promtool is not installed');
    const result = await execaExec('promtool', ['test', 'rules', 'agent-slo.test.yml'], {
      cwd: new URL('alerts/', packageDir).pathname,
      timeoutMs: 60_000,
    });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    const check = await execaExec('promtool', ['check', 'rules', 'agent-slo.rules.yml'], {
      cwd: new URL('alerts/', packageDir).pathname,
      timeoutMs: 60_000,
    });
    expect(check.exitCode, check.stdout + check.stderr).toBe(0);
  });

  it('reports availability, budget left and burn rates, and refuses to report without traffic', async () => {
    const answers: Record<string, number | undefined> = {};
    const prometheus: PrometheusClient = {
      url: 'http://fake',
      async query(promql) {
        const window = /\[(\w+)\]\)\)$/.exec(promql)?.[1] ?? '';
        const key = `${promql.includes('status=~') ? 'errors' : 'requests'}:${window}`;
        const value = answers[key];
        return value === undefined ? [] : [{ labels: {}, time: 0, value }];
      },
      async queryRange() {
        return [];
      },
    };
    Object.assign(answers, { 'requests:30d': 1_000_000, 'errors:30d': 2_000, 'requests:1h': 1000, 'errors:1h': 10 });
    const report = await slaReport({ prometheus, matchers: 'app="support-agent"', window: '30d', target: 0.995 });
    expect(report.availability).toBeCloseTo(0.998);
    expect(report.budgetLeft).toBeCloseTo(0.6);
    expect(report.burnRate.window).toBeCloseTo(0.4);
    expect(report.burnRate.lastHour).toBeCloseTo(2);
    expect(report.met).toBe(true);
    expect(renderSlaReport(report)).toMatch(
      /availability 99\.800% over 30d \(target 99\.50%\): MET\n.*\nerror budget left 60\.0%\nburn rate 0\.40x over 30d, 2\.00x over the last hour/,
    );
    for (const key of Object.keys(answers)) answers[key] = undefined;
    await expect(slaReport({ prometheus, matchers: 'app="x"', window: '30d', target: 0.995 })).rejects.toThrow(
      /no requests/,
    );
    await expect(slaReport({ prometheus, matchers: 'app="x"', window: 'month', target: 0.995 })).rejects.toThrow(
      /not a Prometheus duration/,
    );
  });
});

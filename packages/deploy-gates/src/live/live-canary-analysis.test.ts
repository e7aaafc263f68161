import { describe, expect, it } from 'vitest';
import { GatePolicySchema } from '../policy/gate-policy-schema.js';
import { createLiveCanaryAnalysis } from './live-canary-analysis.js';
import type { PrometheusClient, PromSample } from './prometheus-client.js';
import { trackSelectors } from './track-selectors.js';

const policy = GatePolicySchema.parse({ canary: { steps: [50, 100], minRequestsPerStep: 10 } });

/** A Prometheus double serving running counters per track, with a settable newest-sample age. */
function fakePrometheus(state: {
  now: () => number;
  totals: Record<'canary' | 'stable', { ok: number; failed: number }>;
  ageS: number;
  down?: boolean;
}): PrometheusClient & { queries: string[] } {
  const queries: string[] = [];
  return {
    url: 'http://fake',
    queries,
    async query(promql) {
      queries.push(promql);
      if (state.down) throw new Error('Prometheus at http://fake is unreachable: ECONNREFUSED');
      const track = promql.includes('track="canary"') ? 'canary' : 'stable';
      if (promql.startsWith('max(timestamp(')) return [{ labels: {}, time: 0, value: state.now() / 1000 - state.ageS }];
      const series = (status: string, value: number): PromSample => ({
        labels: { __name__: 'agent_http_requests_total', route: '/v1/chat', status, track },
        time: 0,
        value,
      });
      return [series('200', state.totals[track].ok), series('500', state.totals[track].failed)];
    },
    async queryRange() {
      return [];
    },
  };
}

describe('createLiveCanaryAnalysis', () => {
  it('counts increments since the previous look and advances a healthy canary', async () => {
    let now = 1_700_000_000_000;
    const state = {
      now: () => now,
      totals: { canary: { ok: 0, failed: 0 }, stable: { ok: 1000, failed: 10 } },
      ageS: 1,
    };
    const prometheus = fakePrometheus(state);
    const analysis = createLiveCanaryAnalysis({ prometheus, selectors: trackSelectors(), policy, clock: () => now });
    await analysis.begin();
    state.totals.canary = { ok: 200, failed: 2 };
    state.totals.stable = { ok: 1200, failed: 12 };
    now += 10_000;
    const first = await analysis.analyze({ index: 0, weight: 50, attempt: 1 });
    expect(analysis.looks[0]?.canary).toEqual({ requests: 202, failures: 2 });
    expect(analysis.looks[0]?.stable).toEqual({ requests: 202, failures: 2 });
    expect(['advance', 'hold']).toContain(first.action);
    expect(prometheus.queries.some((q) => q.includes('track="canary"'))).toBe(true);
  });

  it('holds on stale series or an unreachable Prometheus, and rolls back when the step budget runs out', async () => {
    let now = 1_700_000_000_000;
    const state = {
      now: () => now,
      totals: { canary: { ok: 100, failed: 0 }, stable: { ok: 100, failed: 0 } },
      ageS: 600,
      down: false,
    };
    const analysis = createLiveCanaryAnalysis({
      prometheus: fakePrometheus(state),
      selectors: trackSelectors(),
      policy,
      clock: () => now,
      stepBudgetMs: 60_000,
      staleAfterMs: 30_000,
    });
    await analysis.begin();
    const stale = await analysis.analyze({ index: 0, weight: 50, attempt: 1 });
    expect(stale.action).toBe('hold');
    expect(stale.reasons[0]).toMatch(/stale \(newest sample 600 s old, limit 30 s\)/);
    state.down = true;
    now += 30_000;
    expect((await analysis.analyze({ index: 0, weight: 50, attempt: 2 })).action).toBe('hold');
    now += 30_000;
    const last = await analysis.analyze({ index: 0, weight: 50, attempt: 3 });
    expect(last.action).toBe('rollback');
    expect(last.reasons.join(' ')).toMatch(/unreachable.*60 s without usable metrics/s);
    expect(analysis.looks.every((look) => look.canary === undefined)).toBe(true);
  });

  it('rolls back a canary whose failures are confirmed higher', async () => {
    let now = 1_700_000_000_000;
    const state = { now: () => now, totals: { canary: { ok: 0, failed: 0 }, stable: { ok: 0, failed: 0 } }, ageS: 1 };
    const analysis = createLiveCanaryAnalysis({
      prometheus: fakePrometheus(state),
      selectors: trackSelectors(),
      policy,
      clock: () => now,
    });
    await analysis.begin();
    state.totals = { canary: { ok: 180, failed: 20 }, stable: { ok: 198, failed: 2 } };
    now += 5000;
    const result = await analysis.analyze({ index: 0, weight: 50, attempt: 1 });
    expect(result.action).toBe('rollback');
    expect(result.reasons[0]).toMatch(/fails more often/);
  });
});

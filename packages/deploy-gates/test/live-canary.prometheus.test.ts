import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveCanaryAnalysis, type LiveCanaryAnalysis } from '../src/live/live-canary-analysis.js';
import { createPrometheusClient } from '../src/live/prometheus-client.js';
import { renderEvidenceTable } from '../src/live/render-live-looks.js';
import { trackSelectors } from '../src/live/track-selectors.js';
import { GatePolicySchema } from '../src/policy/gate-policy-schema.js';
import { type CanaryResult, runCanary } from '../src/rollout/run-canary.js';
import type { TrafficRouter } from '../src/routers/traffic-router.js';
import { type ExampleServer, startExampleServer } from '../src/test-utils/example-server.js';
import { createLoadGenerator } from '../src/test-utils/load-generator.js';
import {
  type PrometheusServer,
  prometheusAvailable,
  startPrometheus,
  waitForTargets,
} from '../src/test-utils/prometheus-server.js';

/**
 * The live canary analysis end to end: the example agent's server runs as separate stable and canary processes,
 * a real Prometheus scrapes their /metrics every second, a bounded load generator splits chats by the canary
 * weight, and `runCanary` advances, holds or rolls back on what Prometheus says.
 */
const available = await prometheusAvailable();
if (!available) {
  process.stderr.write(
    'skipping the real-Prometheus canary tests: the `prometheus` binary is not installed (apt-get install prometheus; CI installs it)\n',
  );
}

const policy = GatePolicySchema.parse({
  canary: { steps: [20, 50, 100], minRequestsPerStep: 100, maxFailureRatio: 3 },
});
const scrapeIntervalS = 0.5;
const scrapeWaitMs = 1300;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function weightRouter(): TrafficRouter & { weight: number } {
  return {
    name: 'load-generator split',
    weight: 0,
    async prepare() {},
    async setWeight(weight) {
      this.weight = weight;
    },
    async currentWeight() {
      return this.weight;
    },
  };
}

async function rollout(options: {
  prometheus: string;
  scenario: string;
  servers: { stable: ExampleServer; canary: ExampleServer };
  batch: number;
  maxRequests: number;
  stepBudgetMs?: number;
  beforeLook?: (look: number, analysis: LiveCanaryAnalysis) => Promise<void>;
}): Promise<{ result: CanaryResult; analysis: LiveCanaryAnalysis; requests: number }> {
  const analysis = createLiveCanaryAnalysis({
    prometheus: createPrometheusClient({ url: options.prometheus, timeoutMs: 2000 }),
    selectors: trackSelectors({ common: { scenario: options.scenario } }),
    policy,
    stepBudgetMs: options.stepBudgetMs ?? 120_000,
    staleAfterMs: 10_000,
  });
  await analysis.begin();
  const load = createLoadGenerator({
    stable: options.servers.stable.url,
    canary: options.servers.canary.url,
    maxRequests: options.maxRequests,
  });
  const router = weightRouter();
  let look = 0;
  const result = await runCanary({
    steps: policy.canary.steps,
    router,
    analyze: (step) => analysis.analyze(step),
    maxHolds: Number.POSITIVE_INFINITY,
    sleep: async () => {
      look += 1;
      await options.beforeLook?.(look, analysis);
      await load.send(options.batch, router.weight);
      await delay(scrapeWaitMs);
    },
  });
  if (process.env.AGENT_CICD_PRINT_EVIDENCE) {
    process.stdout.write(`\n${options.scenario}: ${result.outcome}\n${renderEvidenceTable(analysis.looks)}\n`);
  }
  return { result, analysis, requests: load.sent.canary + load.sent.stable };
}

describe.skipIf(!available)('live canary analysis against a real Prometheus', () => {
  let servers: ExampleServer[] = [];
  let prometheus: PrometheusServer | undefined;
  const start = (track: 'stable' | 'canary', rate: number, seed: number) =>
    startExampleServer({ AGENT_TRACK: track, AGENT_FAULT_ERROR_RATE: String(rate), AGENT_FAULT_SEED: String(seed) });

  beforeAll(async () => {
    servers = await Promise.all([
      start('stable', 0.01, 1),
      start('canary', 0.08, 2),
      start('stable', 0.05, 3),
      start('canary', 0.05, 4),
    ]);
    const [badStable, badCanary, equalStable, equalCanary] = servers as [
      ExampleServer,
      ExampleServer,
      ExampleServer,
      ExampleServer,
    ];
    prometheus = await startPrometheus({
      targets: [
        { address: `127.0.0.1:${badStable.port}`, labels: { scenario: 'bad' } },
        { address: `127.0.0.1:${badCanary.port}`, labels: { scenario: 'bad' } },
        { address: `127.0.0.1:${equalStable.port}`, labels: { scenario: 'equal' } },
        { address: `127.0.0.1:${equalCanary.port}`, labels: { scenario: 'equal' } },
      ],
      scrapeIntervalS,
    });
    await waitForTargets(prometheus.url, 'scenario=~"bad|equal"', 4);
  });
  afterAll(async () => {
    await Promise.all([prometheus?.stop(), ...servers.map((server) => server.stop())]);
  });

  it('rolls back a canary failing 8% of chats against a stable release failing 1%', async () => {
    const [stable, canary] = servers as [ExampleServer, ExampleServer];
    const { result, analysis, requests } = await rollout({
      prometheus: (prometheus as PrometheusServer).url,
      scenario: 'bad',
      servers: { stable, canary },
      batch: 500,
      maxRequests: 6000,
    });
    expect(result.outcome).toBe('rolled_back');
    expect(result.history.some((step) => step.weight === 100)).toBe(false);
    const last = analysis.looks.at(-1);
    expect(last?.evidence.find((e) => e.check === 'canary.regression')?.verdict).toBe('fail');
    expect(result.reasons.join(' ')).toMatch(/fails more often than the stable release/);
    expect(requests).toBeLessThanOrEqual(6000);
  });

  it('promotes a canary as good as the stable release (5% vs 5%), with positive evidence before full traffic', async () => {
    const [, , stable, canary] = servers as [ExampleServer, ExampleServer, ExampleServer, ExampleServer];
    const { result, analysis } = await rollout({
      prometheus: (prometheus as PrometheusServer).url,
      scenario: 'equal',
      servers: { stable, canary },
      batch: 500,
      maxRequests: 30_000,
    });
    expect(result.outcome, result.reasons.join('; ')).toBe('promoted');
    const last = analysis.looks.at(-1);
    expect(last?.action).toBe('promote');
    expect(last?.evidence.find((e) => e.check === 'canary.nonInferiority')?.verdict).toBe('pass');
    expect(last?.evidence.find((e) => e.check === 'canary.regression')?.verdict).toBe('pass');
    const totals = analysis.totals();
    expect(totals.canary.requests).toBeGreaterThan(0);
    expect(totals.canary.tokens).toBeGreaterThan(0);
  });

  it('holds while Prometheus is gone, then rolls back when the step budget runs out', async () => {
    const [, , stable, canary] = servers as [ExampleServer, ExampleServer, ExampleServer, ExampleServer];
    const doomed = await startPrometheus({
      targets: [
        { address: `127.0.0.1:${stable.port}`, labels: { scenario: 'gone' } },
        { address: `127.0.0.1:${canary.port}`, labels: { scenario: 'gone' } },
      ],
      scrapeIntervalS,
    });
    try {
      await waitForTargets(doomed.url, 'scenario="gone"', 2);
      const { result, analysis } = await rollout({
        prometheus: doomed.url,
        scenario: 'gone',
        servers: { stable, canary },
        batch: 100,
        maxRequests: 4000,
        stepBudgetMs: 5000,
        // Prometheus goes away once the rollout has seen live metrics (or at the 8th look at the latest).
        beforeLook: async (look, live) => {
          if (look >= 8 || live.looks.some((l) => l.canary !== undefined)) await doomed.stop();
        },
      });
      expect(result.outcome).toBe('rolled_back');
      const actions = analysis.looks.map((look) => look.action);
      expect(actions).toContain('hold');
      expect(actions.at(-1)).toBe('rollback');
      // Metrics flowed before Prometheus went away; afterwards every look is "unreachable", never a pass.
      expect(analysis.looks.some((look) => look.canary !== undefined)).toBe(true);
      const gone = analysis.looks.findIndex((look) => /unreachable/.test(look.reasons.join(' ')));
      expect(gone).toBeGreaterThan(0);
      expect(analysis.looks.slice(gone).every((look) => look.canary === undefined)).toBe(true);
      expect(result.reasons.join(' ')).toMatch(/without usable metrics/);
      expect(analysis.looks.every((look) => look.action !== 'advance' || look.canary !== undefined)).toBe(true);
    } finally {
      await doomed.stop();
    }
  });
});

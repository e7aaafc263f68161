import { Counter, Gauge, Registry } from 'prom-client';

export type DeployStrategy = 'blue-green' | 'canary' | 'release';
export type DeployOutcome = 'success' | 'failure' | 'rolled_back';

export interface DeployMetrics {
  readonly registry: Registry;
  /** Counts a finished deploy and updates `agent_deploy_success_rate` / `agent_rollback_rate`. */
  recordDeploy(labels: { app: string; strategy: DeployStrategy; outcome: DeployOutcome }): void;
  /** Counts a rollback (automatic or `agent-cicd rollback`). */
  recordRollback(labels: { app: string; reason?: 'analysis' | 'failure' | 'manual' }): void;
  setP99LatencyMs(app: string, ms: number): void;
  /** Fraction of the last 7 days the service was up (0–1). */
  setUptime7d(app: string, ratio: number): void;
  /** Pass rate (0–1) of a prompt regression suite (from a run report). */
  setRegressionPassRate(labels: { app: string; suite: string }, rate: number): void;
  /** The Prometheus text exposition of every metric. */
  metrics(): Promise<string>;
}

/**
 * The seed's agent metrics on a prom-client registry (a fresh one by default, so tests and several apps never
 * share state). Ratios are 0–1; latency is in milliseconds, as the seed's names say.
 */
export function createDeployMetrics(options: { registry?: Registry } = {}): DeployMetrics {
  const registry = options.registry ?? new Registry();
  const registers = [registry];
  const deploys = new Counter({
    name: 'agent_deploys_total',
    help: 'Finished agent deploys by strategy and outcome (success, failure, rolled_back).',
    labelNames: ['app', 'strategy', 'outcome'] as const,
    registers,
  });
  const rollbacks = new Counter({
    name: 'agent_rollbacks_total',
    help: 'Agent rollbacks by reason (analysis, failure, manual).',
    labelNames: ['app', 'reason'] as const,
    registers,
  });
  const successRate = new Gauge({
    name: 'agent_deploy_success_rate',
    help: 'Fraction of deploys recorded by this process that succeeded (0-1).',
    labelNames: ['app'] as const,
    registers,
  });
  const rollbackRate = new Gauge({
    name: 'agent_rollback_rate',
    help: 'Rollbacks per deploy recorded by this process (0-1 when every rollback follows a deploy).',
    labelNames: ['app'] as const,
    registers,
  });
  const p99 = new Gauge({
    name: 'agent_p99_latency_ms',
    help: 'p99 agent response latency in milliseconds.',
    labelNames: ['app'] as const,
    registers,
  });
  // The seed's name uses milliseconds; the base-unit twin is what Prometheus conventions (and promtool) expect.
  const p99Seconds = new Gauge({
    name: 'agent_p99_latency_seconds',
    help: 'p99 agent response latency in seconds (same value as agent_p99_latency_ms).',
    labelNames: ['app'] as const,
    registers,
  });
  const uptime = new Gauge({
    name: 'agent_service_uptime_7d',
    help: 'Fraction of the last 7 days the agent service was up (0-1).',
    labelNames: ['app'] as const,
    registers,
  });
  const regression = new Gauge({
    name: 'agent_prompt_regression_pass_rate',
    help: 'Pass rate of the prompt regression suite (0-1).',
    labelNames: ['app', 'suite'] as const,
    registers,
  });

  const totals = new Map<string, { deploys: number; successes: number; rollbacks: number }>();
  const totalsFor = (app: string) => {
    let entry = totals.get(app);
    if (!entry) {
      entry = { deploys: 0, successes: 0, rollbacks: 0 };
      totals.set(app, entry);
    }
    return entry;
  };
  const updateRates = (app: string) => {
    const entry = totalsFor(app);
    if (entry.deploys === 0) return;
    successRate.set({ app }, entry.successes / entry.deploys);
    rollbackRate.set({ app }, entry.rollbacks / entry.deploys);
  };
  const ratio = (name: string, value: number) => {
    if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be within 0..1, got ${value}`);
    return value;
  };

  return {
    registry,
    recordDeploy({ app, strategy, outcome }) {
      deploys.inc({ app, strategy, outcome });
      const entry = totalsFor(app);
      entry.deploys++;
      if (outcome === 'success') entry.successes++;
      updateRates(app);
    },
    recordRollback({ app, reason = 'manual' }) {
      rollbacks.inc({ app, reason });
      totalsFor(app).rollbacks++;
      updateRates(app);
    },
    setP99LatencyMs(app, ms) {
      if (!(ms >= 0)) throw new RangeError(`p99 latency must be >= 0, got ${ms}`);
      p99.set({ app }, ms);
      p99Seconds.set({ app }, ms / 1000);
    },
    setUptime7d(app, value) {
      uptime.set({ app }, ratio('uptime', value));
    },
    setRegressionPassRate({ app, suite }, rate) {
      regression.set({ app, suite }, ratio('pass rate', rate));
    },
    metrics: () => registry.metrics(),
  };
}

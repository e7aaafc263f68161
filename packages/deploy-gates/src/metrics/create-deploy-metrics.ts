import { Counter, Gauge, Registry } from 'prom-client';

export type DeployStrategy = 'blue-green' | 'canary' | 'release';
export type DeployOutcome = 'success' | 'failure' | 'rolled_back';

/**
 * The seed's `DeploymentMetrics`, camelCase. Ratios are 0–1, times in seconds, latencies in milliseconds;
 * each field is exported as the gauge `agent_<seed field name>` (e.g. `meanTimeToRecover` →
 * `agent_mean_time_to_recover`).
 */
export interface DeploymentMetrics {
  deploySuccessRate: number;
  rollbackRate: number;
  /** Seconds from a bad release going live to the service being healthy again. */
  meanTimeToRecover: number;
  /** Seconds from a bad release going live to the first alert or failed gate. */
  meanTimeToDetect: number;
  serviceUptime7d: number;
  podRestartCount: number;
  readinessCheckFailures: number;
  p50LatencyMs: number;
  p99LatencyMs: number;
  tokenThroughputPerSec: number;
  promptRegressionPassRate: number;
  e2eTestPassRate: number;
}

/** `DeploymentMetrics` field → gauge name (`agent_` + the seed's snake_case field). */
export const deploymentMetricGauges: Record<keyof DeploymentMetrics, string> = {
  deploySuccessRate: 'agent_deploy_success_rate',
  rollbackRate: 'agent_rollback_rate',
  meanTimeToRecover: 'agent_mean_time_to_recover',
  meanTimeToDetect: 'agent_mean_time_to_detect',
  serviceUptime7d: 'agent_service_uptime_7d',
  podRestartCount: 'agent_pod_restart_count',
  readinessCheckFailures: 'agent_readiness_check_failures',
  p50LatencyMs: 'agent_p50_latency_ms',
  p99LatencyMs: 'agent_p99_latency_ms',
  tokenThroughputPerSec: 'agent_token_throughput_per_sec',
  promptRegressionPassRate: 'agent_prompt_regression_pass_rate',
  e2eTestPassRate: 'agent_e2e_test_pass_rate',
};

const ratioFields = new Set<keyof DeploymentMetrics>([
  'deploySuccessRate',
  'rollbackRate',
  'serviceUptime7d',
  'promptRegressionPassRate',
  'e2eTestPassRate',
]);

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
  /**
   * Sets any of the seed's `DeploymentMetrics` for an app (e.g. from your observability stack or a run
   * report). Ratios must be 0–1, everything else ≥ 0. `promptRegressionPassRate` is set for `suite="all"`.
   */
  setDeploymentMetrics(app: string, values: Partial<DeploymentMetrics>): void;
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

  const extraHelp: Partial<Record<keyof DeploymentMetrics, string>> = {
    meanTimeToRecover: 'Mean time to recover (MTTR) in seconds: bad release live until healthy again.',
    meanTimeToDetect: 'Mean time to detect (MTTD) in seconds: bad release live until the first alert or failed gate.',
    podRestartCount: 'Container restarts of the agent pods.',
    readinessCheckFailures: 'Failed readiness checks of the agent pods.',
    p50LatencyMs: 'p50 agent response latency in milliseconds.',
    tokenThroughputPerSec: 'LLM tokens processed per second.',
    e2eTestPassRate: 'Pass rate of the end-to-end tests against the deployed service (0-1).',
  };
  const extra = Object.fromEntries(
    Object.entries(extraHelp).map(([field, help]) => [
      field,
      new Gauge({
        name: deploymentMetricGauges[field as keyof DeploymentMetrics],
        help,
        labelNames: ['app'] as const,
        registers,
      }),
    ]),
  ) as Partial<Record<keyof DeploymentMetrics, Gauge<'app'>>>;
  const p50Seconds = new Gauge({
    name: 'agent_p50_latency_seconds',
    help: 'p50 agent response latency in seconds (same value as agent_p50_latency_ms).',
    labelNames: ['app'] as const,
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
    setDeploymentMetrics(app, values) {
      for (const [field, value] of Object.entries(values) as [keyof DeploymentMetrics, number][]) {
        if (value === undefined) continue;
        if (ratioFields.has(field)) ratio(field, value);
        else if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${field} must be >= 0, got ${value}`);
        if (field === 'deploySuccessRate') successRate.set({ app }, value);
        else if (field === 'rollbackRate') rollbackRate.set({ app }, value);
        else if (field === 'p99LatencyMs') this.setP99LatencyMs(app, value);
        else if (field === 'serviceUptime7d') uptime.set({ app }, value);
        else if (field === 'promptRegressionPassRate') regression.set({ app, suite: 'all' }, value);
        else {
          extra[field]?.set({ app }, value);
          if (field === 'p50LatencyMs') p50Seconds.set({ app }, value / 1000);
        }
      }
    },
    metrics: () => registry.metrics(),
  };
}

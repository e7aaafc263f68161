import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { execaExec } from '../exec/exec.js';
import { promtoolAvailable } from '../test-utils/promtool.js';
import { createDeployMetrics, type DeploymentMetrics, deploymentMetricGauges } from './create-deploy-metrics.js';

const alertsDir = fileURLToPath(new URL('../../alerts/', import.meta.url));
const promtool = (args: string[], input?: string) =>
  execaExec('promtool', args, { timeoutMs: 60_000, ...(input === undefined ? {} : { input }) });

function sampleMetrics() {
  const metrics = createDeployMetrics();
  metrics.recordDeploy({ app: 'support', strategy: 'canary', outcome: 'success' });
  metrics.recordDeploy({ app: 'support', strategy: 'canary', outcome: 'success' });
  metrics.recordDeploy({ app: 'support', strategy: 'blue-green', outcome: 'rolled_back' });
  metrics.recordRollback({ app: 'support', reason: 'analysis' });
  metrics.setP99LatencyMs('support', 2300);
  metrics.setUptime7d('support', 0.9991);
  metrics.setRegressionPassRate({ app: 'support', suite: 'refunds' }, 0.94);
  metrics.setDeploymentMetrics('support', { meanTimeToRecover: 300, p50LatencyMs: 700, tokenThroughputPerSec: 90 });
  return metrics;
}

describe('createDeployMetrics', () => {
  it('exposes the seed metric names with their values', async () => {
    const text = await sampleMetrics().metrics();
    const value = (line: string) =>
      text
        .split('\n')
        .find((l) => l.startsWith(line))
        ?.slice(line.length + 1);
    expect(Number(value('agent_deploy_success_rate{app="support"}'))).toBeCloseTo(2 / 3, 10);
    expect(Number(value('agent_rollback_rate{app="support"}'))).toBeCloseTo(1 / 3, 10);
    expect(value('agent_p99_latency_ms{app="support"}')).toBe('2300');
    expect(value('agent_p99_latency_seconds{app="support"}')).toBe('2.3');
    expect(value('agent_service_uptime_7d{app="support"}')).toBe('0.9991');
    expect(value('agent_prompt_regression_pass_rate{app="support",suite="refunds"}')).toBe('0.94');
    expect(value('agent_deploys_total{app="support",strategy="blue-green",outcome="rolled_back"}')).toBe('1');
    expect(value('agent_rollbacks_total{app="support",reason="analysis"}')).toBe('1');
  });

  it("exports every field of the seed's DeploymentMetrics as agent_<field>", async () => {
    const metrics = createDeployMetrics();
    const values: DeploymentMetrics = {
      deploySuccessRate: 0.97,
      rollbackRate: 0.03,
      meanTimeToRecover: 420,
      meanTimeToDetect: 95,
      serviceUptime7d: 0.9995,
      podRestartCount: 2,
      readinessCheckFailures: 5,
      p50LatencyMs: 800,
      p99LatencyMs: 2400,
      tokenThroughputPerSec: 1250.5,
      promptRegressionPassRate: 0.93,
      e2eTestPassRate: 1,
    };
    metrics.setDeploymentMetrics('support', values);
    const text = await metrics.metrics();
    for (const [field, gauge] of Object.entries(deploymentMetricGauges)) {
      const suite = field === 'promptRegressionPassRate' ? ',suite="all"' : '';
      expect(text, field).toContain(`${gauge}{app="support"${suite}} ${values[field as keyof DeploymentMetrics]}\n`);
    }
    expect(Object.keys(deploymentMetricGauges)).toHaveLength(12);
    expect(() => metrics.setDeploymentMetrics('support', { e2eTestPassRate: 1.5 })).toThrow(RangeError);
    expect(() => metrics.setDeploymentMetrics('support', { meanTimeToRecover: -1 })).toThrow(RangeError);
  });

  it('refuses ratios outside 0..1', () => {
    const metrics = createDeployMetrics();
    expect(() => metrics.setUptime7d('a', 99.9)).toThrow(RangeError);
    expect(() => metrics.setRegressionPassRate({ app: 'a', suite: 's' }, Number.NaN)).toThrow(RangeError);
  });
});

// promtool comes from Debian's `prometheus` package, which CI installs (.ci/run). Without it the checks are
// skipped locally — but never in CI, where a missing promtool fails the first test below.
describe('promtool', () => {
  let available = false;
  beforeAll(async () => {
    available = await promtoolAvailable();
  });
  const runOrSkip = (ctx: { skip: (note?: string) => void }) => {
    if (available) return true;
    if (process.env.CI) throw new Error('promtool is not installed but CI is set: install the prometheus package');
    ctx.skip('promtool not installed (apt-get install prometheus)');
    return false;
  };

  it('check rules: the shipped rules file is valid', async (ctx) => {
    if (!runOrSkip(ctx)) return;
    const result = await promtool(['check', 'rules', join(alertsDir, 'agent-alerts.rules.yml')]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('SUCCESS: 5 rules found');
  });

  it('test rules: the alert unit tests pass', async (ctx) => {
    if (!runOrSkip(ctx)) return;
    const result = await promtool(['test', 'rules', join(alertsDir, 'agent-alerts.test.yml')]);
    expect(`${result.stdout}${result.stderr}`).toContain('SUCCESS');
    expect(result.exitCode).toBe(0);
  });

  it('test rules fails when an alert expectation is wrong (the unit tests can fail)', async (ctx) => {
    if (!runOrSkip(ctx)) return;
    const dir = await mkdtemp(join(tmpdir(), 'agent-cicd-promtool-'));
    try {
      const { readFile } = await import('node:fs/promises');
      await writeFile(join(dir, 'agent-alerts.rules.yml'), await readFile(join(alertsDir, 'agent-alerts.rules.yml')));
      const tests = (await readFile(join(alertsDir, 'agent-alerts.test.yml'), 'utf8')).replace(
        'eval_time: 9m',
        'eval_time: 29m',
      );
      await writeFile(join(dir, 'agent-alerts.test.yml'), tests);
      const result = await promtool(['test', 'rules', join(dir, 'agent-alerts.test.yml')]);
      expect(result.exitCode).not.toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('every alert rule has a promtool unit test where it fires, and each seed alert one where it must not', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { parse } = await import('yaml');
    const files = await readdir(alertsDir);
    const alerts = new Set<string>();
    const fires = new Set<string>();
    const silent = new Set<string>();
    for (const file of files.filter((f) => f.endsWith('.rules.yml'))) {
      const rules = parse(await readFile(join(alertsDir, file), 'utf8')) as {
        groups: { rules: { alert?: string }[] }[];
      };
      for (const rule of rules.groups.flatMap((g) => g.rules)) if (rule.alert) alerts.add(rule.alert);
    }
    for (const file of files.filter((f) => f.endsWith('.test.yml'))) {
      const tests = parse(await readFile(join(alertsDir, file), 'utf8')) as {
        tests: { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[];
      };
      for (const check of tests.tests.flatMap((t) => t.alert_rule_test ?? [])) {
        (check.exp_alerts.length > 0 ? fires : silent).add(check.alertname);
      }
    }
    expect(alerts.size).toBeGreaterThanOrEqual(7);
    expect([...alerts].filter((a) => !fires.has(a))).toEqual([]);
    // The SLO alerts' silent cases are the "healthy" and "recovered" apps inside their firing evaluations.
    const seedAlerts = [
      'AgentDeployFailed',
      'AgentHighLatency',
      'AgentFrequentRollback',
      'AgentPodRestart',
      'AgentRegressionFail',
    ];
    expect(seedAlerts.filter((a) => !alerts.has(a) || !silent.has(a))).toEqual([]);
  });

  it('check metrics: the only lint findings are the seed-mandated `_ms` and `_per_sec` names', async (ctx) => {
    if (!runOrSkip(ctx)) return;
    const result = await promtool(['check', 'metrics'], await sampleMetrics().metrics());
    const findings = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.trim() !== '');
    // The seed's names; agent_p50/p99_latency_seconds are the lint-clean twins of the latencies.
    expect(findings.sort()).toEqual([
      'agent_p50_latency_ms metric names should not contain abbreviated units',
      'agent_p99_latency_ms metric names should not contain abbreviated units',
      'agent_token_throughput_per_sec metric names should not contain abbreviated units',
    ]);
  });

  it('check metrics does flag a badly named metric (so the check above can fail)', async (ctx) => {
    if (!runOrSkip(ctx)) return;
    const bad = '# HELP agent_requests counter without _total\n# TYPE agent_requests counter\nagent_requests 1\n';
    const result = await promtool(['check', 'metrics'], bad);
    expect(result.exitCode).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain('agent_requests');
  });
});

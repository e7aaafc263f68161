// Scenario 9: the live-canary, GitOps and SLA tools from the installed packages: an agent service instrumented
// with createAgentMetrics, the dashboard and Argo/Flagger templates generated from the same metric definitions,
// `agent-cicd deploy gitops` committing a release into a kustomization (and reverting it), and `agent-cicd sla`
// refusing to report when Prometheus cannot be reached.
import { checkMatch } from '../lib/consumer-repo.mjs';

export const title = 'live canary tools: agent metrics, dashboard, Argo/Flagger templates, deploy gitops, sla';

export async function run({ repo: createRepo }) {
  const repo = await createRepo({ name: 'live-canary' });
  await repo.write({
    'metrics.mjs': [
      "import { createAgentMetrics, defaultPolicy } from '@agent-cicd/deploy-gates';",
      "import { createArgoLiveAnalysisTemplate, createFlaggerMetricTemplates } from '@agent-cicd/deploy-gates/controllers';",
      "import { createGrafanaDashboard } from '@agent-cicd/deploy-gates/monitoring';",
      "const metrics = createAgentMetrics({ app: 'shop', track: 'canary' });",
      "metrics.recordRequest({ status: 200, latencySeconds: 0.2, toolCalls: [{ tool: 'lookup_order', ok: true }], inputTokens: 10, outputTokens: 5, response: 'hi' });",
      'const text = await metrics.metrics();',
      'const dashboard = createGrafanaDashboard();',
      "const argo = createArgoLiveAnalysisTemplate({ prometheusAddress: 'http://prom:9090', policy: defaultPolicy() });",
      "const flagger = createFlaggerMetricTemplates({ prometheusAddress: 'http://prom:9090', policy: defaultPolicy() });",
      'console.log(text.includes(\'agent_tool_calls_total{tool="lookup_order",outcome="ok",app="shop",track="canary"} 1\'), dashboard.panels.length, argo.spec.metrics.length, flagger.templates.length);',
      '',
    ].join('\n'),
  });
  const printed = await repo.exec('node', ['metrics.mjs']);
  checkMatch(printed.output, /^true \d+ 6 6$/m, 'createAgentMetrics and the generated templates');

  const manifests = await createRepo({ name: 'manifests', packageJson: false, nodeModules: false });
  await manifests.write({
    'k8s/deployment.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: shop }\nspec:\n  selector: { matchLabels: { app: shop } }\n  template:\n    metadata: { labels: { app: shop } }\n    spec: { containers: [{ name: shop, image: ghcr.io/acme/shop:1 }] }\n',
    'k8s/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  });
  await manifests.exec('git', ['add', '.']);
  await manifests.exec('git', [
    '-c',
    'user.name=Dev',
    '-c',
    'user.email=dev@example.com',
    'commit',
    '-q',
    '-m',
    'manifests',
  ]);
  await repo.write({
    'release.json': JSON.stringify({
      id: 'r1',
      createdAt: '2026-11-29T10:00:00.000Z',
      image: `ghcr.io/acme/shop@sha256:${'e'.repeat(64)}`,
      prompt: { name: 'support', version: 'v2', hash: 'sha256:1' },
      model: { llmModel: 'gpt-4o' },
      tools: [],
    }),
  });
  const gitops = await repo.npx([
    'agent-cicd',
    'deploy',
    'gitops',
    manifests.dir,
    '--app',
    'shop',
    '--path',
    'k8s',
    '--release',
    'release.json',
  ]);
  checkMatch(gitops.output, /committed release r1 on agent-cicd\/release-r1/, '`agent-cicd deploy gitops`');
  const revert = await repo.npx(['agent-cicd', 'deploy', 'gitops', manifests.dir, '--app', 'shop', '--revert']);
  checkMatch(revert.output, /reverted release r1/, '`agent-cicd deploy gitops --revert`');

  const sla = await repo.npx(['agent-cicd', 'sla', '--prometheus', 'http://127.0.0.1:9', '--app', 'shop'], {
    expect: 2,
  });
  checkMatch(sla.output, /error\[AGENT_CICD_PROMETHEUS_ERROR\] .*unreachable/, '`agent-cicd sla` without Prometheus');
  return 'metrics, templates, gitops release + revert, sla error';
}

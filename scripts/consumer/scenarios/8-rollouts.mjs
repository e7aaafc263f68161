// Scenario 8: rollouts from the user's own manifests, from the installed tarballs. The support agent's k8s/
// (Deployment with a secretKeyRef, probes, resources; Service; HPA; the /v1/chat Ingress) planned with
// `deploy blue-green --dry-run` and `deploy canary --dry-run`, bad input refused with exit 2 before any kubectl
// call, a real blue-green deploy and a canary against a fake kubectl on PATH that records argv and keeps state,
// and the library's planCanaryRollout imported from @agent-cicd/deploy-gates/rollouts.
import { chmod, readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { check, checkMatch } from '../lib/consumer-repo.mjs';

export const title = "rollouts from the user's manifests: dry-run plans, bad input, a fake-cluster deploy, the library";

const digest = `ghcr.io/acme/support-agent@sha256:${'a'.repeat(64)}`;

export async function run({ monorepo, repo: createRepo }) {
  const repo = await createRepo({ name: 'rollouts' });
  await repo.copy(join(monorepo, 'examples/support-agent/k8s'), 'k8s');
  await repo.copy(join(monorepo, 'fixtures/reports'), 'reports');
  // The fake kubectl of the deploy-gates tests (records argv in calls.jsonl, simulates objects in state.json).
  for (const file of ['fake-kubectl.cjs', 'fake-common.cjs']) {
    await repo.copy(join(monorepo, 'packages/deploy-gates/src/test-utils', file), `fakes/${file}`);
  }
  await repo.write({
    // A shell wrapper: the user's package.json is "type": "module", so an extension-less node script is ESM.
    'bin/kubectl': `#!/bin/sh\nexec node ${JSON.stringify(repo.path('fakes/fake-kubectl.cjs'))} "$@"\n`,
  });
  await chmod(repo.path('bin/kubectl'), 0o755);
  const service = (await import('yaml')).parse(await readFile(repo.path('k8s/service.yaml'), 'utf8'));
  await repo.write({
    'state.json': JSON.stringify({ objects: { 'service/support-agent': service }, images: {}, failures: [] }),
    'calls.jsonl': '',
  });
  const env = {
    PATH: `${repo.path('bin')}${delimiter}${process.env.PATH}`,
    FAKE_STATE_FILE: repo.path('state.json'),
    FAKE_LOG_FILE: repo.path('calls.jsonl'),
  };
  const bg = ['agent-cicd', 'deploy', 'blue-green', '--app', 'support-agent', '--manifests', 'k8s', '--image', digest];

  // 1. The plan: a copy of the user's Deployment, with the Secret reference, applied to the idle colour.
  const plan = await repo.npx([...bg, '--dry-run'], { env });
  checkMatch(plan.stdout, /^plan: blue-green$/m, 'deploy blue-green --dry-run');
  checkMatch(plan.stdout, /copied from k8s\/deployment\.yaml/, 'the plan names the template');
  checkMatch(plan.stdout, /"secretKeyRef":\{"name":"agent-secrets","key":"llm-api-key"\}/, 'the plan keeps the secret');
  check((await repo.read('calls.jsonl')) === '', '--dry-run ran kubectl');

  // 2. Bad input: one line, exit 2, kubectl never changes anything.
  for (const bad of [
    ['--history-configmap', 'x; touch PWN'],
    ['--smoke-url', 'not a url'],
  ]) {
    const refused = await repo.npx([...bg, ...bad], { env, expect: 2 });
    checkMatch(refused.stderr, /^error\[AGENT_CICD_DEPLOY_INVALID_INPUT\] [^\n]*\n$/, `refused ${bad.join(' ')}`);
  }
  // A manifest with an alias bomb in its second document: core's guarded loader, one located line.
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (const [n, prev] of ['ba', 'cb', 'dc', 'ed']) bomb.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  await repo.write({ 'bad-k8s.yaml': `apiVersion: v1\nkind: Service\nmetadata: {name: x}\n---\n${bomb.join('\n')}\n` });
  const bombed = await repo.npx([...bg.slice(0, 5), '--manifests', 'bad-k8s.yaml', '--image', digest], {
    env,
    expect: 2,
  });
  checkMatch(
    bombed.stderr,
    /^error\[AGENT_CICD_PARSE_ERROR\] bad-k8s\.yaml:6:8: YAML syntax error: aliases expand [^\n]*\n$/,
    'an alias bomb in --manifests',
  );
  const mutating = (await repo.read('calls.jsonl'))
    .split('\n')
    .filter(Boolean)
    .filter((line) => !JSON.parse(line).argv.includes('get'));
  check(mutating.length === 0, `bad input reached kubectl: ${mutating.join('\n')}`);

  // 3. A real deploy against the fake cluster: support-agent-blue is the user's Deployment with a colour.
  const deployed = await repo.npx(bg, { env });
  checkMatch(deployed.stdout, /^switched support-agent to blue \(verified\)$/m, 'deploy blue-green');
  const state = JSON.parse(await repo.read('state.json'));
  const blue = state.objects['deployment/support-agent-blue'];
  const container = blue?.spec.template.spec.containers[0];
  check(container?.image === digest, 'the new colour does not run the image');
  check(
    JSON.stringify(container?.env).includes('"secretKeyRef":{"name":"agent-secrets","key":"llm-api-key"}'),
    'the new colour lost its secretKeyRef',
  );
  check(container?.readinessProbe?.httpGet?.path === '/ready', 'the new colour lost its readiness probe');
  check(state.objects['service/support-agent'].spec.selector.color === 'blue', 'the Service was not switched');

  // 4. The library, as a custom pipeline imports it: the canary Ingress copies the user's /v1/chat route.
  await repo.write({
    'plan-canary.mjs': `import { planCanaryRollout } from '@agent-cicd/deploy-gates/rollouts';
const plan = await planCanaryRollout(
  { app: 'support-agent', image: '${digest}', manifests: 'k8s', router: 'nginx', steps: [5], promote: false,
    baseline: 'reports/baseline.json', candidate: 'reports/candidate-promote.json', dryRun: true },
  { cwd: process.cwd() },
);
const path = plan.canaryIngress.spec.rules[0].http.paths[0];
console.log(path.path, path.backend.service.name, plan.canaryIngress.metadata.annotations['nginx.ingress.kubernetes.io/canary-weight']);
`,
  });
  const library = await repo.exec('node', ['plan-canary.mjs'], { env });
  check(library.stdout.trim() === '/v1/chat support-agent-canary 0', `planCanaryRollout: ${library.output}`);
}

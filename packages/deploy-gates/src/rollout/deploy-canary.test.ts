import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKubectl } from '../kubectl/create-kubectl.js';
import { createGatewayApiRouter, httpRouteManifest } from '../routers/gateway-api-router.js';
import { createNginxCanaryRouter } from '../routers/nginx-canary-router.js';
import { digestA, digestB } from '../test-utils/cluster-fixtures.js';
import { type FakeBinaries, installFakeBinaries } from '../test-utils/fake-binaries.js';
import { deployCanary } from './deploy-canary.js';
import { deploymentManifest } from './manifests.js';
import type { StepAnalysis } from './run-canary.js';

let fakes: FakeBinaries;
beforeEach(async () => {
  fakes = await installFakeBinaries();
  const stable = deploymentManifest({ name: 'agent', labels: { app: 'agent' }, image: digestA, replicas: 3 });
  await fakes.setState({
    objects: {
      'deployment/agent': { ...stable, metadata: stable.metadata, status: { replicas: 3, readyReplicas: 3 } },
      'httproute/agent': httpRouteManifest({
        name: 'agent',
        gateway: 'public',
        hostnames: ['agent.example.com'],
        stableService: 'agent',
      }),
    },
  });
});
afterEach(() => fakes.cleanup());

const kubectlFor = () => createKubectl({ env: fakes.env, namespace: 'agents' });
const actions = (...list: StepAnalysis['action'][]) => {
  let i = 0;
  return async (): Promise<StepAnalysis> => ({ action: list[i++] ?? 'advance', reasons: [] });
};
/** The fields these tests read from the fake cluster's objects. */
interface SeenObject {
  metadata: { annotations?: Record<string, string> };
  spec: { template: { spec: { containers: { image: string }[] } }; rules: { backendRefs: unknown[] }[] };
}
const objectOf = async (key: string) => (await fakes.state()).objects[key] as unknown as SeenObject;
const imageOf = async (name: string) => (await objectOf(`deployment/${name}`)).spec.template.spec.containers[0]?.image;
const noSleep = async () => {};

describe('deployCanary against the fake kubectl', { timeout: 60_000 }, () => {
  it('ingress-nginx: exact commands for each step, then promotion', async () => {
    const kubectl = kubectlFor();
    const router = createNginxCanaryRouter({
      kubectl,
      ingress: 'agent',
      host: 'agent.example.com',
      canaryService: 'agent-canary',
    });
    const result = await deployCanary({
      kubectl,
      router,
      app: 'agent',
      image: digestB,
      steps: [10, 50, 100],
      analyze: actions(),
      sleep: noSleep,
    });
    expect(result).toMatchObject({ outcome: 'promoted', previousImage: digestA, verified: true, problems: [] });
    const w = 'nginx.ingress.kubernetes.io/canary-weight';
    expect(await fakes.lines()).toEqual([
      'kubectl get deployment agent -o json',
      'kubectl apply -f -',
      'kubectl rollout status deployment/agent-canary --timeout=5m',
      'kubectl apply -f -',
      `kubectl annotate ingress agent-canary ${w}=10 --overwrite`,
      `kubectl annotate ingress agent-canary ${w}=50 --overwrite`,
      `kubectl annotate ingress agent-canary ${w}=100 --overwrite`,
      `kubectl set image deployment/agent agent=${digestB}`,
      'kubectl rollout status deployment/agent --timeout=5m',
      `kubectl annotate ingress agent-canary ${w}=0 --overwrite`,
      'kubectl scale deployment/agent-canary --replicas=0',
      'kubectl get ingress agent-canary -o json',
      'kubectl get deployment agent -o json',
      'kubectl get deployment agent-canary -o json',
    ]);
    const ingress = await objectOf('ingress/agent-canary');
    expect(ingress.metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/canary': 'true', [w]: '0' });
    expect(await imageOf('agent')).toBe(digestB);
  });

  it('ingress-nginx: a rollback at 50% sets weight 0, scales the canary down and leaves stable untouched', async () => {
    const kubectl = kubectlFor();
    const router = createNginxCanaryRouter({
      kubectl,
      ingress: 'agent',
      host: 'agent.example.com',
      canaryService: 'agent-canary',
    });
    const result = await deployCanary({
      kubectl,
      router,
      app: 'agent',
      image: digestB,
      steps: [10, 50, 100],
      analyze: actions('advance', 'rollback'),
      sleep: noSleep,
    });
    expect(result).toMatchObject({ outcome: 'rolled_back', verified: true });
    const w = 'nginx.ingress.kubernetes.io/canary-weight';
    expect((await fakes.lines()).slice(4)).toEqual([
      `kubectl annotate ingress agent-canary ${w}=10 --overwrite`,
      `kubectl annotate ingress agent-canary ${w}=50 --overwrite`,
      `kubectl annotate ingress agent-canary ${w}=0 --overwrite`,
      'kubectl scale deployment/agent-canary --replicas=0',
      'kubectl get ingress agent-canary -o json',
      'kubectl get deployment agent -o json',
      'kubectl get deployment agent-canary -o json',
    ]);
    expect(await imageOf('agent')).toBe(digestA);
  });

  it('Gateway API: adds the canary backendRef, patches weights with guarded JSON patches, promotes', async () => {
    const kubectl = kubectlFor();
    const router = createGatewayApiRouter({
      kubectl,
      route: 'agent',
      stableService: 'agent',
      canaryService: 'agent-canary',
    });
    const result = await deployCanary({
      kubectl,
      router,
      app: 'agent',
      image: digestB,
      steps: [25, 100],
      analyze: actions(),
      sleep: noSleep,
    });
    expect(result).toMatchObject({ outcome: 'promoted', verified: true });
    const route = 'httproute.gateway.networking.k8s.io agent';
    const weights = (stable: number, canary: number) =>
      `kubectl patch ${route} --type=json -p [{"op":"test","path":"/spec/rules/0/backendRefs/0/name","value":"agent"},{"op":"test","path":"/spec/rules/0/backendRefs/1/name","value":"agent-canary"},{"op":"add","path":"/spec/rules/0/backendRefs/0/weight","value":${stable}},{"op":"add","path":"/spec/rules/0/backendRefs/1/weight","value":${canary}}]`;
    expect((await fakes.lines()).slice(3)).toEqual([
      `kubectl get ${route} -o json`,
      `kubectl patch ${route} --type=json -p [{"op":"add","path":"/spec/rules/0/backendRefs/0/weight","value":100},{"op":"add","path":"/spec/rules/0/backendRefs/-","value":{"name":"agent-canary","port":80,"weight":0}}]`,
      weights(75, 25),
      weights(0, 100),
      `kubectl set image deployment/agent agent=${digestB}`,
      'kubectl rollout status deployment/agent --timeout=5m',
      weights(100, 0),
      'kubectl scale deployment/agent-canary --replicas=0',
      `kubectl get ${route} -o json`,
      'kubectl get deployment agent -o json',
      'kubectl get deployment agent-canary -o json',
    ]);
    expect((await objectOf('httproute/agent')).spec.rules[0]?.backendRefs).toEqual([
      { name: 'agent', port: 80, weight: 100 },
      { name: 'agent-canary', port: 80, weight: 0 },
    ]);
  });

  it('a failed promotion (stable rollout timeout) undoes the stable rollout and verifies', async () => {
    await fakes.fail({
      tool: 'kubectl',
      match: 'rollout status deployment/agent --timeout',
      stderr: 'error: timed out waiting for the condition',
      once: true,
    });
    const kubectl = kubectlFor();
    const router = createGatewayApiRouter({
      kubectl,
      route: 'agent',
      stableService: 'agent',
      canaryService: 'agent-canary',
    });
    const result = await deployCanary({
      kubectl,
      router,
      app: 'agent',
      image: digestB,
      steps: [100],
      analyze: actions(),
      sleep: noSleep,
    });
    expect(result).toMatchObject({ outcome: 'rolled_back', verified: true, problems: [] });
    expect(result.reasons[0]).toMatch(/^promotion failed: .*timed out waiting for the condition/);
    const lines = (await fakes.lines()).filter((l) => !l.includes(' patch ') && !l.includes(' get '));
    expect(lines.slice(-5)).toEqual([
      `kubectl set image deployment/agent agent=${digestB}`,
      'kubectl rollout status deployment/agent --timeout=5m',
      'kubectl rollout undo deployment/agent',
      'kubectl rollout status deployment/agent --timeout=5m',
      'kubectl scale deployment/agent-canary --replicas=0',
    ]);
    expect(await imageOf('agent')).toBe(digestA);
  });

  it('a canary that never becomes ready is scaled down without touching traffic', async () => {
    await fakes.fail({
      tool: 'kubectl',
      match: 'rollout status deployment/agent-canary',
      stderr: 'error: timed out waiting for the condition',
    });
    const kubectl = kubectlFor();
    const router = createNginxCanaryRouter({
      kubectl,
      ingress: 'agent',
      host: 'agent.example.com',
      canaryService: 'agent-canary',
    });
    const result = await deployCanary({
      kubectl,
      router,
      app: 'agent',
      image: digestB,
      steps: [10, 100],
      analyze: actions(),
      sleep: noSleep,
    });
    expect(result).toMatchObject({ outcome: 'rolled_back', verified: true });
    expect(result.failure).toMatch(/^canary setup failed/);
    expect((await fakes.lines()).slice(2)).toEqual([
      'kubectl rollout status deployment/agent-canary --timeout=5m',
      'kubectl scale deployment/agent-canary --replicas=0',
      'kubectl get ingress agent-canary -o json',
      'kubectl get deployment agent -o json',
      'kubectl get deployment agent-canary -o json',
    ]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKubectl } from '../kubectl/create-kubectl.js';
import { deploymentManifest } from '../rollout/manifests.js';
import { digestA, digestB } from '../test-utils/cluster-fixtures.js';
import { type FakeBinaries, installFakeBinaries } from '../test-utils/fake-binaries.js';
import { applyRelease, releaseConfigMapName } from './apply-release.js';
import { createReleaseBundle } from './release-bundle.js';
import { recordRelease } from './release-history.js';
import { createConfigMapReleaseStore } from './release-store.js';
import { rollbackRelease } from './rollback-release.js';

let fakes: FakeBinaries;
beforeEach(async () => {
  fakes = await installFakeBinaries();
  const stable = deploymentManifest({ name: 'agent', labels: { app: 'agent' }, image: digestA, replicas: 2 });
  await fakes.setState({ objects: { 'deployment/agent': { ...stable, metadata: stable.metadata } } });
});
afterEach(() => fakes.cleanup());

const now = () => new Date('2026-11-26T07:30:00.000Z');
const v1 = createReleaseBundle(
  {
    id: 'v1',
    image: digestA,
    prompt: { name: 'support', version: '1.0.0', hash: 'sha256:p1' },
    model: { llmModel: 'gpt-4o', llmTemperature: 0 },
    tools: [{ name: 'lookup_order', hash: 'sha256:t1' }],
  },
  { now },
);
const v2 = createReleaseBundle(
  {
    id: 'v2',
    image: digestB,
    prompt: { name: 'support', version: '1.1.0', hash: 'sha256:p2' },
    model: { llmModel: 'gpt-4o-mini', llmTemperature: 0.2 },
    tools: [{ name: 'lookup_order', hash: 'sha256:t2' }, { name: 'refund' }],
  },
  { now },
);

interface SeenDeployment {
  metadata: { annotations: Record<string, string> };
  spec: {
    template: {
      metadata: { annotations: Record<string, string> };
      spec: { containers: { name: string; image: string; envFrom?: { configMapRef: { name: string } }[] }[] };
    };
  };
}

describe('triple rollback (image + prompt + model config) against the fake kubectl', { timeout: 60_000 }, () => {
  it('restores the previous release in one patch, verifies it and records the rollback', async () => {
    const kubectl = createKubectl({ env: fakes.env, namespace: 'agents' });
    const store = createConfigMapReleaseStore({ kubectl, name: 'agent-releases' });
    let history = await store.load();
    for (const release of [v1, v2]) {
      expect(await applyRelease({ kubectl, app: 'agent', release })).toEqual({ verified: true, problems: [] });
      history = recordRelease(history, release, { action: 'deploy', at: now().toISOString() });
      await store.save(history);
    }
    await fakes.clearCalls();

    const result = await rollbackRelease({ kubectl, store, app: 'agent', now });
    expect(result).toMatchObject({ release: { id: 'v1' }, from: 'v2', verified: true, problems: [] });
    const patch = {
      metadata: { annotations: { 'agent-cicd.dev/release': 'v1' } },
      spec: {
        template: {
          metadata: { annotations: { 'agent-cicd.dev/release': 'v1' } },
          spec: {
            containers: [{ name: 'agent', image: digestA, envFrom: [{ configMapRef: { name: 'agent-config-v1' } }] }],
          },
        },
      },
    };
    expect(await fakes.lines()).toEqual([
      'kubectl get configmap agent-releases -o json',
      'kubectl apply -f -',
      'kubectl get deployment agent -o json',
      `kubectl patch deployment agent --type=strategic -p ${JSON.stringify(patch)}`,
      'kubectl rollout status deployment/agent --timeout=5m',
      'kubectl get deployment agent -o json',
      'kubectl apply -f -',
    ]);

    const state = await fakes.state();
    const deployment = state.objects['deployment/agent'] as unknown as SeenDeployment;
    const container = deployment.spec.template.spec.containers[0];
    expect(container?.image).toBe(digestA);
    expect(container?.envFrom).toEqual([{ configMapRef: { name: 'agent-config-v1' } }]);
    const config = state.objects[`configmap/${releaseConfigMapName('agent', v1)}`] as unknown as {
      data: Record<string, string>;
    };
    expect(config.data).toMatchObject({
      AGENT_PROMPT_VERSION: '1.0.0',
      AGENT_PROMPT_HASH: 'sha256:p1',
      AGENT_LLM_MODEL: 'gpt-4o',
      AGENT_LLM_TEMPERATURE: '0',
    });
    const saved = await store.load();
    expect(saved.current).toBe('v1');
    expect(saved.events.map((e) => `${e.action} ${e.release}`)).toEqual(['deploy v1', 'deploy v2', 'rollback v1']);
  });

  it('a failed restore is not recorded as a rollback', async () => {
    const kubectl = createKubectl({ env: fakes.env });
    const store = createConfigMapReleaseStore({ kubectl, name: 'agent-releases' });
    let history = await store.load();
    for (const release of [v1, v2])
      history = recordRelease(history, release, { action: 'deploy', at: now().toISOString() });
    await store.save(history);
    await fakes.fail({
      tool: 'kubectl',
      match: 'rollout status deployment/agent',
      stderr: 'error: timed out waiting for the condition',
    });
    await expect(rollbackRelease({ kubectl, store, app: 'agent', to: 'v1', now })).rejects.toThrow(/timed out/);
    expect((await store.load()).current).toBe('v2');
  });
});

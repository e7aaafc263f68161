import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKubectl } from '../kubectl/create-kubectl.js';
import { blueLiveState, digestA, digestB } from '../test-utils/cluster-fixtures.js';
import { type FakeBinaries, installFakeBinaries } from '../test-utils/fake-binaries.js';
import { runBlueGreen } from './run-blue-green.js';

let fakes: FakeBinaries;
beforeEach(async () => {
  fakes = await installFakeBinaries();
  await fakes.setState(blueLiveState());
});
afterEach(() => fakes.cleanup());

const kubectlFor = (dryRun = false) => createKubectl({ env: fakes.env, context: 'prod', namespace: 'agents', dryRun });
const selectorOf = async () =>
  ((await fakes.state()).objects['service/agent'] as unknown as { spec: { selector: Record<string, string> } }).spec
    .selector;
const specReplicas = async (name: string) =>
  ((await fakes.state()).objects[`deployment/${name}`] as unknown as { spec: { replicas: number } }).spec.replicas;

// Each fake kubectl call starts a node process; the generous timeout is for loaded CI machines.
describe('runBlueGreen against the fake kubectl', { timeout: 30_000 }, () => {
  it('runs the exact sequence: deploy inactive (with its replicas), wait, smoke, switch, scale old down, verify', async () => {
    const smoked: string[] = [];
    const result = await runBlueGreen({
      kubectl: kubectlFor(),
      app: 'agent',
      service: 'agent',
      image: digestB,
      replicas: 3,
      timeout: '2m',
      smoke: async ({ deployment }) => {
        smoked.push(deployment);
      },
    });
    expect(result).toMatchObject({
      outcome: 'switched',
      previousColor: 'blue',
      targetColor: 'green',
      liveColor: 'green',
      verified: true,
      problems: [],
    });
    expect(smoked).toEqual(['agent-green']);
    expect(await fakes.lines()).toEqual([
      'kubectl get service agent -o json',
      'kubectl get deployment agent-blue -o json',
      'kubectl apply -f -',
      'kubectl rollout status deployment/agent-green --timeout=2m',
      'kubectl patch service agent --type=merge -p {"spec":{"selector":{"color":"green"}}}',
      'kubectl scale deployment/agent-blue --replicas=0',
      'kubectl get service agent -o json',
      'kubectl get deployment agent-green -o json',
      'kubectl get deployment agent-blue -o json',
    ]);
    const calls = await fakes.calls();
    expect(calls[0]?.argv.slice(0, 4)).toEqual(['--context', 'prod', '-n', 'agents']);
    const applied = JSON.parse(calls[2]?.stdin ?? '{}');
    expect(applied).toMatchObject({
      kind: 'Deployment',
      metadata: { name: 'agent-green', labels: { app: 'agent', color: 'green' } },
    });
    expect(applied.spec.template.spec.containers[0].image).toBe(digestB);
    expect(await selectorOf()).toEqual({ app: 'agent', color: 'green' });
    expect(await specReplicas('agent-blue')).toBe(0);
    // the fake omits zero counts, like the API: the scaled-down colour reads as 0 ready
    expect((await fakes.state()).objects['deployment/agent-blue']).toMatchObject({ status: {} });
  });

  it('a rollout-status timeout rolls back (new colour scaled down), and the rollback is verified', async () => {
    await fakes.fail({
      tool: 'kubectl',
      match: 'rollout status deployment/agent-green',
      stderr: 'error: timed out waiting for the condition',
    });
    const result = await runBlueGreen({
      kubectl: kubectlFor(),
      app: 'agent',
      service: 'agent',
      image: digestB,
      timeout: '30s',
    });
    expect(result).toMatchObject({
      outcome: 'rolled_back',
      liveColor: 'blue',
      verified: true,
      failure: { step: 'rollout', message: expect.stringContaining('timed out waiting for the condition') },
    });
    expect((await fakes.lines()).slice(3)).toEqual([
      'kubectl rollout status deployment/agent-green --timeout=30s',
      'kubectl scale deployment/agent-green --replicas=0',
      'kubectl get service agent -o json',
      'kubectl get deployment agent-blue -o json',
      'kubectl get deployment agent-green -o json',
    ]);
    expect(await selectorOf()).toEqual({ app: 'agent', color: 'blue' });
    expect(await specReplicas('agent-green')).toBe(0);
    expect(await specReplicas('agent-blue')).toBe(2);
  });

  it('a failed smoke test after nothing switched leaves blue live', async () => {
    const result = await runBlueGreen({
      kubectl: kubectlFor(),
      app: 'agent',
      service: 'agent',
      image: digestB,
      smoke: async () => {
        throw new Error('smoke: /healthz returned 503');
      },
    });
    expect(result).toMatchObject({
      outcome: 'rolled_back',
      verified: true,
      failure: { step: 'smoke', message: 'smoke: /healthz returned 503' },
    });
    expect((await fakes.lines()).filter((l) => !l.includes(' get '))).toEqual([
      'kubectl apply -f -',
      'kubectl rollout status deployment/agent-green --timeout=5m',
      'kubectl scale deployment/agent-green --replicas=0',
    ]);
  });

  it('a failure after the switch restores the selector and scales the old colour back up', async () => {
    await fakes.fail({
      tool: 'kubectl',
      match: 'scale deployment/agent-blue --replicas=0',
      stderr: 'error: connection refused',
      once: true,
    });
    const result = await runBlueGreen({ kubectl: kubectlFor(), app: 'agent', service: 'agent', image: digestB });
    expect(result).toMatchObject({ outcome: 'rolled_back', verified: true, failure: { step: 'scale-down' } });
    expect((await fakes.lines()).filter((l) => !l.includes(' get ')).slice(2)).toEqual([
      'kubectl patch service agent --type=merge -p {"spec":{"selector":{"color":"green"}}}',
      'kubectl scale deployment/agent-blue --replicas=0',
      'kubectl patch service agent --type=merge -p {"spec":{"selector":{"color":"blue"}}}',
      'kubectl scale deployment/agent-blue --replicas=2',
      'kubectl rollout status deployment/agent-blue --timeout=5m',
      'kubectl scale deployment/agent-green --replicas=0',
    ]);
    expect(await selectorOf()).toEqual({ app: 'agent', color: 'blue' });
  });

  it('reports an unverified rollback when the restore itself fails', async () => {
    await fakes.fail({
      tool: 'kubectl',
      match: 'rollout status',
      stderr: 'error: timed out waiting for the condition',
    });
    await fakes.fail({
      tool: 'kubectl',
      match: 'scale deployment/agent-green --replicas=0',
      stderr: 'error: forbidden',
    });
    const result = await runBlueGreen({ kubectl: kubectlFor(), app: 'agent', service: 'agent', image: digestB });
    expect(result.outcome).toBe('rolled_back');
    expect(result.verified).toBe(false);
    expect(result.problems).toEqual([
      expect.stringContaining('rollback scale down agent-green failed'),
      'agent-green wants 2 replicas, expected 0',
    ]);
  });

  it('second deploy goes back to blue', async () => {
    await runBlueGreen({ kubectl: kubectlFor(), app: 'agent', service: 'agent', image: digestB });
    const again = await runBlueGreen({ kubectl: kubectlFor(), app: 'agent', service: 'agent', image: digestA });
    expect(again).toMatchObject({ outcome: 'switched', previousColor: 'green', targetColor: 'blue' });
    expect(await selectorOf()).toEqual({ app: 'agent', color: 'blue' });
  });

  it('dry-run prints the commands and never runs the binary', async () => {
    const lines: string[] = [];
    const kubectl = createKubectl({
      env: fakes.env,
      namespace: 'agents',
      dryRun: true,
      onCommand: (c) => lines.push(c.line),
    });
    const result = await runBlueGreen({ kubectl, app: 'agent', service: 'agent', image: digestB, replicas: 1 });
    expect(result).toMatchObject({ outcome: 'switched', targetColor: 'green', verified: false, dryRun: true });
    expect(lines).toEqual([
      'kubectl -n agents get service agent -o json',
      'kubectl -n agents get deployment agent-blue -o json',
      'kubectl -n agents apply -f -',
      'kubectl -n agents rollout status deployment/agent-green --timeout=5m',
      `kubectl -n agents patch service agent --type=merge -p '{"spec":{"selector":{"color":"green"}}}'`,
      'kubectl -n agents scale deployment/agent-blue --replicas=0',
      'kubectl -n agents get service agent -o json',
    ]);
    expect(await fakes.calls()).toEqual([]);
  });

  it('injection attempts never reach the binary', async () => {
    for (const bad of [
      { app: 'agent; rm -rf /' },
      { service: 'agent && curl evil' },
      { image: 'ghcr.io/acme/agent:1 --privileged' },
      { colors: ['blue', 'green$(id)'] as [string, string] },
      { timeout: '5m; reboot' },
    ]) {
      await expect(
        runBlueGreen({ kubectl: kubectlFor(), app: 'agent', service: 'agent', image: digestB, ...bad }),
      ).rejects.toThrow(/^invalid /);
    }
    expect(await fakes.calls()).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planCanaryCommand } from '../canary-control/control-canary.js';
import { createCommandRunner } from '../exec/command-runner.js';
import { createKubectl } from '../kubectl/create-kubectl.js';
import { GatePolicySchema } from '../policy/gate-policy-schema.js';
import { type FakeBinaries, installFakeBinaries } from '../test-utils/fake-binaries.js';
import { createLiveRolloutAnalysis } from './live-rollout-analysis.js';

let fakes: FakeBinaries;
beforeEach(async () => {
  fakes = await installFakeBinaries();
});
afterEach(() => fakes.cleanup());

/** A Prometheus API double over fetch: fresh samples, running totals per track. */
const totals = { canary: 0, stable: 0 };
const fakeFetch = (async (_url: string, init: RequestInit) => {
  const query = new URLSearchParams(String(init.body)).get('query') ?? '';
  const track = query.includes('track="canary"') ? 'canary' : 'stable';
  const now = Date.now() / 1000;
  const result = query.startsWith('max(timestamp(')
    ? [{ metric: {}, value: [now, String(now)] }]
    : [
        {
          metric: { __name__: 'agent_http_requests_total', route: '/v1/chat', status: '200', app: 'agent', track },
          value: [now, String(totals[track])],
        },
      ];
  return new Response(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
}) as unknown as typeof fetch;

describe('createLiveRolloutAnalysis', () => {
  it('writes nothing before the first look, then records status and obeys an abort', async () => {
    const kubectl = createKubectl({ runner: createCommandRunner({ env: fakes.env }), namespace: 'agents' });
    const rollout = createLiveRolloutAnalysis({
      prometheus: 'http://prometheus:9090',
      app: 'agent',
      policy: GatePolicySchema.parse({ canary: { steps: [10, 100] } }),
      control: { kubectl, historyConfigMap: 'agent-releases', release: 'r9' },
      fetch: fakeFetch,
    });
    expect(await fakes.lines()).toEqual([]);
    totals.canary = 50;
    totals.stable = 500;
    const first = await rollout.analyze({ index: 0, weight: 10, attempt: 1 });
    expect(first.action).toBe('hold');
    const status = JSON.parse(
      ((await fakes.state()).objects['configmap/agent-releases-canary'] as unknown as { data: Record<string, string> })
        .data['status.json'] as string,
    );
    expect(status).toMatchObject({ app: 'agent', release: 'r9', state: 'running', weight: 10, lastAction: 'hold' });

    const plan = await planCanaryCommand({ store: rollout.store as never, app: 'agent', action: 'abort', by: 'ops' });
    await rollout.store?.writeCommand(plan.command as never);
    const second = await rollout.analyze({ index: 0, weight: 10, attempt: 2 });
    expect(second).toEqual({ action: 'rollback', reasons: ['aborted by ops'] });
    await rollout.finish('rolled_back');
    const final = await rollout.store?.read();
    expect(final?.status?.state).toBe('rolled_back');
  });
});

import { describe, expect, it } from 'vitest';
import { runCanary } from '../rollout/run-canary.js';
import type { TrafficRouter } from '../routers/traffic-router.js';
import type { CanaryCommand, CanaryStatus } from './canary-control-schema.js';
import type { CanaryControlStore } from './canary-control-store.js';
import { planCanaryCommand } from './control-canary.js';
import { withManualControl } from './with-manual-control.js';

function memoryStore(): CanaryControlStore & { status?: CanaryStatus; command?: CanaryCommand } {
  const store: CanaryControlStore & { status?: CanaryStatus; command?: CanaryCommand } = {
    description: 'memory',
    async read() {
      return {
        exists: true,
        ...(store.status ? { status: store.status } : {}),
        ...(store.command ? { command: store.command } : {}),
      };
    },
    async begin(status) {
      store.status = status;
      store.command = undefined;
    },
    async writeStatus(status) {
      store.status = status;
    },
    async writeCommand(command) {
      store.command = command;
    },
  };
  return store;
}

const router = (): TrafficRouter => ({
  name: 'memory',
  prepare: async () => {},
  setWeight: async () => {},
  currentWeight: async () => 0,
});
let n = 0;
const command = async (store: CanaryControlStore, action: CanaryCommand['action']) => {
  const plan = await planCanaryCommand({ store, app: 'agent', action, by: 'ops', id: () => `c${++n}` });
  if (plan.command) await store.writeCommand(plan.command);
  return plan;
};

describe('withManualControl', () => {
  it('holds while paused, analyses again after resume, and records its status', async () => {
    const store = memoryStore();
    const analysed: number[] = [];
    let resumed = 0;
    const control = withManualControl(
      async (step) => {
        analysed.push(step.weight);
        return { action: 'advance', reasons: ['fine'] };
      },
      { store, app: 'agent', steps: [10, 100], onResume: () => (resumed += 1) },
    );
    await control.begin();
    await command(store, 'pause');
    let looks = 0;
    const result = await runCanary({
      steps: [10, 100],
      router: router(),
      analyze: control.analyze,
      maxHolds: 10,
      sleep: async () => {
        looks += 1;
        if (looks === 3) expect((await command(store, 'resume')).verdict).toBe('apply');
      },
    });
    await control.finish(result.outcome);
    expect(result.outcome).toBe('promoted');
    expect(result.history.map((h) => h.action)).toEqual(['hold', 'hold', 'advance', 'advance']);
    expect(result.history[0]?.reasons[0]).toBe('paused by ops');
    expect(analysed).toEqual([10, 100]);
    expect(resumed).toBe(1);
    expect(store.status).toMatchObject({ state: 'promoted', weight: 100, lastAction: 'advance' });
    expect((await planCanaryCommand({ store, app: 'agent', action: 'abort' })).verdict).toBe('refuse');
  });

  it('rolls back on abort and promotes on promote, without asking the analysis', async () => {
    for (const [action, outcome] of [
      ['abort', 'rolled_back'],
      ['promote', 'promoted'],
    ] as const) {
      const store = memoryStore();
      const control = withManualControl(async () => ({ action: 'hold', reasons: ['thin'] }), {
        store,
        app: 'agent',
        steps: [10, 50, 100],
      });
      await control.begin();
      await command(store, action);
      const result = await runCanary({
        steps: [10, 50, 100],
        router: router(),
        analyze: control.analyze,
        sleep: async () => {},
      });
      expect(result.outcome).toBe(outcome);
      expect(result.history).toHaveLength(1);
      expect(result.history[0]?.reasons[0]).toMatch(
        action === 'abort' ? /^aborted by ops$/ : /^promoted by hand by ops$/,
      );
    }
  });

  it('holds when the command cannot be read', async () => {
    const store = memoryStore();
    store.read = async () => {
      throw new Error('kubectl: connection refused');
    };
    const control = withManualControl(async () => ({ action: 'advance', reasons: [] }), {
      store,
      app: 'agent',
      steps: [100],
    });
    expect(await control.analyze({ index: 0, weight: 100, attempt: 1 })).toEqual({
      action: 'hold',
      reasons: ["cannot read the canary's manual commands: kubectl: connection refused"],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import type { TrafficRouter } from '../routers/traffic-router.js';
import { runCanary, type StepAnalysis } from './run-canary.js';

function recordingRouter(failAt?: number) {
  const events: string[] = [];
  let weight = 0;
  const router: TrafficRouter = {
    name: 'recording',
    prepare: async () => {
      events.push('prepare');
    },
    setWeight: async (w) => {
      if (w === failAt) throw new Error(`router refused ${w}`);
      weight = w;
      events.push(`weight ${w}`);
    },
    currentWeight: async () => weight,
  };
  return { router, events };
}

const scripted = (actions: StepAnalysis['action'][], events: string[]) => {
  let i = 0;
  return async ({ weight, attempt }: { weight: number; attempt: number }): Promise<StepAnalysis> => {
    const action = actions[i++] ?? 'advance';
    events.push(`analyze ${weight} #${attempt} → ${action}`);
    return { action, reasons: [`scripted ${action}`] };
  };
};

const noSleep = async () => {};

describe('runCanary', () => {
  it('advances through every step, analysing each, then promotes', async () => {
    const { router, events } = recordingRouter();
    const result = await runCanary({
      steps: [5, 25, 50, 100],
      router,
      analyze: scripted(['advance', 'advance', 'advance', 'advance'], events),
      onPromote: async () => {
        events.push('promote');
      },
      onRollback: async () => {
        events.push('restore stable');
      },
      sleep: noSleep,
    });
    expect(result.outcome).toBe('promoted');
    expect(events).toEqual([
      'weight 5',
      'analyze 5 #1 → advance',
      'weight 25',
      'analyze 25 #1 → advance',
      'weight 50',
      'analyze 50 #1 → advance',
      'weight 100',
      'analyze 100 #1 → advance',
      'promote',
    ]);
  });

  it('hold keeps the weight and re-analyses after the hold interval; rollback sets weight 0 and restores', async () => {
    const { router, events } = recordingRouter();
    const sleeps: number[] = [];
    const result = await runCanary({
      steps: [10, 50, 100],
      router,
      analyze: scripted(['advance', 'hold', 'hold', 'rollback'], events),
      holdIntervalMs: 60_000,
      pauseMs: 5_000,
      onRollback: async () => {
        events.push('restore stable');
      },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    expect(result).toMatchObject({ outcome: 'rolled_back', reasons: ['scripted rollback'], rollbackErrors: [] });
    expect(events).toEqual([
      'weight 10',
      'analyze 10 #1 → advance',
      'weight 50',
      'analyze 50 #1 → hold',
      'analyze 50 #2 → hold',
      'analyze 50 #3 → rollback',
      'weight 0',
      'restore stable',
    ]);
    expect(sleeps).toEqual([5_000, 5_000, 60_000, 60_000]);
    expect(result.history.map((h) => [h.weight, h.attempt, h.action])).toEqual([
      [10, 1, 'advance'],
      [50, 1, 'hold'],
      [50, 2, 'hold'],
      [50, 3, 'rollback'],
    ]);
  });

  it('rolls back when still inconclusive after maxHolds re-analyses (never a silent pass)', async () => {
    const { router, events } = recordingRouter();
    const result = await runCanary({
      steps: [20, 100],
      router,
      analyze: scripted(['hold', 'hold', 'hold'], events),
      maxHolds: 2,
      sleep: noSleep,
    });
    expect(result.outcome).toBe('rolled_back');
    expect(result.reasons[0]).toBe('still inconclusive after 3 analyses at 20%');
    expect(events.at(-1)).toBe('weight 0');
  });

  it('promote skips the remaining steps', async () => {
    const { router, events } = recordingRouter();
    const result = await runCanary({
      steps: [5, 50, 100],
      router,
      analyze: scripted(['promote'], events),
      sleep: noSleep,
    });
    expect(result.outcome).toBe('promoted');
    expect(events).toEqual(['weight 5', 'analyze 5 #1 → promote']);
  });

  it('an analysis error, router error or failed promotion rolls back', async () => {
    const failing = recordingRouter();
    const analysisError = await runCanary({
      steps: [5, 100],
      router: failing.router,
      analyze: async () => {
        throw new Error('report unreadable');
      },
      sleep: noSleep,
    });
    expect(analysisError).toMatchObject({
      outcome: 'rolled_back',
      reasons: ['analysis at 5% failed: report unreadable'],
    });
    expect(analysisError.history[0]?.action).toBe('error');

    const routerError = await runCanary({
      steps: [5, 50],
      router: recordingRouter(50).router,
      analyze: async () => ({ action: 'advance', reasons: [] }),
      sleep: noSleep,
    });
    expect(routerError.reasons).toEqual(['setting weight 50 failed: router refused 50']);

    const promoteError = await runCanary({
      steps: [100],
      router: recordingRouter().router,
      analyze: async () => ({ action: 'advance', reasons: [] }),
      onPromote: async () => {
        throw new Error('stable rollout timed out');
      },
      sleep: noSleep,
    });
    expect(promoteError).toMatchObject({
      outcome: 'rolled_back',
      reasons: ['promotion failed: stable rollout timed out'],
    });
  });

  it('reports rollback errors instead of hiding them', async () => {
    const result = await runCanary({
      steps: [5],
      router: recordingRouter(0).router,
      analyze: async () => ({ action: 'rollback', reasons: ['worse'] }),
      onRollback: async () => {
        throw new Error('scale failed');
      },
      sleep: noSleep,
    });
    expect(result.rollbackErrors).toEqual([
      'set weight 0 failed: router refused 0',
      'restoring the stable release failed: scale failed',
    ]);
  });

  it('refuses steps that do not increase within 1..100', async () => {
    const { router } = recordingRouter();
    const analyze = async (): Promise<StepAnalysis> => ({ action: 'advance', reasons: [] });
    for (const steps of [[], [50, 25], [5, 101], [0, 10], [5, 5]]) {
      await expect(runCanary({ steps, router, analyze })).rejects.toBeInstanceOf(InvalidInputError);
    }
  });
});

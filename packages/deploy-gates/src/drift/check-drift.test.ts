import { describe, expect, it } from 'vitest';
import { type ArmSample, emptyArmSample } from '../decision/arm-sample.js';
import { DriftPolicySchema } from '../policy/gate-policy-schema.js';
import { checkDrift } from './check-drift.js';
import { binCounts, quantileEdges } from './length-bins.js';

const policy = DriftPolicySchema.parse({});
function sample(tools: Record<string, number>, lengths: number[]): ArmSample {
  return {
    ...emptyArmSample(),
    trials: lengths.length,
    toolCalls: new Map(Object.entries(tools)),
    responseLengths: lengths,
  };
}
const lengths = (n: number, from: number) => Array.from({ length: n }, (_, i) => from + (i % 50) * 4);

describe('checkDrift', () => {
  it('passes identical behaviour with PSI 0', () => {
    const a = sample({ search: 100, lookup: 50 }, lengths(200, 100));
    const checks = checkDrift({ baseline: a, candidate: a, policy, alpha: 0.025 });
    expect(checks.map((c) => [c.evidence.check, c.evidence.verdict, c.evidence.candidate])).toEqual([
      ['drift.toolCalls', 'pass', 0],
      ['drift.responseLength', 'pass', 0],
    ]);
  });

  it('flags a large, significant shift in tool calls and in response lengths', () => {
    const base = sample({ search: 150, lookup: 50 }, lengths(200, 100));
    const cand = sample({ search: 40, lookup: 10, '(none)': 150 }, lengths(200, 260));
    const [tools, length] = checkDrift({ baseline: base, candidate: cand, policy, alpha: 0.025 });
    expect(tools?.evidence).toMatchObject({ verdict: 'fail', effect: 'rollback' });
    expect(tools?.evidence.candidate).toBeGreaterThan(0.25);
    expect(tools?.reason).toMatch(/calls tools differently/);
    expect(length?.evidence.verdict).toBe('fail');
    expect(length?.reason).toMatch(/response lengths differ/);
  });

  it('does not flag a large PSI that small samples cannot confirm', () => {
    const base = sample({ search: 3, lookup: 1 }, [10, 20, 30, 40]);
    const cand = sample({ search: 1, lookup: 3 }, [12, 22, 32, 42]);
    const [tools] = checkDrift({ baseline: base, candidate: cand, policy, alpha: 0.025 });
    expect(tools?.evidence.candidate).toBeGreaterThan(0.25);
    expect(tools?.evidence.verdict).toBe('pass');
  });

  it('reports nothing when disabled', () => {
    const a = sample({ search: 1 }, [1]);
    expect(checkDrift({ baseline: a, candidate: a, policy: { ...policy, enabled: false }, alpha: 0.025 })).toEqual([]);
  });
});

describe('quantileEdges / binCounts', () => {
  it('merges duplicate edges and counts every value once', () => {
    const values = [1, 1, 1, 1, 2, 3, 4, 5, 6, 100];
    const edges = quantileEdges(values, 5);
    expect(edges).toEqual([1, 2, 4, 6]);
    expect(binCounts(values, edges)).toEqual([4, 1, 2, 2, 1]);
    expect(binCounts([0, 200], edges)).toEqual([1, 0, 0, 0, 1]);
  });
});

import { describe, expect, it } from 'vitest';
import { type GatePolicyInput, GatePolicySchema } from '../policy/gate-policy-schema.js';
import { makeReport, uniformSuite } from '../test-utils/make-report.js';
import { decide } from './decide.js';
import type { Decision, Evidence } from './decision.js';

const policy = (input: GatePolicyInput = {}) => GatePolicySchema.parse(input);
// 200 cases × 2 trials; case i fails on trial t when `fails(i, t)`.
const suite = (fails: (i: number, t: number) => boolean | 'error', n = 200, k = 2) =>
  makeReport([uniformSuite('support', n, k, fails)]);
const flaky = (i: number, t: number): boolean => i % 25 === 3 && t === i % 2;
const baseline = suite(flaky);
const row = (decision: Decision, check: string, suiteName?: string): Evidence => {
  const found = decision.evidence.find((e) => e.check === check && e.suite === suiteName);
  if (!found) throw new Error(`no evidence row ${check}`);
  return found;
};

describe('decide', () => {
  it('promotes an equivalent candidate (paired, non-inferior, all SLAs hold)', () => {
    const decision = decide({ baseline, candidate: suite((i, t) => i % 25 === 3 && t !== i % 2), policy: policy() });
    expect(decision.action).toBe('promote');
    expect(decision.comparison).toBe('paired');
    expect(decision.reasons[0]).toMatch(/^The candidate is non-inferior: pass rate 98\.0% vs 98\.0%/);
    const ni = row(decision, 'passRate.nonInferiority');
    expect(ni.verdict).toBe('pass');
    expect(ni.interval?.low).toBeGreaterThan(-0.05);
    expect(row(decision, 'passRate.regression').test).toMatch(/exact McNemar/);
  });

  it('advances to the next canary step instead of promoting when a step is given', () => {
    const decision = decide({ baseline, candidate: baseline, policy: policy(), step: 25 });
    expect(decision).toMatchObject({ action: 'advance', step: 25, nextStep: 50 });
    expect(decide({ baseline, candidate: baseline, policy: policy(), step: 100 }).action).toBe('promote');
    expect(() => decide({ baseline, candidate: baseline, step: 30 })).toThrow(/step 30 is not one of/);
  });

  it('rolls back a candidate significantly worse than the baseline beyond the margin', () => {
    const decision = decide({
      baseline,
      candidate: suite((i, t) => flaky(i, t) || i % 6 === 0),
      policy: policy({ minPassRate: 0.5 }),
    });
    expect(decision.action).toBe('rollback');
    const regression = row(decision, 'passRate.regression');
    expect(regression).toMatchObject({ verdict: 'fail', effect: 'rollback' });
    expect(regression.pValue).toBeLessThan(0.025);
    expect(regression.interval?.high).toBeLessThan(-0.05);
    expect(decision.reasons[0]).toMatch(/significantly lower than the baseline's/);
  });

  it('rolls back a candidate confidently below the absolute floor even when the baseline is as bad', () => {
    const bad = suite((i) => i % 3 === 0);
    const decision = decide({ baseline: bad, candidate: bad, policy: policy() });
    expect(decision.action).toBe('rollback');
    expect(row(decision, 'passRate.floor').verdict).toBe('fail');
    expect(row(decision, 'passRate.regression').verdict).toBe('pass');
  });

  it('holds when the evidence is inconclusive (small drop, interval straddles the margin)', () => {
    const small = (f: typeof flaky) => suite(f, 50, 1);
    const decision = decide({
      baseline: small(() => false),
      candidate: small((i) => i === 4 || i === 9),
      policy: policy({ minPassRate: 0.5 }),
    });
    expect(decision.action).toBe('hold');
    expect(row(decision, 'passRate.nonInferiority').verdict).toBe('inconclusive');
    expect(row(decision, 'passRate.regression').verdict).toBe('pass');
    expect(decision.reasons.join(' ')).toMatch(/Non-inferiority is not shown/);
    // The HOLD says how many trials the margin needs, and the estimate is right: at that size, with the same
    // proportions, the gate's own interval clears the margin.
    const ni = row(decision, 'passRate.nonInferiority');
    const needed = ni.trialsNeeded ?? 0;
    expect(needed).toBeGreaterThan(50);
    expect(decision.reasons.join(' ')).toContain(
      `Non-inferiority is not shown: 96.0% vs 100.0% over 50 paired trials (paired difference −4.0 pts`,
    );
    expect(decision.reasons.join(' ')).toContain(
      `If the observed rates hold, about ${needed} paired trials (now 50) would show non-inferiority at this margin.`,
    );
    const scaled = (n: number) =>
      decide({
        baseline: suite(() => false, n, 1),
        candidate: suite((i) => i < Math.round(n * 0.04), n, 1),
        policy: policy({ minPassRate: 0.5 }),
      });
    expect(row(scaled(Math.ceil(needed * 1.1)), 'passRate.nonInferiority').verdict).toBe('pass');
    expect(row(scaled(Math.floor(needed * 0.8)), 'passRate.nonInferiority').verdict).toBe('inconclusive');
  });

  it('a paired summary shows the paired trials and says the difference is paired', () => {
    // The candidate ran an extra trial per case: 3 vs 2 trials, so the overall rates differ from the paired ones.
    const base = suite(flaky, 200, 2);
    const cand = suite((i, t) => flaky(i, t) || (t === 2 && i % 5 === 0), 200, 3);
    const decision = decide({ baseline: base, candidate: cand, policy: policy({ minPassRate: 0.5 }) });
    expect(decision.comparison).toBe('paired');
    expect(decision.reasons[0]).toMatch(
      /^The candidate is non-inferior: pass rate 98\.0% vs 98\.0% over 400 paired trials \(paired difference \+0\.0 pts/,
    );
    expect(row(decision, 'passRate.nonInferiority')).toMatchObject({ baseline: 0.98, candidate: 0.98 });
  });

  it('holds below the minimum samples, even when the numbers look like a rollback', () => {
    const decision = decide({
      baseline: suite(() => false, 10, 1),
      candidate: suite(() => true, 10, 1),
      policy: policy(),
    });
    expect(decision.action).toBe('hold');
    expect(row(decision, 'passRate.samples').verdict).toBe('inconclusive');
    expect(decision.reasons[0]).toMatch(/^Too few samples: 10 baseline and 10 candidate trials/);
    expect(decision.reasons.at(-1)).toMatch(/holds rather than rolls back/);
  });

  it('holds when either run did not complete', () => {
    const partial = { ...baseline, status: 'budget_exceeded' as const };
    const decision = decide({ baseline, candidate: partial, policy: policy() });
    expect(decision.action).toBe('hold');
    expect(row(decision, 'run.complete').verdict).toBe('inconclusive');
    expect(decision.reasons[0]).toMatch(/^The candidate run did not complete \(budget_exceeded\)/);
  });

  it('holds, never promotes or rolls back, when one run skipped the judge (--no-judge) and the other did not', () => {
    const noJudge = { ...baseline, options: { skipJudge: true } };
    const decision = decide({ baseline, candidate: noJudge, policy: policy() });
    expect(decision.action).toBe('hold');
    expect(row(decision, 'run.judge')).toMatchObject({
      verdict: 'inconclusive',
      effect: 'hold',
      test: 'baseline judged, candidate judge skipped',
    });
    expect(decision.reasons[0]).toBe(
      'The candidate run skipped the judge (--no-judge) and the baseline did not: their judge-only cases were not evaluated alike, so they cannot be compared; rerun both with the same judge setting.',
    );
    expect(decide({ baseline: noJudge, candidate: baseline, policy: policy() }).action).toBe('hold');
    // Even a candidate that looks far worse is held, not rolled back: the two runs checked different things.
    const worse = { ...suite((i) => i % 3 === 0), options: { skipJudge: true } };
    expect(decide({ baseline, candidate: worse, policy: policy() }).action).toBe('hold');
    // Both graded alike (both skipped the judge): the gate compares them as usual.
    expect(decide({ baseline: noJudge, candidate: noJudge, policy: policy() }).action).toBe('promote');
  });

  it('leaves skipped trials out of the pass rates it compares', () => {
    const skippedTail = (report: ReturnType<typeof suite>) => ({
      ...report,
      options: { skipJudge: true },
      suites: report.suites.map((s) => ({
        ...s,
        cases: s.cases.map((c, i) =>
          i < 150
            ? c
            : {
                ...c,
                status: 'skipped' as const,
                passed: false,
                trials: c.trials.map((t) => ({ ...t, status: 'skipped' as const })),
              },
        ),
      })),
    });
    const decision = decide({ baseline: skippedTail(baseline), candidate: skippedTail(baseline), policy: policy() });
    expect(row(decision, 'passRate.samples')).toMatchObject({ baseline: 300, candidate: 300 });
  });

  it('compares unpaired (Fisher + Newcombe) when the case ids differ', () => {
    const other = makeReport([uniformSuite('support-v2', 200, 2, flaky)]);
    const decision = decide({ baseline, candidate: other, policy: policy() });
    expect(decision.comparison).toBe('unpaired');
    expect(row(decision, 'passRate.regression').test).toMatch(/^Fisher exact/);
    expect(row(decision, 'passRate.nonInferiority').test).toMatch(/Newcombe/);
  });

  it('pairs trial i with trial i and ignores extra trials in the paired test', () => {
    const three = suite(flaky, 200, 3);
    const decision = decide({ baseline, candidate: three, policy: policy() });
    const regression = row(decision, 'passRate.regression');
    expect(decision.comparison).toBe('paired');
    expect(regression.samples).toEqual({ baseline: 400, candidate: 400 });
    expect(row(decision, 'passRate.samples')).toMatchObject({ baseline: 400, candidate: 600 });
  });

  it('counts errored trials as failures and rolls back on a broken error-rate SLA', () => {
    const decision = decide({
      baseline,
      candidate: suite((i, t) => (i % 10 === 0 && t === 0 ? 'error' : flaky(i, t))),
      policy: policy({ minPassRate: 0.5, errorRateMax: 0.01 }),
    });
    const errorRate = row(decision, 'sla.errorRate');
    expect(errorRate).toMatchObject({ verdict: 'fail', candidate: 0.05 });
    expect(row(decision, 'passRate.floor').candidate).toBeCloseTo(0.93, 5);
    expect(decision.action).toBe('rollback');
  });

  it('rolls back on a broken latency SLA and a token increase, and reports each with a sentence', () => {
    const slow = makeReport([
      uniformSuite('support', 200, 2, flaky, (i) => ({ latencyMs: i >= 5 && i <= 7 ? 9000 : 700, tokens: 500 })),
    ]);
    const decision = decide({
      baseline,
      candidate: slow,
      policy: policy({ latency: { p99MaxMs: 5000, maxIncreaseRatio: 2 }, tokens: { maxIncreaseRatio: 1.2 } }),
    });
    expect(decision.action).toBe('rollback');
    expect(row(decision, 'sla.latencyP99').verdict).toBe('fail');
    expect(row(decision, 'sla.latencyIncrease').verdict).toBe('fail');
    expect(row(decision, 'sla.tokens')).toMatchObject({ verdict: 'fail', difference: 500 / 300 });
    expect(decision.reasons.some((r) => /p99 latency is 9000 ms, above the 5000 ms SLA/.test(r))).toBe(true);
    expect(decision.reasons.some((r) => /Tokens per trial rose 1\.67×/.test(r))).toBe(true);
  });

  it('holds when tool-call accuracy is below the minimum but not confidently', () => {
    const candidate = makeReport([uniformSuite('support', 200, 2, flaky, (i) => ({ toolViolation: i % 12 === 0 }))]);
    const decision = decide({ baseline, candidate, policy: policy({ toolCallAccuracyMin: 0.93 }) });
    expect(row(decision, 'sla.toolCallAccuracy')).toMatchObject({ verdict: 'inconclusive' });
    expect(decision.action).toBe('hold');
  });

  it('treats drift as a rollback trigger, configurable to hold or report only', () => {
    const drifted = makeReport([
      uniformSuite('support', 200, 2, flaky, (i) => ({ tools: i % 2 ? ['refund'] : [], response: 'x'.repeat(500) })),
    ]);
    const rollback = decide({ baseline, candidate: drifted, policy: policy() });
    expect(rollback.action).toBe('rollback');
    expect(row(rollback, 'drift.toolCalls').verdict).toBe('fail');
    expect(row(rollback, 'drift.responseLength').verdict).toBe('fail');
    expect(decide({ baseline, candidate: drifted, policy: policy({ drift: { action: 'hold' } }) }).action).toBe('hold');
    const report = decide({ baseline, candidate: drifted, policy: policy({ drift: { action: 'report' } }) });
    expect(report.action).toBe('promote');
    expect(row(report, 'drift.toolCalls')).toMatchObject({ verdict: 'fail', effect: 'none' });
  });

  it('applies per-suite overrides with their own evidence rows', () => {
    const two = (strictFails: (i: number) => boolean) =>
      makeReport([uniformSuite('support', 200, 2, flaky), uniformSuite('payments', 100, 1, strictFails)]);
    const decision = decide({
      baseline: two(() => false),
      candidate: two((i) => i < 4),
      policy: policy({ minPassRate: 0.5, suites: { payments: { minPassRate: 0.97 } } }),
    });
    expect(row(decision, 'passRate.floor', 'payments')).toMatchObject({ verdict: 'inconclusive', candidate: 0.96 });
    expect(row(decision, 'passRate.floor').verdict).toBe('pass');
    expect(decision.action).toBe('hold');
    expect(decision.reasons.join(' ')).toMatch(/in suite "payments"/);
  });

  it('tests each group-sequential look at a stricter nominal level than a single look', () => {
    const candidate = suite((i, t) => i % 25 === 3 && t !== i % 2);
    const single = row(decide({ baseline, candidate, policy: policy() }), 'passRate.nonInferiority');
    const first = row(
      decide({ baseline, candidate, policy: policy(), look: { index: 1, of: 4 } }),
      'passRate.nonInferiority',
    );
    expect(first.interval?.confidence).toBeGreaterThan(single.interval?.confidence as number);
    expect(first.interval?.low).toBeLessThan(single.interval?.low as number);
    expect(() => decide({ baseline, candidate, look: { index: 5, of: 4 } })).toThrow(/look 5 of 4/);
  });

  it('merges the live canary analysis: a bad canary rolls back', () => {
    const canaryMetrics = [
      { step: 5, canary: { successes: 180, failures: 20 }, stable: { successes: 3880, failures: 120 } },
      { step: 25, canary: { successes: 900, failures: 100 }, stable: { successes: 2910, failures: 90 } },
    ];
    const decision = decide({ baseline, candidate: baseline, policy: policy(), canaryMetrics, step: 25 });
    expect(decision.action).toBe('rollback');
    expect(row(decision, 'canary.regression').verdict).toBe('fail');
  });

  it('carries an evidence row for every check, each naming its test, threshold and verdict', () => {
    const decision = decide({
      baseline,
      candidate: baseline,
      policy: policy({
        latency: { p99MaxMs: 5000, maxIncreaseRatio: 1.5 },
        tokens: { maxIncreaseRatio: 1.2 },
        cost: { maxIncreaseRatio: 1.2 },
        toolCallAccuracyMin: 0.9,
      }),
    });
    expect(decision.evidence.map((e) => e.check)).toEqual([
      'run.complete',
      'run.judge',
      'passRate.samples',
      'passRate.regression',
      'passRate.nonInferiority',
      'passRate.floor',
      'sla.errorRate',
      'sla.toolCallAccuracy',
      'sla.latencyP99',
      'sla.latencyIncrease',
      'sla.tokens',
      'sla.cost',
      'drift.toolCalls',
      'drift.responseLength',
    ]);
    for (const e of decision.evidence) {
      expect(e.test).not.toBe('');
      expect(e.threshold).not.toBe('');
    }
    expect(row(decision, 'sla.cost').verdict).toBe('skipped');
  });
});

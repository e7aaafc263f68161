import { describe, expect, it } from 'vitest';
import { CanaryPolicySchema } from '../policy/gate-policy-schema.js';
import { binomial, mulberry32 } from '../test-utils/prng.js';
import { analyzeCanary } from './analyze-canary.js';
import type { CanaryLook } from './canary-metrics.js';
import { failureRatioMartingale } from './failure-ratio-martingale.js';

const policy = CanaryPolicySchema.parse({});
const look = (step: number, canary: [number, number], stable: [number, number]): CanaryLook => ({
  step,
  canary: { successes: canary[0], failures: canary[1] },
  stable: { successes: stable[0], failures: stable[1] },
});

describe('analyzeCanary', () => {
  it('rolls back a clearly bad canary at the first step', () => {
    const result = analyzeCanary({ metrics: [look(5, [170, 30], [3800, 200])], policy });
    expect(result.action).toBe('rollback');
    expect(result.evidence[0]).toMatchObject({ check: 'canary.regression', verdict: 'fail' });
    expect(result.reasons[0]).toMatch(/fails more often than the stable release \(15\.0% vs 5\.0%/);
  });

  it('advances a healthy canary with enough requests, and holds one without', () => {
    expect(analyzeCanary({ metrics: [look(5, [190, 10], [3800, 200])], policy })).toMatchObject({
      action: 'advance',
      nextStep: 25,
    });
    const thin = analyzeCanary({ metrics: [look(5, [48, 2], [950, 50])], policy });
    expect(thin.action).toBe('hold');
    expect(thin.reasons[0]).toMatch(/Only 50 canary requests at step 5%/);
  });

  it('needs positive evidence of safety before full traffic', () => {
    const early = [look(5, [190, 10], [3800, 200]), look(25, [950, 50], [2850, 150])];
    const thin = analyzeCanary({ metrics: [...early, look(50, [95, 5], [95, 5])], policy });
    expect(thin.action).toBe('hold');
    expect(thin.evidence.find((e) => e.check === 'canary.nonInferiority')?.verdict).toBe('inconclusive');
    const ample = analyzeCanary({ metrics: [...early, look(50, [4750, 250], [4750, 250])], policy });
    expect(ample).toMatchObject({ action: 'advance', nextStep: 100 });
    const twoSteps = CanaryPolicySchema.parse({ steps: [25, 50] });
    expect(analyzeCanary({ metrics: [...early, look(50, [4750, 250], [4750, 250])], policy: twoSteps }).action).toBe(
      'promote',
    );
  });

  it('the martingale stays at 1 without failures and grows with canary-only failures', () => {
    expect(failureRatioMartingale([look(5, [100, 0], [100, 0])], 1, [2])).toBe(1);
    expect(failureRatioMartingale([look(50, [90, 10], [100, 0])], 1, [2])).toBeCloseTo((4 / 3) ** 10, 6);
  });

  it('keeps the false-alarm rate over 5 looks at or below alpha (seeded simulation)', () => {
    // Canary and stable share a 5% failure rate; traffic grows 5 → 10 → 25 → 50 → 50 %, 2,000 requests a look.
    const random = mulberry32(20261126);
    const runs = 2000;
    const alpha = 0.025;
    let alarms = 0;
    let naiveAlarms = 0;
    for (let run = 0; run < runs; run++) {
      const metrics: CanaryLook[] = [];
      let alarmed = false;
      let naive = false;
      for (const step of [5, 10, 25, 50, 50]) {
        const nc = (2000 * step) / 100;
        const ns = 2000 - nc;
        const fc = binomial(random, nc, 0.05);
        const fs = binomial(random, ns, 0.05);
        metrics.push(look(step, [nc - fc, fc], [ns - fs, fs]));
        if (failureRatioMartingale(metrics, 1, [1.25, 1.5, 2, 3, 5, 10]) >= 1 / alpha) alarmed = true;
        // The naive alternative: a fixed one-sided z-test on the running totals at every look.
        let cf = 0;
        let cn = 0;
        let sf = 0;
        let sn = 0;
        for (const m of metrics) {
          cf += m.canary.failures;
          cn += m.canary.failures + m.canary.successes;
          sf += m.stable.failures;
          sn += m.stable.failures + m.stable.successes;
        }
        const pooled = (cf + sf) / (cn + sn);
        const z = (cf / cn - sf / sn) / Math.sqrt(pooled * (1 - pooled) * (1 / cn + 1 / sn));
        if (z > 1.96) naive = true;
      }
      if (alarmed) alarms += 1;
      if (naive) naiveAlarms += 1;
    }
    const rate = alarms / runs;
    const monteCarloError = 3 * Math.sqrt((alpha * (1 - alpha)) / runs);
    expect(rate).toBeLessThanOrEqual(alpha + monteCarloError);
    // Repeated naive looks inflate the false-alarm rate well above the nominal 2.5%: the reason for the method.
    expect(naiveAlarms / runs).toBeGreaterThan(alpha + monteCarloError);
  });

  it('detects a canary that fails twice as often within the five looks most of the time', () => {
    const random = mulberry32(7);
    let detected = 0;
    for (let run = 0; run < 300; run++) {
      const metrics: CanaryLook[] = [];
      for (const step of [5, 10, 25, 50, 50]) {
        const nc = (2000 * step) / 100;
        const fc = binomial(random, nc, 0.1);
        const fs = binomial(random, 2000 - nc, 0.05);
        metrics.push(look(step, [nc - fc, fc], [2000 - nc - fs, fs]));
      }
      if (analyzeCanary({ metrics, policy }).action === 'rollback') detected += 1;
    }
    expect(detected / 300).toBeGreaterThan(0.9);
  });
});

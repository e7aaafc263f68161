import { describe, expect, it } from 'vitest';
import { GatePolicySchema } from '../policy/gate-policy-schema.js';
import { mulberry32 } from '../test-utils/prng.js';
import { emptyArmSample } from './arm-sample.js';
import { decideSamples, type GateSample } from './decide.js';

// The plan bench/gates.bench.ts measures and docs/gating-a-canary.md recommends: up to two rounds of the suite's
// trials, each round in 4 batches of cases, the gate asked after each batch (look i of 8). The second round's trials
// pair with the baseline's second-round trials (trial i with trial i). These seeded simulations check that the plan
// keeps the one-sided error at the margin near alpha = 0.025 — and that the same plan with every look at the full
// alpha (what "just ask the gate after each batch" would do) does not.
const policy = GatePolicySchema.parse({ minPassRate: 0, drift: { enabled: false } });
const CASES = 40;
const TRIALS = 2;
const LOOKS = 8;

type Action = 'promote' | 'hold' | 'rollback';

/** One baseline/candidate pair with a true drop of `drop` (per-case pass rates vary), run on the plan. */
function runPlan(random: () => number, drop: number, lookAlpha: 'spent' | 'full'): Action {
  const p = Array.from({ length: CASES }, () => 0.6 + 0.4 * random());
  const q = p.map((value) => value - drop);
  const baseline: GateSample = { overall: emptyArmSample(), suites: new Map() };
  const candidate: GateSample = { overall: emptyArmSample(), suites: new Map() };
  const addTrials = (side: GateSample, rates: number[], from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const outcomes = side.overall.outcomes.get(`case-${i}`) ?? [];
      for (let t = 0; t < TRIALS; t++) {
        const passed = random() < (rates[i] as number);
        outcomes.push(passed);
        side.overall.trials += 1;
        if (passed) side.overall.passes += 1;
      }
      side.overall.outcomes.set(`case-${i}`, outcomes);
    }
  };
  const perRound = LOOKS / 2;
  for (let index = 1; index <= LOOKS; index++) {
    const batch = (index - 1) % perRound;
    const from = (CASES * batch) / perRound;
    const to = (CASES * (batch + 1)) / perRound;
    addTrials(baseline, p, from, to);
    addTrials(candidate, q, from, to);
    const decision = decideSamples({
      baseline,
      candidate,
      policy,
      ...(lookAlpha === 'spent' ? { look: { index, of: LOOKS } } : {}),
    });
    if (decision.action !== 'hold') return decision.action === 'advance' ? 'promote' : (decision.action as Action);
  }
  return 'hold';
}

function rate(drop: number, action: Action, lookAlpha: 'spent' | 'full', runs: number, seed: number): number {
  const random = mulberry32(seed);
  let count = 0;
  for (let run = 0; run < runs; run++) if (runPlan(random, drop, lookAlpha) === action) count += 1;
  return count / runs;
}

describe('the two-round sequential plan (8 looks over up to 2 rounds of trials)', () => {
  const runs = 1000;
  // Three standard errors above alpha at this many runs.
  const limit = 0.025 + 3 * Math.sqrt((0.025 * 0.975) / runs);

  it('rolls back a candidate exactly at the margin (5 points worse) at most about alpha of the time', () => {
    expect(rate(0.05, 'rollback', 'spent', runs, 11)).toBeLessThan(limit);
  });

  it('promotes a candidate exactly at the margin at most about alpha of the time', () => {
    expect(rate(0.05, 'promote', 'spent', runs, 12)).toBeLessThan(limit);
  });

  it('without alpha spending the same eight looks promote at the margin far more often (the check can fail)', () => {
    expect(rate(0.05, 'promote', 'full', runs, 12)).toBeGreaterThan(limit);
  });

  it('still decides: rolls back a 15-point drop about half of the time with these 40 cases (not a gate that only holds)', () => {
    expect(rate(0.15, 'rollback', 'spent', 200, 13)).toBeGreaterThan(0.4);
  });
});

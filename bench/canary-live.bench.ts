// Requests the live canary analysis needs per decision, against a fixed-horizon test at the same error rates.
// Prints one JSON object. `node scripts/bench.mjs canary-live`.
//
// Model: the rollout of test/live-canary.prometheus.test.ts without the processes — steps 20 → 50 → 100 %,
// a look every `BATCH` requests split by the current weight, each request failing with its track's rate.
// At each look `analyzeCanary` (the anytime-valid martingales) decides advance / hold / rollback / promote.
// The fixed-horizon reference is the sample size of a one-sided z-test at α = 0.025 and power 0.8 for the same
// question: "canary worse than stable" (two-proportion test, canary:stable = 20:80 as in the first step) for the
// bad canary, and "canary failure rate < ratio × stable" (Wald test on the log rate ratio, 50:50) for the equal one.
import { createPrng } from '@agent-cicd/core/testing';
import { analyzeCanary, type CanaryLook, GatePolicySchema } from '@agent-cicd/deploy-gates';

const RUNS = Number(process.env.CANARY_BENCH_RUNS ?? 400);
const BATCH = Number(process.env.CANARY_BENCH_BATCH ?? 500);
const Z_ALPHA = 1.959964; // one-sided α = 0.025
const Z_BETA = 0.841621; // power 0.8

function binomial(random: () => number, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k += 1;
  return k;
}

function simulate(canaryRate: number, stableRate: number, maxFailureRatio: number, seed: number) {
  const policy = GatePolicySchema.parse({
    canary: { steps: [20, 50, 100], minRequestsPerStep: 100, maxFailureRatio },
  }).canary;
  const random = createPrng(seed);
  const requests: number[] = [];
  const outcomes: Record<string, number> = { promoted: 0, rolled_back: 0, undecided: 0 };
  for (let run = 0; run < RUNS; run++) {
    const looks: CanaryLook[] = [];
    let index = 0;
    let used = 0;
    let outcome = 'undecided';
    for (let look = 0; look < 200 && outcome === 'undecided'; look++) {
      const step = policy.steps[index] as number;
      const nc = Math.round((BATCH * step) / 100);
      const ns = BATCH - nc;
      const fc = binomial(random, nc, canaryRate);
      const fs = binomial(random, ns, stableRate);
      looks.push({ step, canary: { successes: nc - fc, failures: fc }, stable: { successes: ns - fs, failures: fs } });
      used += BATCH;
      const { action } = analyzeCanary({ metrics: looks, policy, step });
      if (action === 'rollback') outcome = 'rolled_back';
      else if (action === 'promote') outcome = 'promoted';
      else if (action === 'advance') {
        index += 1;
        if (index === policy.steps.length) outcome = 'promoted';
      }
    }
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    requests.push(used);
  }
  requests.sort((a, b) => a - b);
  const at = (q: number) => requests[Math.min(requests.length - 1, Math.floor(q * requests.length))] as number;
  return {
    runs: RUNS,
    outcomes,
    requests: { median: at(0.5), p90: at(0.9), mean: Math.round(requests.reduce((s, n) => s + n, 0) / RUNS) },
  };
}

/** Total requests of a one-sided two-proportion z-test with allocation `share` to the canary. */
function fixedSuperiority(pc: number, ps: number, share: number): number {
  const delta = pc - ps;
  const variance = (pc * (1 - pc)) / share + (ps * (1 - ps)) / (1 - share);
  return Math.ceil(((Z_ALPHA + Z_BETA) ** 2 * variance) / delta ** 2);
}

/** Total requests of a Wald test on log(pc/ps) < log(ratio), 50:50, when pc = ps = p. */
function fixedNonInferiority(p: number, ratio: number): number {
  const perArm = ((Z_ALPHA + Z_BETA) ** 2 * 2 * ((1 - p) / p)) / Math.log(ratio) ** 2;
  return 2 * Math.ceil(perArm);
}

const result = {
  batch: BATCH,
  badCanary_8pct_vs_1pct: {
    sequential: simulate(0.08, 0.01, 3, 1),
    fixedHorizonRequests: fixedSuperiority(0.08, 0.01, 0.2),
  },
  equalCanary_5pct_ratio3: {
    sequential: simulate(0.05, 0.05, 3, 2),
    fixedHorizonRequests: fixedNonInferiority(0.05, 3),
  },
  equalCanary_1pct_ratio3: {
    sequential: simulate(0.01, 0.01, 3, 3),
    fixedHorizonRequests: fixedNonInferiority(0.01, 3),
  },
  equalCanary_5pct_defaultRatio1_5: {
    sequential: simulate(0.05, 0.05, 1.5, 4),
    fixedHorizonRequests: fixedNonInferiority(0.05, 1.5),
  },
};
console.log(JSON.stringify(result));

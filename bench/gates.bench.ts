// Simulated deploy-gate decisions: error rates and the samples the paired group-sequential gate uses, against a
// fixed-size unpaired test at the same error level and the same power. Prints one JSON object. `npm run bench:gates`
// (GATES_BENCH_PAIRS=<n> for another number of simulated pairs per regime).
//
// Model: each pair draws N cases (50–400) and k trials (1–5). Case i has a baseline pass probability p_i from
// Beta(1.8, 0.2) (mean 0.9; most cases nearly always pass, a tail of hard or flaky cases: the per-case difficulty
// heterogeneity that makes pairing pay). The candidate's is p_i · (0.9 − drop) / 0.9, so the mean drop is `drop`.
// Trials are independent Bernoulli draws given p_i. Samples = trials run, both sides.
//
// Designs, all on the same simulated cases (common random numbers):
// - pairedSequential: the gate as shipped (`decideSamples` with `look`), asked after each 1/LOOKS of the cases,
//   stopping at the first promote or rollback.
// - pairedFixed: the same gate once on all cases.
// - unpairedFixed: the same gate with `pairing: 'never'` (Fisher exact + Newcombe hybrid score interval, the test it
//   runs when case ids differ), at the same one-sided level, on 0.5×–4× the cases (the first m·N cases of a longer
//   draw). The comparator: the mean samples at which it is right as often as the sequential gate (see
//   `samplesForRate`). It is the strongest honest fixed unpaired design we know: same cases on both sides (a truly
//   unpaired design, different cases per side, has more variance, not less), same α, same decision rule, sized by
//   simulation to the same power rather than by a formula.
//
// Monte-Carlo error: binomial standard errors and Wilson 95% intervals for rates; a bootstrap over simulated pairs
// for the sample ratios.
import { createPrng } from '@agent-cicd/core/testing';
import {
  type ArmSample,
  type Decision,
  decideSamples,
  emptyArmSample,
  type GatePolicy,
  GatePolicySchema,
  type GateSample,
} from '@agent-cicd/deploy-gates';
import { groupSequentialBoundaries, type Spending } from '@agent-cicd/deploy-gates/statistics';
import { bootstrapRatio, type PairOutcomes, rateSummary, sampleRatio } from './gate-efficiency.js';

const PAIRS = Number(process.env.GATES_BENCH_PAIRS ?? 4000);
const RESAMPLES = 400;
const LOOKS = Number(process.env.GATES_BENCH_LOOKS ?? 8);
const SPENDING: Spending | undefined =
  process.env.GATES_BENCH_SPENDING === undefined
    ? undefined
    : process.env.GATES_BENCH_SPENDING === 'obf'
      ? 'obrien-fleming'
      : Number(process.env.GATES_BENCH_SPENDING);
const DROPS = [0, 0.02, 0.05, 0.075, 0.1];
/** The regimes where the right answer is clear: promote a candidate without a drop, roll back a 10-point drop. */
const EFFICIENCY = { promote: 0, rollback: 0.1 } as const;
const MULTIPLIERS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];
const BETA = { a: 1.8, b: 0.2 };

// The comparative gate alone: the absolute floor, SLAs and drift are switched off (the reports carry no latency,
// tool calls or responses), everything else is the default policy.
const policy: GatePolicy = GatePolicySchema.parse({ minPassRate: 0, drift: { enabled: false } });
const margin = policy.nonInferiorityMargin;
const alpha = (1 - policy.confidence) / 2;

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Marsaglia & Tsang (2000), with the u^(1/a) boost for a < 1. */
function gamma(random: () => number, a: number): number {
  if (a < 1) return gamma(random, a + 1) * (1 - random()) ** (1 / a);
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(random);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function beta(random: () => number, a: number, b: number): number {
  const x = gamma(random, a);
  return x / (x + gamma(random, b));
}

/** Trial outcomes of `cases` cases × `trials` trials, case-major. */
interface Scenario {
  cases: number;
  trials: number;
  baseline: Uint8Array;
  candidate: Uint8Array;
}

function scenario(random: () => number, drop: number, cases: number, trials: number): Scenario {
  const baseline = new Uint8Array(cases * trials);
  const candidate = new Uint8Array(cases * trials);
  for (let i = 0; i < cases; i++) {
    const p = beta(random, BETA.a, BETA.b);
    const q = (p * (0.9 - drop)) / 0.9;
    for (let t = 0; t < trials; t++) baseline[i * trials + t] = random() < p ? 1 : 0;
    for (let t = 0; t < trials; t++) candidate[i * trials + t] = random() < q ? 1 : 0;
  }
  return { cases, trials, baseline, candidate };
}

/** Both sides' samples, grown case by case (the gate reads them as they are at each look). */
class Arms {
  readonly baseline: GateSample = { overall: emptyArmSample(), suites: new Map() };
  readonly candidate: GateSample = { overall: emptyArmSample(), suites: new Map() };
  cases = 0;
  constructor(private readonly s: Scenario) {}
  growTo(cases: number): void {
    for (; this.cases < cases; this.cases++) {
      add(this.baseline.overall, this.s.baseline, this.cases, this.s.trials);
      add(this.candidate.overall, this.s.candidate, this.cases, this.s.trials);
    }
  }
}

function add(arm: ArmSample, grid: Uint8Array, index: number, trials: number): void {
  const outcomes: boolean[] = [];
  for (let t = 0; t < trials; t++) {
    const passed = grid[index * trials + t] === 1;
    outcomes.push(passed);
    if (passed) arm.passes += 1;
  }
  arm.trials += trials;
  arm.outcomes.set(`case-${index}`, outcomes);
}

type Action = 'promote' | 'hold' | 'rollback';
interface Outcome {
  action: Action;
  samples: number;
}
const actionOf = (decision: Decision): Action => (decision.action === 'advance' ? 'promote' : decision.action);

/** The gate as shipped, asked after each 1/LOOKS of the cases; stops at the first promote or rollback. */
function pairedSequential(s: Scenario): Outcome {
  const arms = new Arms(s);
  for (let index = 1; index <= LOOKS; index++) {
    arms.growTo(Math.round((s.cases * index) / LOOKS));
    const decision = decideSamples({
      baseline: arms.baseline,
      candidate: arms.candidate,
      policy,
      look: { index, of: LOOKS, ...(SPENDING === undefined ? {} : { spending: SPENDING }) },
    });
    if (decision.action !== 'hold') return { action: actionOf(decision), samples: 2 * arms.cases * s.trials };
  }
  return { action: 'hold', samples: 2 * s.cases * s.trials };
}

function fixed(arms: Arms, cases: number, trials: number, pairing: 'auto' | 'never'): Outcome {
  arms.growTo(cases);
  const decision = decideSamples({ baseline: arms.baseline, candidate: arms.candidate, policy, pairing });
  return { action: actionOf(decision), samples: 2 * cases * trials };
}

interface Tally {
  promote: number;
  hold: number;
  rollback: number;
  samples: number;
  n: number;
}
const tally = (): Tally => ({ promote: 0, hold: 0, rollback: 0, samples: 0, n: 0 });
function count(t: Tally, outcome: Outcome): void {
  t[outcome.action] += 1;
  t.samples += outcome.samples;
  t.n += 1;
}
const round = (x: number, digits = 4): number => Number(x.toFixed(digits));
const summary = (t: Tally) => ({
  promoteRate: round(t.promote / t.n),
  holdRate: round(t.hold / t.n),
  rollbackRate: round(t.rollback / t.n),
  meanSamples: Math.round(t.samples / t.n),
});
const pairOutcomes = (): PairOutcomes => ({ correct: new Uint8Array(PAIRS), samples: new Float64Array(PAIRS) });

const started = performance.now();
const key = (drop: number) => `drop${round(drop * 100, 1)}`;
const regimes: Record<string, { sequential: Tally; pairedFixed: Tally; unpairedFixed: Tally }> = {};
const perPair: Record<string, { sequential: PairOutcomes; unpaired: PairOutcomes[] }> = {};

for (const drop of DROPS) {
  const random = createPrng(1000 + Math.round(drop * 1000));
  const tallies = { sequential: tally(), pairedFixed: tally(), unpairedFixed: tally() };
  const efficiency = drop === EFFICIENCY.promote || drop === EFFICIENCY.rollback;
  const correct: Action = drop === EFFICIENCY.promote ? 'promote' : 'rollback';
  const outcomes = { sequential: pairOutcomes(), unpaired: MULTIPLIERS.map(pairOutcomes) };
  for (let pair = 0; pair < PAIRS; pair++) {
    const cases = 50 + Math.floor(random() * 351);
    const trials = 1 + Math.floor(random() * 5);
    const longest = efficiency ? Math.round(cases * (MULTIPLIERS.at(-1) as number)) : cases;
    const s = scenario(random, drop, longest, trials);
    const head: Scenario = { ...s, cases };
    const seq = pairedSequential(head);
    count(tallies.sequential, seq);
    count(tallies.pairedFixed, fixed(new Arms(head), cases, trials, 'auto'));
    const unpairedArms = new Arms(s);
    count(tallies.unpairedFixed, fixed(new Arms(head), cases, trials, 'never'));
    if (efficiency) {
      outcomes.sequential.correct[pair] = seq.action === correct ? 1 : 0;
      outcomes.sequential.samples[pair] = seq.samples;
      MULTIPLIERS.forEach((m, i) => {
        const result = fixed(unpairedArms, Math.round(cases * m), trials, 'never');
        const design = outcomes.unpaired[i] as PairOutcomes;
        design.correct[pair] = result.action === correct ? 1 : 0;
        design.samples[pair] = result.samples;
      });
    }
  }
  regimes[key(drop)] = tallies;
  if (efficiency) perPair[key(drop)] = outcomes;
}

function efficiencyOf(drop: number) {
  const { sequential, unpaired } = perPair[key(drop)] as { sequential: PairOutcomes; unpaired: PairOutcomes[] };
  const all = Uint32Array.from({ length: PAIRS }, (_, i) => i);
  const point = sampleRatio(sequential, unpaired, all);
  const error = bootstrapRatio(sequential, unpaired, RESAMPLES, createPrng(7 + Math.round(drop * 1000)));
  return {
    trueDrop: drop,
    sequentialCorrectRate: round(point.rate),
    sequentialMeanSamples: Math.round(point.samples),
    unpairedFixedSamplesAtSameRate: point.fixedSamples === null ? null : Math.round(point.fixedSamples),
    ratio: point.ratio === null ? null : round(point.ratio),
    ratioStandardError: round(error.standardError),
    ratioCi95: error.ci95.map((x) => (Number.isFinite(x) ? round(x) : null)),
    unpairedCurve: point.curve.map((p, i) => ({
      multiplier: MULTIPLIERS[i] as number,
      correctRate: round(p.rate),
      meanSamples: Math.round(p.samples),
    })),
  };
}

const rates = (drop: number, action: Action) => {
  const t = (regimes[key(drop)] as { sequential: Tally }).sequential;
  const r = rateSummary(t[action], t.n);
  return {
    trueDrop: drop,
    rate: round(r.rate),
    standardError: round(r.standardError),
    ci95: r.ci95.map((x) => round(x)),
  };
};
// A rollback is false when the candidate is not worse than the margin (drop ≤ margin; worst case at the margin);
// a promotion is false when it is worse by at least the margin (drop ≥ margin; worst case at the margin).
const falseRollback = DROPS.filter((d) => d <= margin + 1e-9).map((d) => rates(d, 'rollback'));
const falsePromotion = DROPS.filter((d) => d >= margin - 1e-9).map((d) => rates(d, 'promote'));
const efficiency = { promote: efficiencyOf(EFFICIENCY.promote), rollback: efficiencyOf(EFFICIENCY.rollback) };

const goal = (figure: string, value: number | null, target: string) => {
  const [op, bound] = target.split(' ') as [string, string];
  const met = value !== null && (op === '<=' ? value <= Number(bound) : value >= Number(bound));
  return { figure, value, goal: target, met };
};
const errorGoal = (kind: string, r: { trueDrop: number; ci95: number[] }) =>
  goal(
    `false ${kind} rate at a true drop of ${r.trueDrop * 100} pts, upper end of its 95% CI`,
    r.ci95[1] ?? null,
    '<= 0.05',
  );
const ratioGoal = (regime: 'promote' | 'rollback', e: ReturnType<typeof efficiencyOf>) =>
  goal(
    `samples, paired sequential ÷ fixed unpaired at equal power, ${regime} regime (true drop ${e.trueDrop * 100} pts), upper end of its 95% CI (point ${e.ratio})`,
    e.ratioCi95[1] ?? null,
    '<= 0.5',
  );

const bounds = groupSequentialBoundaries(alpha, LOOKS, SPENDING ?? 2);
console.log(
  JSON.stringify({
    pairsPerRegime: PAIRS,
    bootstrapResamples: RESAMPLES,
    model: {
      baselinePassRate: 0.9,
      caseDifficulty: `Beta(${BETA.a}, ${BETA.b})`,
      cases: '50–400',
      trials: '1–5',
      drops: DROPS,
      samplesCount: 'trials run, both sides',
    },
    design: {
      margin,
      confidence: policy.confidence,
      oneSidedAlphaPerDecision: alpha,
      looks: LOOKS,
      alphaSpending: SPENDING === 'obrien-fleming' ? "Lan–DeMets O'Brien–Fleming" : `alpha·t^${SPENDING ?? 2}`,
      boundariesZ: bounds.map((z) => round(z, 3)),
    },
    comparator:
      "unpaired fixed: the same gate with pairing 'never' (Fisher exact + Newcombe hybrid score interval) at the same one-sided alpha and decision rule, on the same cases, run on 0.5x-4x the cases; its samples at the sequential gate's correct-decision rate (probit-vs-sqrt(samples) interpolation)",
    regimes: Object.fromEntries(
      Object.entries(regimes).map(([name, t]) => [
        name,
        {
          pairedSequential: summary(t.sequential),
          pairedFixed: summary(t.pairedFixed),
          unpairedFixed: summary(t.unpairedFixed),
        },
      ]),
    ),
    errorRates: { falseRollback, falsePromotion },
    efficiency,
    goals: [
      ratioGoal('promote', efficiency.promote),
      ratioGoal('rollback', efficiency.rollback),
      ...falseRollback.filter((r) => r.trueDrop === 0 || r.trueDrop === margin).map((r) => errorGoal('rollback', r)),
      ...falsePromotion
        .filter((r) => r.trueDrop === margin || r.trueDrop === 0.1)
        .map((r) => errorGoal('promotion', r)),
    ],
    seconds: Math.round((performance.now() - started) / 100) / 10,
  }),
);

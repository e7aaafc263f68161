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
// - pairedSequential: the gate as shipped (`decideSamples` with `look`) on the recommended plan: up to ROUNDS (2)
//   rounds of the suite's k trials, each round in LOOKS/ROUNDS batches of cases, the gate asked after each batch
//   (look i of LOOKS = 8), stopping at the first promote or rollback. Like every group-sequential design it plans a
//   larger maximum than a fixed test and stops early on average.
// - pairedSequentialOneRound: the same gate with its maximum at the suite (8 looks over one round), for comparison.
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
import { type Decision, type GateAction, type GatePolicy, GatePolicySchema } from '@agent-cicd/deploy-gates';
import {
  type ArmSample,
  decideSamples,
  emptyArmSample,
  type GateSample,
  groupSequentialBoundaries,
  type Spending,
} from '@agent-cicd/deploy-gates/statistics';
import { bootstrapRatio, type PairOutcomes, rateSummary, sampleRatio } from './gate-efficiency.js';

const PAIRS = Number(process.env.GATES_BENCH_PAIRS ?? 4000);
const RESAMPLES = 400;
const LOOKS = Number(process.env.GATES_BENCH_LOOKS ?? 8);
/** Rounds of trials the sequential plan may run: the suite's k trials, then up to ROUNDS − 1 more rounds of k. */
const ROUNDS = Number(process.env.GATES_BENCH_ROUNDS ?? 2);
if (!Number.isInteger(LOOKS / ROUNDS))
  throw new Error(`GATES_BENCH_LOOKS (${LOOKS}) must be a multiple of GATES_BENCH_ROUNDS (${ROUNDS})`);
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

/**
 * Trial outcomes, case-major: `cases` cases × `trials` trials (`baseline`, `candidate`), and for the first `head`
 * cases `ROUNDS − 1` further rounds of `trials` trials each (`moreBaseline`, `moreCandidate`).
 */
interface Scenario {
  cases: number;
  trials: number;
  head: number;
  baseline: Uint8Array;
  candidate: Uint8Array;
  moreBaseline: Uint8Array;
  moreCandidate: Uint8Array;
}

function scenario(random: () => number, drop: number, cases: number, head: number, trials: number): Scenario {
  const baseline = new Uint8Array(cases * trials);
  const candidate = new Uint8Array(cases * trials);
  const more = trials * (ROUNDS - 1);
  const moreBaseline = new Uint8Array(head * more);
  const moreCandidate = new Uint8Array(head * more);
  for (let i = 0; i < cases; i++) {
    const p = beta(random, BETA.a, BETA.b);
    const q = (p * (0.9 - drop)) / 0.9;
    for (let t = 0; t < trials; t++) baseline[i * trials + t] = random() < p ? 1 : 0;
    for (let t = 0; t < trials; t++) candidate[i * trials + t] = random() < q ? 1 : 0;
    if (i < head) {
      for (let t = 0; t < more; t++) moreBaseline[i * more + t] = random() < p ? 1 : 0;
      for (let t = 0; t < more; t++) moreCandidate[i * more + t] = random() < q ? 1 : 0;
    }
  }
  return { cases, trials, head, baseline, candidate, moreBaseline, moreCandidate };
}

/** Both sides' samples, grown case by case and round by round (the gate reads them as they are at each look). */
class Arms {
  readonly baseline: GateSample = { overall: emptyArmSample(), suites: new Map() };
  readonly candidate: GateSample = { overall: emptyArmSample(), suites: new Map() };
  cases = 0;
  /** Cases that have run round r + 2 (index r). */
  private readonly extended: number[] = [];
  constructor(private readonly s: Scenario) {}
  /** The first `cases` cases, `trials` trials each. */
  growTo(cases: number): void {
    const { trials } = this.s;
    for (; this.cases < cases; this.cases++) {
      add(this.baseline.overall, `case-${this.cases}`, this.s.baseline, this.cases * trials, trials);
      add(this.candidate.overall, `case-${this.cases}`, this.s.candidate, this.cases * trials, trials);
    }
  }
  /** Round `round` (2…ROUNDS) of the first `cases` cases: `trials` more trials each, paired with the same trials. */
  extendTo(round: number, cases: number): void {
    const { trials } = this.s;
    const more = trials * (ROUNDS - 1);
    for (let i = this.extended[round - 2] ?? 0; i < cases; i++) {
      const offset = i * more + (round - 2) * trials;
      add(this.baseline.overall, `case-${i}`, this.s.moreBaseline, offset, trials);
      add(this.candidate.overall, `case-${i}`, this.s.moreCandidate, offset, trials);
    }
    this.extended[round - 2] = Math.max(this.extended[round - 2] ?? 0, cases);
  }
  get trials(): number {
    return this.baseline.overall.trials + this.candidate.overall.trials;
  }
}

function add(arm: ArmSample, key: string, grid: Uint8Array, offset: number, trials: number): void {
  const outcomes = arm.outcomes.get(key) ?? [];
  for (let t = 0; t < trials; t++) {
    const passed = grid[offset + t] === 1;
    outcomes.push(passed);
    if (passed) arm.passes += 1;
  }
  arm.trials += trials;
  arm.outcomes.set(key, outcomes);
}

type Action = 'promote' | 'hold' | 'rollback';
interface Outcome {
  action: Action;
  samples: number;
}
const actionOf = (decision: Decision): Action => (decision.action === 'advance' ? 'promote' : decision.action);

/**
 * The gate as shipped, on a plan of `rounds` rounds of the suite's trials in `looks` equal batches: looks
 * 1…looks/rounds run the suite's cases (k trials each) batch by batch, the next looks/rounds run a second round of
 * k trials on the same cases batch by batch, and so on. The gate is asked after each batch (`look: { index, of }`)
 * and the run stops at the first promote or rollback.
 */
function pairedSequential(s: Scenario, rounds: number, looks: number): Outcome {
  const arms = new Arms(s);
  const perRound = looks / rounds;
  for (let index = 1; index <= looks; index++) {
    const round = Math.ceil(index / perRound);
    const cases = Math.round((s.head * (index - (round - 1) * perRound)) / perRound);
    if (round === 1) arms.growTo(cases);
    else arms.extendTo(round, cases);
    const decision = decideSamples({
      baseline: arms.baseline,
      candidate: arms.candidate,
      policy,
      look: { index, of: looks, ...(SPENDING === undefined ? {} : { spending: SPENDING }) },
    });
    if (decision.action !== 'hold') return { action: actionOf(decision), samples: arms.trials };
  }
  return { action: 'hold', samples: arms.trials };
}

function fixed(arms: Arms, cases: number, pairing: 'auto' | 'never'): Outcome {
  arms.growTo(cases);
  const decision = decideSamples({ baseline: arms.baseline, candidate: arms.candidate, policy, pairing });
  return { action: actionOf(decision), samples: arms.trials };
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
type Designs = { sequential: Tally; sequentialOneRound: Tally; pairedFixed: Tally; unpairedFixed: Tally };
const regimes: Record<string, Designs> = {};
type Efficiency = { sequential: PairOutcomes; sequentialOneRound: PairOutcomes; unpaired: PairOutcomes[] };
const perPair: Record<string, Efficiency> = {};

for (const drop of DROPS) {
  const random = createPrng(1000 + Math.round(drop * 1000));
  const tallies: Designs = {
    sequential: tally(),
    sequentialOneRound: tally(),
    pairedFixed: tally(),
    unpairedFixed: tally(),
  };
  const efficiency = drop === EFFICIENCY.promote || drop === EFFICIENCY.rollback;
  const correct: Action = drop === EFFICIENCY.promote ? 'promote' : 'rollback';
  const outcomes: Efficiency = {
    sequential: pairOutcomes(),
    sequentialOneRound: pairOutcomes(),
    unpaired: MULTIPLIERS.map(pairOutcomes),
  };
  const record = (design: PairOutcomes, pair: number, outcome: Outcome) => {
    design.correct[pair] = outcome.action === correct ? 1 : 0;
    design.samples[pair] = outcome.samples;
  };
  for (let pair = 0; pair < PAIRS; pair++) {
    const cases = 50 + Math.floor(random() * 351);
    const trials = 1 + Math.floor(random() * 5);
    const longest = efficiency ? Math.round(cases * (MULTIPLIERS.at(-1) as number)) : cases;
    const s = scenario(random, drop, longest, cases, trials);
    const seq = pairedSequential(s, ROUNDS, LOOKS);
    const oneRound = pairedSequential(s, 1, LOOKS);
    count(tallies.sequential, seq);
    count(tallies.sequentialOneRound, oneRound);
    count(tallies.pairedFixed, fixed(new Arms(s), cases, 'auto'));
    count(tallies.unpairedFixed, fixed(new Arms(s), cases, 'never'));
    if (efficiency) {
      record(outcomes.sequential, pair, seq);
      record(outcomes.sequentialOneRound, pair, oneRound);
      const unpairedArms = new Arms(s);
      MULTIPLIERS.forEach((m, i) => {
        record(outcomes.unpaired[i] as PairOutcomes, pair, fixed(unpairedArms, Math.round(cases * m), 'never'));
      });
    }
  }
  regimes[key(drop)] = tallies;
  if (efficiency) perPair[key(drop)] = outcomes;
}

function efficiencyOf(drop: number, design: 'sequential' | 'sequentialOneRound') {
  const outcomes = perPair[key(drop)] as Efficiency;
  const sequential = outcomes[design];
  const all = Uint32Array.from({ length: PAIRS }, (_, i) => i);
  const point = sampleRatio(sequential, outcomes.unpaired, all);
  const error = bootstrapRatio(sequential, outcomes.unpaired, RESAMPLES, createPrng(7 + Math.round(drop * 1000)));
  return {
    trueDrop: drop,
    sequentialCorrectRate: round(point.rate),
    sequentialMeanSamples: Math.round(point.samples),
    unpairedFixedSamplesAtSameRate: point.fixedSamples === null ? null : Math.round(point.fixedSamples),
    ratio: point.ratio === null ? null : round(point.ratio),
    ratioStandardError: round(error.standardError),
    ratioCi95: error.ci95.map((x) => (Number.isFinite(x) ? round(x) : null)),
  };
}
const curveOf = (drop: number) =>
  sampleRatio(
    (perPair[key(drop)] as Efficiency).sequential,
    (perPair[key(drop)] as Efficiency).unpaired,
    Uint32Array.from({ length: PAIRS }, (_, i) => i),
  ).curve.map((p, i) => ({
    multiplier: MULTIPLIERS[i] as number,
    correctRate: round(p.rate),
    meanSamples: Math.round(p.samples),
  }));

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
const efficiency = {
  promote: efficiencyOf(EFFICIENCY.promote, 'sequential'),
  rollback: efficiencyOf(EFFICIENCY.rollback, 'sequential'),
};
// The same gate with its maximum at the suite (one round of trials, 8 looks): what the plan's second round buys.
const efficiencyOneRound = {
  promote: efficiencyOf(EFFICIENCY.promote, 'sequentialOneRound'),
  rollback: efficiencyOf(EFFICIENCY.rollback, 'sequentialOneRound'),
};

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
      plan: `up to ${ROUNDS} rounds of the suite's trials, ${LOOKS / ROUNDS} batches of cases per round, the gate asked after each batch (look i of ${LOOKS}); stop at the first promote or rollback`,
      alphaSpending: SPENDING === 'obrien-fleming' ? "Lan–DeMets O'Brien–Fleming" : `alpha·t^${SPENDING ?? 2}`,
      boundariesZ: bounds.map((z) => round(z, 3)),
    },
    comparator:
      "fixed unpaired: the same gate with pairing 'never' (Fisher exact + Newcombe hybrid score interval), same one-sided alpha and decision rule, same cases on both sides, run once on 0.5x-4x the suite's cases; its samples are those at which it is right as often as the sequential gate (equal power; probit-vs-sqrt(samples) interpolation of its curve, unpairedCurve)",
    regimes: Object.fromEntries(
      Object.entries(regimes).map(([name, t]) => [
        name,
        {
          pairedSequential: summary(t.sequential),
          pairedSequentialOneRound: summary(t.sequentialOneRound),
          pairedFixed: summary(t.pairedFixed),
          unpairedFixed: summary(t.unpairedFixed),
        },
      ]),
    ),
    errorRates: { falseRollback, falsePromotion },
    efficiency,
    efficiencyOneRound,
    unpairedCurve: { promote: curveOf(EFFICIENCY.promote), rollback: curveOf(EFFICIENCY.rollback) },
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

// Simulated deploy-gate decisions: error rates and samples used by the paired group-sequential gate against a
// fixed-size unpaired test. Prints one JSON object. `npm run bench:gates`.
//
// Model: each pair draws N cases (50–400) and k trials (1–5). Case i has a baseline pass probability p_i from
// Beta(1.8, 0.2) (mean 0.9; most cases nearly always pass, a tail of hard or flaky cases: the per-case difficulty
// heterogeneity that makes pairing pay). The candidate's is p_i · (0.9 − drop) / 0.9, so the mean drop is `drop`.
// Trials are independent Bernoulli draws given p_i.
import { createPrng } from '@agent-cicd/core/testing';
import { type GateAction, type GatePolicy, GatePolicySchema } from '@agent-cicd/deploy-gates';
import {
  type ArmSample,
  decideSamples,
  emptyArmSample,
  type GateSample,
  type Spending,
} from '@agent-cicd/deploy-gates/statistics';

const PAIRS_PER_REGIME = Number(process.env.GATES_BENCH_PAIRS ?? 2000);
const DROPS = [0, 0.02, 0.05, 0.1];
const LOOKS = Number(process.env.GATES_BENCH_LOOKS ?? 8);
const SPENDING: Spending =
  process.env.GATES_BENCH_SPENDING === 'obf' ? 'obrien-fleming' : Number(process.env.GATES_BENCH_SPENDING ?? 2);
const MULTIPLIERS = [0.5, 0.75, 1, 1.5, 2, 3, 4];
const BETA = { a: 1.8, b: 0.2 };

// The comparative gate alone: the absolute floor, SLAs and drift are switched off (the reports carry no latency,
// tool calls or responses), everything else is the default policy.
const policy: GatePolicy = GatePolicySchema.parse({ minPassRate: 0, drift: { enabled: false } });

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

interface Scenario {
  baseline: boolean[][];
  candidate: boolean[][];
}

function scenario(random: () => number, drop: number, cases: number, trials: number): Scenario {
  const baseline: boolean[][] = [];
  const candidate: boolean[][] = [];
  for (let i = 0; i < cases; i++) {
    const p = beta(random, BETA.a, BETA.b);
    const q = (p * (0.9 - drop)) / 0.9;
    baseline.push(Array.from({ length: trials }, () => random() < p));
    candidate.push(Array.from({ length: trials }, () => random() < q));
  }
  return { baseline, candidate };
}

function sample(grid: boolean[][], cases: number): GateSample {
  const overall: ArmSample = emptyArmSample();
  for (let i = 0; i < cases; i++) {
    const outcomes = grid[i] as boolean[];
    overall.outcomes.set(`case-${i}`, outcomes);
    overall.trials += outcomes.length;
    for (const passed of outcomes) if (passed) overall.passes += 1;
  }
  return { overall, suites: new Map() };
}

interface Outcome {
  action: GateAction;
  samples: number;
}

/** The gate as shipped, asked after each eighth of the cases (`look`); stops at the first promote or rollback. */
function pairedSequential(s: Scenario, trials: number): Outcome {
  const cases = s.baseline.length;
  let used = 0;
  for (let index = 1; index <= LOOKS; index++) {
    used = Math.round((cases * index) / LOOKS);
    const decision = decideSamples({
      baseline: sample(s.baseline, used),
      candidate: sample(s.candidate, used),
      policy,
      look: { index, of: LOOKS, spending: SPENDING },
    });
    if (decision.action !== 'hold') return { action: decision.action, samples: 2 * used * trials };
  }
  return { action: 'hold', samples: 2 * used * trials };
}

function fixed(s: Scenario, trials: number, pairing: 'auto' | 'never'): Outcome {
  const cases = s.baseline.length;
  const decision = decideSamples({
    baseline: sample(s.baseline, cases),
    candidate: sample(s.candidate, cases),
    policy,
    pairing,
  });
  return { action: decision.action, samples: 2 * cases * trials };
}

interface Tally {
  promote: number;
  hold: number;
  rollback: number;
  samples: number;
  n: number;
}

const tally = (): Tally => ({ promote: 0, hold: 0, rollback: 0, samples: 0, n: 0 });
function add(t: Tally, outcome: Outcome): void {
  t[outcome.action === 'advance' ? 'promote' : outcome.action] += 1;
  t.samples += outcome.samples;
  t.n += 1;
}
const round = (x: number): number => Math.round(x * 10000) / 10000;
const summary = (t: Tally) => ({
  promoteRate: round(t.promote / t.n),
  holdRate: round(t.hold / t.n),
  rollbackRate: round(t.rollback / t.n),
  meanSamples: Math.round(t.samples / t.n),
});

const started = performance.now();
const regimes: Record<string, Record<string, ReturnType<typeof summary>>> = {};
// Unpaired fixed-size test at 1×…4× the cases, to find the size at which it is as decisive as the paired gate.
const scaled: Record<string, Tally[]> = {};
const designs = ['pairedSequential', 'pairedFixed', 'unpairedFixed'] as const;
const all = Object.fromEntries(DROPS.map((d) => [d, Object.fromEntries(designs.map((name) => [name, tally()]))]));

for (const drop of DROPS) {
  const random = createPrng(1000 + Math.round(drop * 1000));
  const tallies = all[drop] as Record<(typeof designs)[number], Tally>;
  const scaledTallies = MULTIPLIERS.map(() => tally());
  for (let pair = 0; pair < PAIRS_PER_REGIME; pair++) {
    const cases = 50 + Math.floor(random() * 351);
    const trials = 1 + Math.floor(random() * 5);
    const s = scenario(random, drop, cases, trials);
    add(tallies.pairedSequential, pairedSequential(s, trials));
    add(tallies.pairedFixed, fixed(s, trials, 'auto'));
    add(tallies.unpairedFixed, fixed(s, trials, 'never'));
    if (drop === 0 || drop === 0.1) {
      MULTIPLIERS.forEach((m, i) => {
        const sized = m === 1 ? s : scenario(random, drop, Math.round(cases * m), trials);
        add(scaledTallies[i] as Tally, fixed(sized, trials, 'never'));
      });
    }
  }
  regimes[`drop${Math.round(drop * 100)}`] = Object.fromEntries(
    designs.map((name) => [name, summary(tallies[name])]),
  ) as Record<string, ReturnType<typeof summary>>;
  if (drop === 0 || drop === 0.1) scaled[`drop${Math.round(drop * 100)}`] = scaledTallies;
}

/**
 * Samples the unpaired fixed test needs to be right as often as the paired gate: linear interpolation of its
 * correct-decision rate over 0.5×…4× the cases.
 */
function matched(drop: 0 | 0.1, correct: 'promote' | 'rollback') {
  const seq = all[drop]?.pairedSequential as Tally;
  const target = seq[correct] / seq.n;
  const seqSamples = seq.samples / seq.n;
  const curve = (scaled[`drop${drop * 100}`] as Tally[]).map((t, i) => ({
    multiplier: MULTIPLIERS[i] as number,
    correctRate: round(t[correct] / t.n),
    meanSamples: Math.round(t.samples / t.n),
  }));
  let needed: number | null = null;
  for (let i = 1; i < curve.length && needed === null; i++) {
    const a = curve[i - 1] as (typeof curve)[number];
    const b = curve[i] as (typeof curve)[number];
    if (a.correctRate <= target && b.correctRate >= target) {
      const f = b.correctRate === a.correctRate ? 0 : (target - a.correctRate) / (b.correctRate - a.correctRate);
      needed = a.meanSamples + f * (b.meanSamples - a.meanSamples);
    }
  }
  return {
    pairedSequentialCorrectRate: round(target),
    pairedSequentialMeanSamples: Math.round(seqSamples),
    unpairedCurve: curve,
    unpairedSamplesForSameRate: needed === null ? null : Math.round(needed),
    // Paired-sequential samples ÷ unpaired samples at the same correct-decision rate (goal: ≤ 0.5).
    sampleRatio: needed === null ? null : round(seqSamples / needed),
  };
}

const falsePromotion = regimes.drop10?.pairedSequential?.promoteRate as number;
const falseRollback = regimes.drop0?.pairedSequential?.rollbackRate as number;
const efficiency = { drop0: matched(0, 'promote'), drop10: matched(0.1, 'rollback') };
const ratios = [efficiency.drop0.sampleRatio, efficiency.drop10.sampleRatio];

console.log(
  JSON.stringify({
    pairsPerRegime: PAIRS_PER_REGIME,
    model: {
      baselinePassRate: 0.9,
      caseDifficulty: `Beta(${BETA.a}, ${BETA.b})`,
      cases: '50–400',
      trials: '1–5',
      drops: DROPS,
      margin: policy.nonInferiorityMargin,
      confidence: policy.confidence,
      looks: LOOKS,
      alphaSpending: SPENDING === 'obrien-fleming' ? "Lan–DeMets O'Brien–Fleming" : `alpha·t^${SPENDING}`,
      boundaries: 'exact group-sequential (recursive integration)',
      samplesCount: 'trials run, both sides',
    },
    regimes,
    goals: {
      falsePromotionRate: falsePromotion,
      falsePromotionAtMarginRate: regimes.drop5?.pairedSequential?.promoteRate,
      falseRollbackRate: falseRollback,
      errorRatesMet: falsePromotion <= 0.05 && falseRollback <= 0.05,
      efficiency,
      halfTheSamplesMet: ratios.every((r) => r !== null && r <= 0.5),
    },
    seconds: Math.round((performance.now() - started) / 100) / 10,
  }),
);

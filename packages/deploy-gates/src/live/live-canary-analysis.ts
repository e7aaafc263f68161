import { canaryChecks, HARM_RATIOS } from '../canary-analysis/analyze-canary.js';
import type { CanaryLook } from '../canary-analysis/canary-metrics.js';
import { failureRatioMartingale } from '../canary-analysis/failure-ratio-martingale.js';
import { emptyArmSample } from '../decision/arm-sample.js';
import type { Check } from '../decision/check.js';
import { pct } from '../decision/check.js';
import { combineChecks } from '../decision/combine-checks.js';
import type { Evidence, GateAction } from '../decision/decision.js';
import { checkDrift } from '../drift/check-drift.js';
import type { GatePolicy } from '../policy/gate-policy-schema.js';
import type { CanaryStep } from '../rollout/run-canary.js';
import { AgentMetricNames as N } from './agent-metric-names.js';
import type { PrometheusClient, PromSample } from './prometheus-client.js';
import {
  addCounts,
  binCountsFromBuckets,
  countedMetricNames,
  counterIncrements,
  emptyTrackCounts,
  histogramQuantile,
  sumIncrements,
  type TrackCounts,
} from './track-counters.js';
import { renderMatchers, type TrackSelectors } from './track-selectors.js';

type Track = 'canary' | 'stable';

export interface LiveCanaryOptions {
  prometheus: PrometheusClient;
  selectors: TrackSelectors;
  policy: GatePolicy;
  /**
   * How long one step may go without a decision (no data, Prometheus errors, stale series or too few requests)
   * before it rolls back. @default 600000 (10 minutes)
   */
  stepBudgetMs?: number;
  /** A track whose newest sample is older than this is stale (never evidence). @default 60000 */
  staleAfterMs?: number;
  /** @default '/v1/chat' */
  route?: string;
  /** @default Date.now */
  clock?: () => number;
}

/** One look of the live analysis: what each track did since the previous look, and the decision. */
export interface LiveLook {
  at: string;
  step: number;
  attempt: number;
  action: GateAction;
  reasons: string[];
  /** Increments since the previous usable look; absent when Prometheus gave nothing usable. */
  canary?: { requests: number; failures: number };
  stable?: { requests: number; failures: number };
  evidence: Evidence[];
}

export interface LiveStepAnalysis {
  action: GateAction;
  reasons: string[];
  evidence: Evidence[];
  nextStep?: number;
}

export interface LiveCanaryAnalysis {
  /** Reads the counters the first look is measured from. Call before the canary gets traffic. */
  begin(): Promise<void>;
  /** The `analyze` callback of `runCanary`: one look at Prometheus and the sequential tests. */
  analyze(step: CanaryStep): Promise<LiveStepAnalysis>;
  /** Every look so far, oldest first (the evidence table of the rollout). */
  readonly looks: readonly LiveLook[];
  /** Requests each track served since `begin()`. */
  totals(): { canary: TrackCounts; stable: TrackCounts };
  /** Restarts the current step's time budget (after a manual pause). */
  resetStepClock(): void;
}

class NoEvidence extends Error {}

/**
 * Live canary analysis on Prometheus. At every look it reads the agent's counters for both tracks (one instant
 * query per track, plus the newest sample's timestamp), turns them into increments since the previous look
 * (counter resets handled per series), and feeds them to the anytime-valid tests of `analyzeCanary` — request
 * failures (rollback on regression; non-inferiority before full traffic), tool-call failures and flagged answers
 * (rollback on regression) — plus live drift of the tool-call mix and the response-length histogram
 * (`checkDrift`, per `policy.drift`), and the latency/token/cost SLAs of the policy as ratios canary ÷ stable.
 *
 * No data, a Prometheus error or a stale series is never evidence: the look holds, and once the step has gone
 * `stepBudgetMs` without a decision it rolls back.
 */
export function createLiveCanaryAnalysis(options: LiveCanaryOptions): LiveCanaryAnalysis {
  const { prometheus, policy } = options;
  const clock = options.clock ?? Date.now;
  const budget = options.stepBudgetMs ?? 600_000;
  const staleAfter = options.staleAfterMs ?? 60_000;
  const route = options.route ?? '/v1/chat';
  const alpha = (1 - policy.confidence) / 2;
  const matchers = {
    canary: renderMatchers(options.selectors.canary),
    stable: renderMatchers(options.selectors.stable),
  };
  const previous: Record<Track, Map<string, number> | undefined> = { canary: undefined, stable: undefined };
  const totals = { canary: emptyTrackCounts(), stable: emptyTrackCounts() };
  const requestLooks: CanaryLook[] = [];
  const toolLooks: CanaryLook[] = [];
  const flagLooks: CanaryLook[] = [];
  const stepStarted = new Map<number, number>();
  const looks: LiveLook[] = [];

  const countersQuery = (track: Track) => `{__name__=~"${countedMetricNames.join('|')}",${matchers[track]}}`;

  async function read(track: Track): Promise<PromSample[]> {
    const selector = countersQuery(track);
    const now = clock() / 1000;
    const [samples, newest] = await Promise.all([
      prometheus.query(selector, { time: now }),
      prometheus.query(`max(timestamp(${N.requests}{${matchers[track]}}))`, { time: now }),
    ]);
    if (!samples.some((sample) => sample.labels.__name__ === N.requests)) {
      throw new NoEvidence(`no ${track} series in Prometheus (${N.requests}{${matchers[track]}})`);
    }
    const newestAt = newest[0]?.value;
    if (newestAt === undefined || !Number.isFinite(newestAt) || now - newestAt > staleAfter / 1000) {
      const age = newestAt === undefined ? 'unknown' : `${Math.round(now - newestAt)} s`;
      throw new NoEvidence(`the ${track} series are stale (newest sample ${age} old, limit ${staleAfter / 1000} s)`);
    }
    return samples;
  }

  async function snapshot(): Promise<Record<Track, PromSample[]>> {
    const [canary, stable] = await Promise.all([read('canary'), read('stable')]);
    return { canary, stable };
  }

  const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

  return {
    looks,
    totals: () => totals,
    resetStepClock: () => stepStarted.clear(),
    async begin() {
      // A track without series yet (a canary not started) counts from zero. When Prometheus cannot answer, the
      // first look that can becomes the baseline instead: running totals are never mistaken for new traffic.
      for (const track of ['canary', 'stable'] as const) {
        const samples = await prometheus.query(countersQuery(track), { time: clock() / 1000 }).catch(() => undefined);
        previous[track] = samples && counterIncrements(new Map(), samples).current;
      }
    },
    async analyze(step) {
      const at = clock();
      if (!stepStarted.has(step.index)) stepStarted.set(step.index, at);
      const elapsed = at - (stepStarted.get(step.index) as number);
      const overBudget = elapsed >= budget;
      const record = (analysis: LiveStepAnalysis, counts?: Record<Track, TrackCounts>): LiveStepAnalysis => {
        looks.push({
          at: new Date(at).toISOString(),
          step: step.weight,
          attempt: step.attempt,
          action: analysis.action,
          reasons: analysis.reasons,
          ...(counts
            ? {
                canary: { requests: counts.canary.requests, failures: counts.canary.failures },
                stable: { requests: counts.stable.requests, failures: counts.stable.failures },
              }
            : {}),
          evidence: analysis.evidence,
        });
        return analysis;
      };

      let now: Awaited<ReturnType<typeof snapshot>>;
      try {
        now = await snapshot();
      } catch (error) {
        const why = `No usable metrics at ${step.weight}%: ${describe(error)}.`;
        if (overBudget) {
          return record({
            action: 'rollback',
            reasons: [
              why,
              `The step went ${Math.round(elapsed / 1000)} s without usable metrics (budget ${budget / 1000} s).`,
            ],
            evidence: [],
          });
        }
        return record({
          action: 'hold',
          reasons: [why, 'Missing metrics are never evidence for promotion.'],
          evidence: [],
        });
      }

      const missing = (['canary', 'stable'] as const).filter((track) => previous[track] === undefined);
      if (missing.length > 0) {
        for (const track of missing) previous[track] = counterIncrements(new Map(), now[track]).current;
        const why = `The first usable metrics of the ${missing.join(' and ')} track${missing.length > 1 ? 's' : ''} are the baseline; the next look counts from here.`;
        return record({ action: overBudget ? 'rollback' : 'hold', reasons: [why], evidence: [] });
      }
      const counts = {} as Record<Track, TrackCounts>;
      for (const track of ['canary', 'stable'] as const) {
        const { increments, current } = counterIncrements(previous[track] ?? new Map(), now[track]);
        previous[track] = current;
        counts[track] = sumIncrements(increments, route);
        addCounts(totals[track], counts[track]);
      }
      const outcome = (c: TrackCounts) => ({ successes: c.requests - c.failures, failures: c.failures });
      requestLooks.push({ step: step.weight, canary: outcome(counts.canary), stable: outcome(counts.stable) });
      const tools = (c: TrackCounts) => {
        let ok = 0;
        let error = 0;
        for (const calls of c.toolCalls.values()) {
          ok += calls.ok;
          error += calls.error;
        }
        return { successes: ok, failures: error };
      };
      toolLooks.push({ step: step.weight, canary: tools(counts.canary), stable: tools(counts.stable) });
      const flags = (c: TrackCounts) => ({ successes: c.answers - c.flagged, failures: c.flagged });
      flagLooks.push({ step: step.weight, canary: flags(counts.canary), stable: flags(counts.stable) });

      const checks: Check[] = [
        ...canaryChecks({
          metrics: requestLooks,
          policy: policy.canary,
          step: step.weight,
          confidence: policy.confidence,
        }),
        regression('canary.toolErrors', 'live tool-call error rate', toolLooks, alpha),
        regression('canary.flaggedAnswers', 'share of answers flagged by online checks', flagLooks, alpha),
        ...slaChecks(totals, policy),
        ...driftChecks(totals, policy, alpha),
      ];
      const canaryRate = totals.canary.requests === 0 ? null : totals.canary.failures / totals.canary.requests;
      const stableRate = totals.stable.requests === 0 ? null : totals.stable.failures / totals.stable.requests;
      const combined = combineChecks(
        checks,
        { step: step.weight, steps: policy.canary.steps },
        `The canary's live failure rate (${pct(canaryRate)}) shows no regression against the stable release (${pct(stableRate)}).`,
      );
      const evidence = checks.map((check) => check.evidence);
      if (combined.action === 'rollback') combined.reasons = rollbackReasonsFirst(checks, combined.reasons);
      if (combined.action === 'hold' && overBudget) {
        return record(
          {
            action: 'rollback',
            reasons: [
              ...combined.reasons,
              `The step went ${Math.round(elapsed / 1000)} s without a decision (budget ${budget / 1000} s).`,
            ],
            evidence,
          },
          counts,
        );
      }
      return record({ ...combined, evidence }, counts);
    },
  };
}

/** Anytime-valid regression test (canary fails more often than stable) on one kind of count. */
function regression(check: string, metric: string, looks: CanaryLook[], alpha: number): Check {
  const sum = (side: 'canary' | 'stable') =>
    looks.reduce(
      (acc, look) => ({
        failures: acc.failures + look[side].failures,
        n: acc.n + look[side].failures + look[side].successes,
      }),
      { failures: 0, n: 0 },
    );
  const canary = sum('canary');
  const stable = sum('stable');
  const e = failureRatioMartingale(looks, 1, [...HARM_RATIOS]);
  const harmful = e >= 1 / alpha;
  return {
    evidence: {
      check,
      metric,
      baseline: stable.n === 0 ? null : stable.failures / stable.n,
      candidate: canary.n === 0 ? null : canary.failures / canary.n,
      pValue: Math.min(1, 1 / e),
      samples: { baseline: stable.n, candidate: canary.n },
      test: 'mixture likelihood-ratio martingale (anytime-valid), canary vs stable',
      threshold: `e-value < ${(1 / alpha).toPrecision(3)}`,
      verdict: harmful ? 'fail' : 'pass',
      effect: 'rollback',
    },
    ...(harmful
      ? {
          reason: `The canary's ${metric} is confirmed higher than the stable release's (${pct(canary.n ? canary.failures / canary.n : null)} vs ${pct(stable.n ? stable.failures / stable.n : null)}).`,
        }
      : {}),
  };
}

/** Latency p50/p99, tokens and cost per request: reported, and checked as canary ÷ stable ratios when the policy sets one. */
function slaChecks(totals: Record<Track, TrackCounts>, policy: GatePolicy): Check[] {
  const enough =
    totals.canary.requests >= policy.canary.minRequestsPerStep &&
    totals.stable.requests >= policy.canary.minRequestsPerStep;
  const row = (
    check: string,
    metric: string,
    stable: number | null,
    canary: number | null,
    maxRatio?: number,
  ): Check => {
    const ratio = stable && canary !== null ? canary / stable : null;
    const failing = maxRatio !== undefined && enough && ratio !== null && ratio > maxRatio;
    return {
      evidence: {
        check,
        metric,
        baseline: stable,
        candidate: canary,
        ...(ratio === null ? {} : { difference: ratio }),
        samples: { baseline: totals.stable.requests, candidate: totals.canary.requests },
        test: 'live ratio canary ÷ stable',
        threshold: maxRatio === undefined ? 'reported only' : `ratio ≤ ${maxRatio}`,
        verdict:
          maxRatio === undefined || !enough
            ? maxRatio === undefined
              ? 'pass'
              : 'inconclusive'
            : failing
              ? 'fail'
              : 'pass',
        effect: maxRatio === undefined ? 'none' : failing ? 'rollback' : 'none',
      },
      ...(failing
        ? {
            reason: `The canary's ${metric} is ${(ratio as number).toFixed(2)}× the stable release's (limit ${maxRatio}×).`,
          }
        : {}),
    };
  };
  const perRequest = (c: TrackCounts, value: number) => (c.requests === 0 ? null : value / c.requests);
  return [
    row(
      'live.latencyP50',
      'p50 latency (s)',
      histogramQuantile(0.5, totals.stable.latencyBuckets),
      histogramQuantile(0.5, totals.canary.latencyBuckets),
    ),
    row(
      'live.latencyP99',
      'p99 latency (s)',
      histogramQuantile(0.99, totals.stable.latencyBuckets),
      histogramQuantile(0.99, totals.canary.latencyBuckets),
      policy.latency?.maxIncreaseRatio,
    ),
    row(
      'live.tokens',
      'tokens per request',
      perRequest(totals.stable, totals.stable.tokens),
      perRequest(totals.canary, totals.canary.tokens),
      policy.tokens?.maxIncreaseRatio,
    ),
    row(
      'live.cost',
      'cost per request (USD)',
      perRequest(totals.stable, totals.stable.costUsd),
      perRequest(totals.canary, totals.canary.costUsd),
      policy.cost?.maxIncreaseRatio,
    ),
  ];
}

/**
 * Drift of the live tool-call mix and response-length histogram, through the offline `checkDrift` (PSI and a
 * chi-square test) on samples rebuilt from the counters: tool calls by tool, and each length bin's count at the
 * bin's upper bound. Checked once both tracks have answered `minRequestsPerStep` requests.
 */
function driftChecks(totals: Record<Track, TrackCounts>, policy: GatePolicy, alpha: number): Check[] {
  const min = policy.canary.minRequestsPerStep;
  if (totals.canary.answers < min || totals.stable.answers < min) return [];
  const sample = (c: TrackCounts) => {
    const arm = emptyArmSample();
    arm.trials = Math.round(c.answers);
    for (const [tool, calls] of c.toolCalls) arm.toolCalls.set(tool, Math.round(calls.ok + calls.error));
    const bins = binCountsFromBuckets(c.lengthBuckets);
    const finite = bins.filter((bin) => Number.isFinite(bin.bound)).at(-1)?.bound ?? 0;
    for (const { bound, count } of bins) {
      const value = Number.isFinite(bound) ? bound : finite * 2;
      for (let i = 0; i < Math.round(count); i++) arm.responseLengths.push(value);
    }
    return arm;
  };
  return checkDrift({
    baseline: sample(totals.stable),
    candidate: sample(totals.canary),
    policy: policy.drift,
    alpha,
  }).map((check) => ({ ...check, evidence: { ...check.evidence, check: `live.${check.evidence.check}` } }));
}

/** The reasons of the checks that forced a rollback, then the others. */
function rollbackReasonsFirst(checks: readonly Check[], reasons: string[]): string[] {
  const forcing = new Set(
    checks
      .filter((c) => c.evidence.verdict === 'fail' && c.evidence.effect === 'rollback')
      .flatMap((c) => c.reason ?? []),
  );
  return [...reasons.filter((r) => forcing.has(r)), ...reasons.filter((r) => !forcing.has(r))];
}

import { AgentMetricNames as N } from './agent-metric-names.js';
import type { PromSample } from './prometheus-client.js';

/** What one track did between two looks (or over the whole canary), summed over its pods. */
export interface TrackCounts {
  requests: number;
  /** Requests answered with a 5xx. */
  failures: number;
  /** Calls per tool: `[ok, error]`. */
  toolCalls: Map<string, { ok: number; error: number }>;
  answers: number;
  flagged: number;
  tokens: number;
  costUsd: number;
  /** Cumulative histogram counts by upper bound (`le`, +Inf included). */
  latencyBuckets: Map<number, number>;
  lengthBuckets: Map<number, number>;
}

export const emptyTrackCounts = (): TrackCounts => ({
  requests: 0,
  failures: 0,
  toolCalls: new Map(),
  answers: 0,
  flagged: 0,
  tokens: 0,
  costUsd: 0,
  latencyBuckets: new Map(),
  lengthBuckets: new Map(),
});

/** The names the live analysis reads, as one regex for a single instant query per track. */
export const countedMetricNames = [
  N.requests,
  N.toolCalls,
  N.answers,
  N.flaggedAnswers,
  N.tokens,
  N.cost,
  `${N.latency}_bucket`,
  `${N.responseLength}_bucket`,
];

const seriesKey = (labels: Record<string, string>): string =>
  JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Turns running counter values into increments per series: a value below the previous one is a counter reset (a
 * restarted pod), so the whole new value is the increment, as Prometheus' `increase()` does. A series first seen
 * now counts from zero. Series that vanished (a pod gone) add nothing.
 */
export function counterIncrements(
  previous: ReadonlyMap<string, number>,
  samples: readonly PromSample[],
): { increments: Array<{ labels: Record<string, string>; value: number }>; current: Map<string, number> } {
  const current = new Map<string, number>();
  const increments: Array<{ labels: Record<string, string>; value: number }> = [];
  for (const sample of samples) {
    if (!Number.isFinite(sample.value)) continue;
    const key = seriesKey(sample.labels);
    current.set(key, sample.value);
    const before = previous.get(key);
    const value = before === undefined || sample.value < before ? sample.value : sample.value - before;
    increments.push({ labels: sample.labels, value });
  }
  return { increments, current };
}

/** Sums per-series increments into a track's counts. */
export function sumIncrements(
  increments: ReadonlyArray<{ labels: Record<string, string>; value: number }>,
  route: string,
): TrackCounts {
  const counts = emptyTrackCounts();
  const addBucket = (map: Map<number, number>, le: string | undefined, value: number) => {
    const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
    if (!Number.isNaN(bound)) map.set(bound, (map.get(bound) ?? 0) + value);
  };
  for (const { labels, value } of increments) {
    switch (labels.__name__) {
      case N.requests:
        if (labels.route !== route) break;
        counts.requests += value;
        if (/^5\d\d$/.test(labels.status ?? '')) counts.failures += value;
        break;
      case N.toolCalls: {
        const tool = labels.tool ?? '(unknown)';
        const entry = counts.toolCalls.get(tool) ?? { ok: 0, error: 0 };
        if (labels.outcome === 'error') entry.error += value;
        else entry.ok += value;
        counts.toolCalls.set(tool, entry);
        break;
      }
      case N.answers:
        counts.answers += value;
        break;
      case N.flaggedAnswers:
        counts.flagged += value;
        break;
      case N.tokens:
        counts.tokens += value;
        break;
      case N.cost:
        counts.costUsd += value;
        break;
      case `${N.latency}_bucket`:
        if (labels.route === route) addBucket(counts.latencyBuckets, labels.le, value);
        break;
      case `${N.responseLength}_bucket`:
        addBucket(counts.lengthBuckets, labels.le, value);
        break;
    }
  }
  return counts;
}

/** Adds `more` into `into` (in place). */
export function addCounts(into: TrackCounts, more: TrackCounts): void {
  into.requests += more.requests;
  into.failures += more.failures;
  into.answers += more.answers;
  into.flagged += more.flagged;
  into.tokens += more.tokens;
  into.costUsd += more.costUsd;
  for (const [tool, calls] of more.toolCalls) {
    const entry = into.toolCalls.get(tool) ?? { ok: 0, error: 0 };
    entry.ok += calls.ok;
    entry.error += calls.error;
    into.toolCalls.set(tool, entry);
  }
  for (const [le, n] of more.latencyBuckets) into.latencyBuckets.set(le, (into.latencyBuckets.get(le) ?? 0) + n);
  for (const [le, n] of more.lengthBuckets) into.lengthBuckets.set(le, (into.lengthBuckets.get(le) ?? 0) + n);
}

/**
 * `histogram_quantile` on cumulative bucket counts: linear interpolation inside the bucket holding the q-th
 * observation (the +Inf bucket answers with the highest finite bound). `null` without observations.
 */
export function histogramQuantile(q: number, buckets: ReadonlyMap<number, number>): number | null {
  const sorted = [...buckets].sort(([a], [b]) => a - b);
  const total = sorted.at(-1)?.[1] ?? 0;
  if (total <= 0) return null;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const [bound, count] of sorted) {
    if (count >= rank) {
      if (bound === Number.POSITIVE_INFINITY) return lower;
      const inBucket = count - below;
      return inBucket <= 0 ? bound : lower + ((bound - lower) * (rank - below)) / inBucket;
    }
    lower = bound;
    below = count;
  }
  return lower;
}

/** Per-bin (not cumulative) counts from cumulative buckets, in bound order. */
export function binCountsFromBuckets(buckets: ReadonlyMap<number, number>): Array<{ bound: number; count: number }> {
  const sorted = [...buckets].sort(([a], [b]) => a - b);
  let previous = 0;
  return sorted.map(([bound, cumulative]) => {
    const count = Math.max(0, cumulative - previous);
    previous = cumulative;
    return { bound, count };
  });
}

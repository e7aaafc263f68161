import { type ReportCell, reportCells } from '../report/report-cells.js';
import type { RunReport } from '../schema/report.js';
import { mcnemarExact } from '../stats/mcnemar-exact.js';
import { type DifferenceInterval, newcombeInterval } from '../stats/newcombe-interval.js';
import { pairedDifferenceInterval } from '../stats/paired-difference-interval.js';
import { wilsonInterval } from '../stats/wilson-interval.js';

/** One cell's row of the comparison table. */
export interface CellSummary {
  id: string;
  model?: string;
  promptVersion?: string;
  trials: number;
  passes: number;
  passRate: number;
  interval: { low: number; high: number; confidence: number };
  costUsd: number;
  /** Mean cost of a trial. */
  costPerTrialUsd: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
}

/** `b − a` over the trials both cells ran (same suite, case and trial index, so the same seed). */
export interface CellPair {
  a: string;
  b: string;
  /** Matched trials; 0 means the cells share no trials and the comparison is unpaired (Newcombe). */
  pairs: number;
  /** Trials `b` passed and `a` failed, and the other way round. */
  bOnly: number;
  aOnly: number;
  difference: number;
  interval: { low: number; high: number; confidence: number };
  /** Two-sided p-value: exact McNemar (paired) or none (unpaired). */
  pValue?: number;
  method: string;
}

export interface CellComparison {
  confidence: number;
  cells: CellSummary[];
  pairs: CellPair[];
  best: {
    cell: string;
    /** Whether the best cell is better than every other one after Holm's correction at 1 − confidence. */
    significant: boolean;
    /** The cells it cannot be told apart from (not significantly worse). */
    tiedWith: string[];
    /** A sentence for people. */
    sentence: string;
  };
}

function outcomes(cell: ReportCell): Map<string, boolean> {
  const map = new Map<string, boolean>();
  for (const suite of cell.suites) {
    for (const result of suite.cases) {
      for (const trial of result.trials) {
        // A skipped trial was not evaluated: it is in no pass rate and no paired comparison.
        if (trial.status === 'skipped') continue;
        map.set(`${suite.name}\u0000${result.caseId}\u0000${trial.trial}`, trial.status === 'passed');
      }
    }
  }
  return map;
}

function summarize(cell: ReportCell, confidence: number): CellSummary {
  const values = [...outcomes(cell).values()];
  const passes = values.filter(Boolean).length;
  const trials = values.length;
  const interval = trials === 0 ? { low: 0, high: 1 } : wilsonInterval(passes, trials, confidence);
  return {
    id: cell.id,
    ...(cell.model === undefined ? {} : { model: cell.model }),
    ...(cell.promptVersion === undefined ? {} : { promptVersion: cell.promptVersion }),
    trials,
    passes,
    passRate: trials === 0 ? 0 : passes / trials,
    interval: { low: interval.low, high: interval.high, confidence },
    costUsd: cell.totals.costUsd,
    costPerTrialUsd: trials === 0 ? 0 : cell.totals.costUsd / trials,
    latencyP50Ms: cell.totals.latencyMs.p50,
    latencyP95Ms: cell.totals.latencyMs.p95,
  };
}

/** Compares two cells, `b − a`: paired (Newcombe's method 10 and exact McNemar) over the trials both ran. */
export function compareTwoCells(a: ReportCell, b: ReportCell, confidence = 0.95): CellPair {
  const left = outcomes(a);
  const right = outcomes(b);
  const counts = { bothPass: 0, candidateOnly: 0, baselineOnly: 0, bothFail: 0 };
  for (const [key, passedA] of left) {
    const passedB = right.get(key);
    if (passedB === undefined) continue;
    if (passedA && passedB) counts.bothPass++;
    else if (passedB) counts.candidateOnly++;
    else if (passedA) counts.baselineOnly++;
    else counts.bothFail++;
  }
  const pairs = counts.bothPass + counts.candidateOnly + counts.baselineOnly + counts.bothFail;
  if (pairs > 0) {
    const ci: DifferenceInterval = pairedDifferenceInterval(counts, confidence);
    return {
      a: a.id,
      b: b.id,
      pairs,
      bOnly: counts.candidateOnly,
      aOnly: counts.baselineOnly,
      difference: ci.difference,
      interval: { low: ci.low, high: ci.high, confidence },
      pValue: mcnemarExact(counts).pValueTwoSided,
      method: 'paired: Newcombe interval, exact McNemar',
    };
  }
  const sa = summarize(a, confidence);
  const sb = summarize(b, confidence);
  const ci =
    sa.trials > 0 && sb.trials > 0
      ? newcombeInterval(
          { successes: sb.passes, trials: sb.trials },
          { successes: sa.passes, trials: sa.trials },
          confidence,
        )
      : { difference: 0, low: -1, high: 1 };
  return {
    a: a.id,
    b: b.id,
    pairs: 0,
    bOnly: 0,
    aOnly: 0,
    difference: ci.difference,
    interval: { low: ci.low, high: ci.high, confidence },
    method: 'unpaired: Newcombe interval',
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/**
 * The comparison table of a matrix report: each cell's pass rate (Wilson interval), cost and latency, every
 * pair's paired difference with its interval and exact McNemar p-value, and the best cell: the highest pass rate
 * (ties: the cheaper), called best with `confidence` only when it beats every other cell under Holm's correction
 * of the two-sided McNemar p-values at 1 − confidence.
 */
export function compareCells(report: RunReport, confidence = 0.95): CellComparison {
  const cells = reportCells(report);
  const summaries = cells.map((cell) => summarize(cell, confidence));
  const pairs: CellPair[] = [];
  for (let i = 0; i < cells.length; i++) {
    for (let j = i + 1; j < cells.length; j++)
      pairs.push(compareTwoCells(cells[i] as ReportCell, cells[j] as ReportCell, confidence));
  }
  const ranked = [...summaries].sort((x, y) => y.passRate - x.passRate || x.costUsd - y.costUsd);
  const best = ranked[0] as CellSummary;
  const versus = summaries
    .filter((cell) => cell.id !== best.id)
    .map((cell) => {
      const pair = pairs.find((p) => (p.a === best.id && p.b === cell.id) || (p.b === best.id && p.a === cell.id));
      const better = pair ? (pair.a === best.id ? -pair.difference : pair.difference) : 0;
      return { id: cell.id, p: pair?.pValue ?? 1, better };
    })
    .sort((x, y) => x.p - y.p);
  const alpha = 1 - confidence;
  const tiedWith: string[] = [];
  versus.forEach((other, index) => {
    const holm = alpha / (versus.length - index);
    const beaten = other.better > 0 && other.p <= holm && tiedWith.length === 0;
    if (!beaten) tiedWith.push(other.id);
  });
  const significant = versus.length > 0 && tiedWith.length === 0;
  const level = `${Math.round(confidence * 100)}%`;
  const sentence =
    versus.length === 0
      ? `Only one cell: ${best.id || 'run'} (pass rate ${pct(best.passRate)}).`
      : significant
        ? `Best cell: ${best.id} (pass rate ${pct(best.passRate)}), better than every other cell with ${level} confidence (exact McNemar, Holm-corrected; largest p ${Math.max(...versus.map((v) => v.p)).toPrecision(2)}).`
        : `Best cell: ${best.id} (pass rate ${pct(best.passRate)}), but not with ${level} confidence: it cannot be told apart from ${tiedWith.join(', ')} (exact McNemar, Holm-corrected; run more cases or trials).`;
  return { confidence, cells: summaries, pairs, best: { cell: best.id, significant, tiedWith, sentence } };
}

import { chiSquareIndependence, populationStabilityIndex } from '@agent-cicd/core/stats';
import type { ArmSample } from '../decision/arm-sample.js';
import type { Check } from '../decision/check.js';
import { formatAlpha } from '../decision/compare-pass-rates.js';
import type { Evidence } from '../decision/decision.js';
import type { DriftPolicy } from '../policy/gate-policy-schema.js';
import { binCounts, quantileEdges } from './length-bins.js';

/** Proportions with half a count added to every cell, so an empty category does not make PSI infinite. */
function smoothedShares(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, n) => sum + n + 0.5, 0);
  return counts.map((n) => (n + 0.5) / total);
}

function compare(
  baseline: number[],
  candidate: number[],
  psiMax: number,
  alpha: number,
): { psi: number; pValue: number; drifted: boolean } {
  const columns = baseline.map((_, i) => i).filter((i) => (baseline[i] as number) + (candidate[i] as number) > 0);
  // A single category on both sides: the distributions are identical.
  if (columns.length < 2) return { psi: 0, pValue: 1, drifted: false };
  const base = columns.map((i) => baseline[i] as number);
  const cand = columns.map((i) => candidate[i] as number);
  const psi = populationStabilityIndex(smoothedShares(base), smoothedShares(cand));
  const { pValue } = chiSquareIndependence([base, cand]);
  return { psi, pValue, drifted: psi > psiMax && pValue < alpha };
}

/**
 * Behaviour drift of the candidate against the baseline: tool-call frequencies (categories = tool names plus
 * "no tool call") and the response-length distribution (quantile bins of both sides' lengths). Drift needs
 * both a large shift (PSI above the policy's limit) and a significant one (chi-square test of the 2×k table at
 * the gate's one-sided alpha), so small samples do not raise false alarms.
 */
export function checkDrift(options: {
  baseline: ArmSample;
  candidate: ArmSample;
  policy: DriftPolicy;
  alpha: number;
}): Check[] {
  const { baseline, candidate, policy, alpha } = options;
  if (!policy.enabled || baseline.trials === 0 || candidate.trials === 0) return [];
  const effect: Evidence['effect'] = policy.action === 'report' ? 'none' : policy.action;
  const samples = { baseline: baseline.trials, candidate: candidate.trials };
  const consequence =
    policy.action === 'rollback' ? 'rolls back' : policy.action === 'hold' ? 'holds' : 'is only reported';
  const checks: Check[] = [];

  const tools = [...new Set([...baseline.toolCalls.keys(), ...candidate.toolCalls.keys()])].sort();
  const toolResult = compare(
    tools.map((tool) => baseline.toolCalls.get(tool) ?? 0),
    tools.map((tool) => candidate.toolCalls.get(tool) ?? 0),
    policy.toolCallPsiMax,
    alpha,
  );
  const rule = { effect, samples, alpha };
  checks.push(row('drift.toolCalls', 'tool-call frequencies (PSI)', toolResult, policy.toolCallPsiMax, rule));
  if (toolResult?.drifted) {
    (checks[0] as Check).reason =
      `The candidate calls tools differently from the baseline (PSI ${toolResult.psi.toFixed(3)} > ${policy.toolCallPsiMax}, chi-square p = ${toolResult.pValue.toPrecision(2)}); the policy ${consequence} on drift.`;
  }

  // Bin edges from both sides' lengths, so a shift beyond the baseline's range still separates into bins.
  const edges = quantileEdges([...baseline.responseLengths, ...candidate.responseLengths], policy.responseLengthBins);
  const lengthResult = compare(
    binCounts(baseline.responseLengths, edges),
    binCounts(candidate.responseLengths, edges),
    policy.responseLengthPsiMax,
    alpha,
  );
  checks.push(
    row('drift.responseLength', 'response length distribution (PSI)', lengthResult, policy.responseLengthPsiMax, rule),
  );
  if (lengthResult?.drifted) {
    (checks[1] as Check).reason =
      `The candidate's response lengths differ from the baseline's (PSI ${lengthResult.psi.toFixed(3)} > ${policy.responseLengthPsiMax}, chi-square p = ${lengthResult.pValue.toPrecision(2)}); the policy ${consequence} on drift.`;
  }
  return checks;
}

function row(
  check: string,
  metric: string,
  result: { psi: number; pValue: number; drifted: boolean },
  psiMax: number,
  rule: { effect: Evidence['effect']; samples: { baseline: number; candidate: number }; alpha: number },
): Check {
  const { effect, samples } = rule;
  return {
    evidence: {
      check,
      metric,
      baseline: null,
      candidate: result.psi,
      pValue: result.pValue,
      samples,
      test: 'population stability index + chi-square test of independence',
      threshold: `not (PSI > ${psiMax} and p < ${formatAlpha(rule.alpha)})`,
      verdict: result.drifted ? 'fail' : 'pass',
      effect,
    },
  };
}

import { pct, points } from './check.js';
import type { Decision, Evidence } from './decision.js';

const RATE_CHECKS =
  /^(passRate\.(regression|nonInferiority|floor)|sla\.(errorRate|toolCallAccuracy)|canary\.(regression|nonInferiority))$/;
const isRate = (row: Evidence): boolean => RATE_CHECKS.test(row.check);
const isRatio = (row: Evidence): boolean => /^sla\.(latencyIncrease|tokens|cost)$/.test(row.check);

function value(row: Evidence, x: number | null): string {
  if (x === null) return '–';
  if (isRate(row)) return pct(x);
  if (Number.isInteger(x)) return String(x);
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3);
}

function difference(row: Evidence): string {
  if (row.difference === undefined) return '–';
  if (isRatio(row)) return `×${row.difference.toFixed(2)}`;
  const ci = row.interval && !row.check.endsWith('floor') && !row.check.startsWith('sla.') ? row.interval : undefined;
  return ci ? `${points(row.difference)} [${points(ci.low)}, ${points(ci.high)}]` : points(row.difference);
}

function candidateCell(row: Evidence): string {
  const main = value(row, row.candidate);
  const ci = row.interval;
  if (ci && (row.check.endsWith('floor') || row.check.startsWith('sla.')))
    return `${main} [${pct(ci.low)}, ${pct(ci.high)}]`;
  return main;
}

const pValue = (row: Evidence): string =>
  row.pValue === undefined ? '–' : row.pValue < 0.0001 ? '<0.0001' : row.pValue.toFixed(4);

const VERDICT: Record<Evidence['verdict'], string> = {
  pass: 'PASS',
  fail: 'FAIL',
  inconclusive: 'INCONCLUSIVE',
  skipped: 'skipped',
};

const HEADERS = ['Verdict', 'Check', 'Suite', 'Baseline', 'Candidate', 'Difference [CI]', 'p', 'Threshold', 'Test'];

function cells(row: Evidence): string[] {
  return [
    VERDICT[row.verdict],
    row.check,
    row.suite ?? '(all)',
    value(row, row.baseline),
    candidateCell(row),
    difference(row),
    pValue(row),
    row.threshold,
    row.test,
  ];
}

function headline(decision: Decision): string {
  const action = decision.action.toUpperCase();
  const extra = decision.nextStep === undefined ? '' : ` to ${decision.nextStep}% of traffic`;
  return `${action}${extra} (${decision.comparison ?? 'unpaired'} comparison)`;
}

/** The decision as the HTML report shows it: action, headline, reasons and the evidence table's cells. */
export function decisionTable(decision: Decision): {
  action: string;
  headline: string;
  reasons: string[];
  table: { headers: string[]; rows: string[][] };
} {
  return {
    action: decision.action,
    headline: headline(decision),
    reasons: decision.reasons,
    table: { headers: HEADERS, rows: decision.evidence.map(cells) },
  };
}

/** A plain-text table of the evidence, for terminals. */
export function renderDecisionText(decision: Decision): string {
  const rows = [HEADERS, ...decision.evidence.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((row) => (row[i] as string).length)));
  const line = (row: string[]): string =>
    row
      .map((cell, i) => cell.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [
    `Gate decision: ${headline(decision)}`,
    '',
    ...decision.reasons.map((reason) => `- ${reason}`),
    '',
    line(rows[0] as string[]),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.slice(1).map(line),
    '',
  ].join('\n');
}

const escapeCell = (cell: string): string => cell.replaceAll('|', '\\|');

/** GitHub-flavoured markdown (for PR comments and `$GITHUB_STEP_SUMMARY`). */
export function renderDecisionMarkdown(decision: Decision): string {
  return [
    `### Gate decision: **${headline(decision)}**`,
    '',
    ...decision.reasons.map((reason) => `- ${reason}`),
    '',
    `| ${HEADERS.join(' | ')} |`,
    `| ${HEADERS.map(() => '---').join(' | ')} |`,
    ...decision.evidence.map((row) => `| ${cells(row).map(escapeCell).join(' | ')} |`),
    '',
  ].join('\n');
}

import type { LiveLook } from './live-canary-analysis.js';

const rate = (side?: { requests: number; failures: number }): string =>
  side === undefined
    ? 'no data'
    : `${side.failures}/${side.requests}${side.requests > 0 ? ` (${((100 * side.failures) / side.requests).toFixed(1)}%)` : ''}`;

/** `1/p` of an evidence row as an e-value, or `–`. */
function eValue(look: LiveLook, check: string): string {
  const row = look.evidence.find((e) => e.check === check);
  if (row?.pValue === undefined) return '–';
  const e = 1 / row.pValue;
  return `${e >= 1000 ? e.toExponential(1) : e.toFixed(2)}${row.verdict === 'fail' ? ' ✗' : row.verdict === 'pass' && check.endsWith('nonInferiority') ? ' ✓' : ''}`;
}

/**
 * The evidence table of a live canary: one row per look with what each track served since the previous look,
 * the e-values of the regression and non-inferiority tests, and the action (Markdown).
 */
export function renderEvidenceTable(looks: readonly LiveLook[]): string {
  const lines = [
    '| look | step | canary failed/requests | stable failed/requests | regression e-value | non-inferiority e-value | action | why |',
    '| ---: | ---: | --- | --- | ---: | ---: | --- | --- |',
  ];
  looks.forEach((look, i) => {
    const why = (look.reasons[0] ?? '').replace(/\|/g, '\\|');
    lines.push(
      `| ${i + 1} | ${look.step}% | ${rate(look.canary)} | ${rate(look.stable)} | ${eValue(look, 'canary.regression')} | ${eValue(look, 'canary.nonInferiority')} | ${look.action} | ${why} |`,
    );
  });
  return lines.join('\n');
}

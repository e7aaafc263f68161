import { escapeHtml } from './escape-html.js';

/** One bar of the chart: a pass rate with its interval and, optionally, the threshold it must meet. */
export interface ChartBar {
  label: string;
  /** Smaller text after the label, e.g. the cell or `baseline`. */
  group?: string;
  passRate: number;
  low: number;
  high: number;
  threshold?: number;
  passed: boolean;
}

const ROW = 26;
const LABEL = 260;
const PLOT = 420;
const RIGHT = 150;

/**
 * An inline SVG of pass rates: a bar per suite (and cell), the Wilson interval as a whisker, the threshold as a
 * tick; failing suites in red. No script, no external reference; `<title>`s give exact numbers on hover.
 */
export function renderPassRateChart(bars: readonly ChartBar[], confidence = 0.95): string {
  const height = 30 + bars.length * ROW + 24;
  const width = LABEL + PLOT + RIGHT;
  const x = (rate: number): number => LABEL + Math.max(0, Math.min(1, rate)) * PLOT;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" aria-label="Pass rate per suite with ${Math.round(confidence * 100)}% Wilson intervals">`,
  ];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${x(tick)}" y1="18" x2="${x(tick)}" y2="${height - 20}" class="grid"/>`,
      `<text x="${x(tick)}" y="${height - 6}" text-anchor="middle" class="axis">${tick * 100}%</text>`,
    );
  }
  bars.forEach((bar, i) => {
    const y = 24 + i * ROW;
    const label = bar.label.length > 34 ? `${bar.label.slice(0, 33)}…` : bar.label;
    const group = bar.group
      ? ` <tspan class="group">${escapeHtml(bar.group.length > 28 ? `${bar.group.slice(0, 27)}…` : bar.group)}</tspan>`
      : '';
    const title = `${bar.group ? `${bar.group} · ` : ''}${bar.label}: ${(bar.passRate * 100).toFixed(1)}% [${(bar.low * 100).toFixed(1)}%, ${(bar.high * 100).toFixed(1)}%]${bar.threshold === undefined ? '' : `, threshold ${(bar.threshold * 100).toFixed(0)}%`}`;
    parts.push(
      `<g class="bar ${bar.passed ? 'pass' : 'fail'}"><title>${escapeHtml(title)}</title>`,
      `<text x="${LABEL - 8}" y="${y + 13}" text-anchor="end" class="label">${escapeHtml(label)}${group}</text>`,
      `<rect x="${LABEL}" y="${y + 3}" width="${(x(bar.passRate) - LABEL).toFixed(1)}" height="14" rx="2"/>`,
      `<line x1="${x(bar.low).toFixed(1)}" y1="${y + 10}" x2="${x(bar.high).toFixed(1)}" y2="${y + 10}" class="ci"/>`,
      `<line x1="${x(bar.low).toFixed(1)}" y1="${y + 5}" x2="${x(bar.low).toFixed(1)}" y2="${y + 15}" class="ci"/>`,
      `<line x1="${x(bar.high).toFixed(1)}" y1="${y + 5}" x2="${x(bar.high).toFixed(1)}" y2="${y + 15}" class="ci"/>`,
      bar.threshold === undefined
        ? ''
        : `<line x1="${x(bar.threshold).toFixed(1)}" y1="${y}" x2="${x(bar.threshold).toFixed(1)}" y2="${y + 20}" class="threshold"/>`,
      `<text x="${LABEL + PLOT + 8}" y="${y + 13}" class="value">${(bar.passRate * 100).toFixed(1)}% [${(bar.low * 100).toFixed(0)}–${(bar.high * 100).toFixed(0)}]</text>`,
      '</g>',
    );
  });
  parts.push('</svg>');
  return parts.filter(Boolean).join('');
}

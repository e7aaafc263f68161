/**
 * Upper edges of up to `bins` quantile bins of `values` (duplicates merged, so a baseline with few
 * distinct values gets fewer bins). A value v falls in the first bin whose edge is ≥ v; the last bin is open.
 */
export function quantileEdges(values: readonly number[], bins: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) {
    const edge = sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / bins))] as number;
    if (edges.at(-1) !== edge) edges.push(edge);
  }
  if (edges.at(-1) === sorted.at(-1)) edges.pop();
  return edges;
}

/** Counts of `values` in the bins defined by {@link quantileEdges} (edges.length + 1 bins). */
export function binCounts(values: readonly number[], edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const value of values) {
    let bin = edges.findIndex((edge) => value <= edge);
    if (bin < 0) bin = edges.length;
    counts[bin] = (counts[bin] as number) + 1;
  }
  return counts;
}

/**
 * The name of a Vitest test that runs several cases: the first and last case ids and where the cases sit in the
 * suite, e.g. `c0 … c9 (cases 1–10 of 10000)`. Unique within its suite (groups never overlap), readable in
 * Vitest's output, and what `-t` matches.
 */
export function groupTitle(options: {
  firstId: string;
  lastId: string;
  start: number;
  count: number;
  total: number;
}): string {
  const { firstId, lastId, start, count, total } = options;
  if (count === 1) return `${firstId} (case ${start + 1} of ${total})`;
  return `${firstId} … ${lastId} (cases ${start + 1}–${start + count} of ${total})`;
}

/**
 * Sentence-level BLEU (Papineni et al. 2002, "BLEU: a method for automatic evaluation of machine translation")
 * as NLTK's `sentence_bleu` computes it without smoothing: clipped ("modified") n-gram precisions against
 * several references, their weighted geometric mean, and the brevity penalty `exp(1 − r/c)` with `r` the
 * reference length closest to the hypothesis length (the shorter one on a tie). Tokens are whitespace-separated
 * and case-sensitive, as in NLTK's examples. No matching unigram, or no match at some order, gives 0.
 */
export interface BleuOptions {
  /** Weights of the 1..N-gram precisions. @default [0.25, 0.25, 0.25, 0.25] */
  weights?: number[];
}

export const bleuTokens = (text: string): string[] => text.split(/\s+/).filter((token) => token.length > 0);

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The clipped n-gram precision as `[matches, hypothesis n-grams (at least 1)]`. */
export function modifiedPrecision(references: string[][], hypothesis: string[], n: number): [number, number] {
  const counts = ngramCounts(hypothesis, n);
  const maxCounts = new Map<string, number>();
  for (const reference of references) {
    const referenceCounts = ngramCounts(reference, n);
    for (const gram of counts.keys()) {
      maxCounts.set(gram, Math.max(maxCounts.get(gram) ?? 0, referenceCounts.get(gram) ?? 0));
    }
  }
  let matches = 0;
  let total = 0;
  for (const [gram, count] of counts) {
    matches += Math.min(count, maxCounts.get(gram) ?? 0);
    total += count;
  }
  return [matches, Math.max(1, total)];
}

/** The reference length closest to `hypothesisLength` (the shorter on a tie). */
export function closestReferenceLength(references: string[][], hypothesisLength: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const { length } of references) {
    const closer = Math.abs(length - hypothesisLength) < Math.abs(best - hypothesisLength);
    const tie = Math.abs(length - hypothesisLength) === Math.abs(best - hypothesisLength) && length < best;
    if (closer || tie) best = length;
  }
  return best;
}

/** `1` when the hypothesis is longer than the closest reference, else `exp(1 − r/c)`; 0 for an empty hypothesis. */
export function brevityPenalty(closestReference: number, hypothesisLength: number): number {
  if (hypothesisLength > closestReference) return 1;
  if (hypothesisLength === 0) return 0;
  return Math.exp(1 - closestReference / hypothesisLength);
}

/** BLEU of one tokenised hypothesis against one or more tokenised references. */
export function sentenceBleu(references: string[][], hypothesis: string[], options: BleuOptions = {}): number {
  const weights = options.weights ?? [0.25, 0.25, 0.25, 0.25];
  if (references.length === 0) throw new RangeError('BLEU needs at least one reference');
  const precisions = weights.map((_, i) => modifiedPrecision(references, hypothesis, i + 1));
  if ((precisions[0]?.[0] ?? 0) === 0) return 0;
  let logSum = 0;
  for (const [i, [matches, total]] of precisions.entries()) {
    if (matches === 0) return 0;
    logSum += (weights[i] ?? 0) * Math.log(matches / total);
  }
  const penalty = brevityPenalty(closestReferenceLength(references, hypothesis.length), hypothesis.length);
  return penalty * Math.exp(logSum);
}

/**
 * ROUGE-N and ROUGE-L (Lin 2004, "ROUGE: A Package for Automatic Evaluation of Summaries") as computed by
 * Google's `rouge-score` package, the reference Python implementation: text is lower-cased, every character
 * outside `[a-z0-9]` becomes a space, tokens are the whitespace-separated pieces (no stemming); n-gram overlap
 * is clipped by count; the F-measure is the harmonic mean of precision and recall.
 */
export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

/** The tokens `rouge-score`'s default tokenizer produces. */
export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((token) => token.length > 0);
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function score(overlap: number, predicted: number, reference: number): RougeScore {
  const precision = predicted === 0 ? 0 : overlap / predicted;
  const recall = reference === 0 ? 0 : overlap / reference;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** ROUGE-N of `prediction` against `reference`. */
export function rougeN(reference: string, prediction: string, n: number): RougeScore {
  const ref = ngramCounts(rougeTokens(reference), n);
  const pred = ngramCounts(rougeTokens(prediction), n);
  let overlap = 0;
  for (const [gram, count] of pred) overlap += Math.min(count, ref.get(gram) ?? 0);
  const total = (counts: Map<string, number>): number => [...counts.values()].reduce((a, b) => a + b, 0);
  return score(overlap, total(pred), total(ref));
}

/** ROUGE-L: the longest common subsequence of the two token lists. */
export function rougeL(reference: string, prediction: string): RougeScore {
  const ref = rougeTokens(reference);
  const pred = rougeTokens(prediction);
  let previous = new Array<number>(pred.length + 1).fill(0);
  for (let i = 1; i <= ref.length; i++) {
    const current = new Array<number>(pred.length + 1).fill(0);
    for (let j = 1; j <= pred.length; j++) {
      current[j] =
        ref[i - 1] === pred[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    previous = current;
  }
  return score(previous[pred.length] ?? 0, pred.length, ref.length);
}

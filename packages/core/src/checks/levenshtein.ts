/**
 * Levenshtein edit distance (insertions, deletions and substitutions of one code point,
 * each costing 1), in O(n·m) time and O(min(n, m)) memory.
 */
export function levenshteinDistance(a: string, b: string): number {
  let left = Array.from(a);
  let right = Array.from(b);
  if (left.length < right.length) [left, right] = [right, left];
  let previous = Array.from({ length: right.length + 1 }, (_, j) => j);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (left[i - 1] === right[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/** `1 − distance / max(length)`: 1 for equal strings, 0 for nothing in common. Two empty strings are equal (1). */
export function levenshteinSimilarity(a: string, b: string): number {
  const longest = Math.max(Array.from(a).length, Array.from(b).length);
  return longest === 0 ? 1 : 1 - levenshteinDistance(a, b) / longest;
}

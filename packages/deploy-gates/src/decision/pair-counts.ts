/** Paired outcomes of the same case and trial on both sides (McNemar's table). */
export interface PairCounts {
  bothPass: number;
  candidateOnly: number;
  baselineOnly: number;
  bothFail: number;
}

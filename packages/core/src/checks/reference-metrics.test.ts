import { describe, expect, it } from 'vitest';
import { brevityPenalty, closestReferenceLength, modifiedPrecision, sentenceBleu } from './bleu.js';
import { levenshteinDistance, levenshteinSimilarity } from './levenshtein.js';
import { rougeL, rougeN } from './rouge.js';

const close = (actual: number, expected: number, digits = 6): void => {
  expect(Math.abs(actual - expected)).toBeLessThan(10 ** -digits);
};

describe('levenshtein', () => {
  // The textbook examples (Levenshtein 1966; Wikipedia, "Levenshtein distance"): kitten → sitting is 3 edits,
  // Saturday → Sunday 3, flaw → lawn 2.
  it.each([
    ['kitten', 'sitting', 3],
    ['Saturday', 'Sunday', 3],
    ['flaw', 'lawn', 2],
    ['', 'abc', 3],
    ['same', 'same', 0],
    ['🙂a', '🙃a', 1],
  ])('distance(%s, %s) = %i', (a, b, distance) => {
    expect(levenshteinDistance(a, b)).toBe(distance);
    expect(levenshteinDistance(b, a)).toBe(distance);
  });

  it('normalises by the longer string', () => {
    close(levenshteinSimilarity('kitten', 'sitting'), 1 - 3 / 7);
    expect(levenshteinSimilarity('', '')).toBe(1);
    expect(levenshteinSimilarity('abc', 'xyz')).toBe(0);
  });
});

// Reference values from google-research/rouge `rouge/rouge_scorer_test.py` (the `rouge-score` package); the two
// ROUGE-1.5.5 rows use its `testdata/target.txt` and `prediction.txt` (first lines), which agree with the
// original Perl ROUGE-1.5.5 to 5 places.
describe('rouge (rouge-score reference values)', () => {
  it('ROUGE-1 "testing one two" vs "testing": P 1, R 1/3, F 1/2', () => {
    const s = rougeN('testing one two', 'testing', 1);
    close(s.precision, 1);
    close(s.recall, 1 / 3);
    close(s.f1, 1 / 2);
  });
  it('ROUGE-2 "testing one two" vs "testing one": P 1, R 1/2, F 2/3', () => {
    const s = rougeN('testing one two', 'testing one', 2);
    close(s.precision, 1);
    close(s.recall, 1 / 2);
    close(s.f1, 2 / 3);
  });
  it('ROUGE-L consecutive and non-consecutive: P 1, R 2/3, F 4/5', () => {
    for (const prediction of ['testing one', 'testing two']) {
      const s = rougeL('testing one two', prediction);
      close(s.precision, 1);
      close(s.recall, 2 / 3);
      close(s.f1, 4 / 5);
    }
  });
  it('an empty prediction scores 0', () => {
    expect(rougeN('testing one two', '', 1).f1).toBe(0);
    expect(rougeL('testing one two', '').f1).toBe(0);
  });

  const target0 =
    "ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L";
  const prediction0 = "rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi";
  const target1 =
    "KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN";
  const prediction1 =
    "n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD";

  it.each([
    ['rouge1', target0, prediction0, 0.6875, 0.40741, 0.51163],
    ['rouge1', target1, prediction1, 0.65385, 0.40476, 0.5],
    ['rouge2', target0, prediction0, 0.53333, 0.30769, 0.39024],
    ['rouge2', target1, prediction1, 0.48, 0.29268, 0.36364],
    ['rougeL', target0, prediction0, 0.6875, 0.40741, 0.51163],
    ['rougeL', target1, prediction1, 0.65385, 0.40476, 0.5],
  ])('%s agrees with ROUGE-1.5.5 to 5 places', (type, target, prediction, p, r, f) => {
    const s = type === 'rougeL' ? rougeL(target, prediction) : rougeN(target, prediction, type === 'rouge1' ? 1 : 2);
    close(s.precision, p, 5);
    close(s.recall, r, 5);
    close(s.f1, f, 5);
  });
});

// Reference values from NLTK's `nltk/translate/bleu_score.py` doctests (sentence_bleu, modified_precision,
// brevity_penalty), the implementation most BLEU numbers in the literature on sentence level come from.
describe('bleu (NLTK reference values)', () => {
  const words = (text: string): string[] => text.split(' ');
  const hypothesis1 = words(
    'It is a guide to action which ensures that the military always obeys the commands of the party',
  );
  const hypothesis2 = words('It is to insure the troops forever hearing the activity guidebook that party direct');
  const references = [
    words('It is a guide to action that ensures that the military will forever heed Party commands'),
    words(
      'It is the guiding principle which guarantees the military forces always being under the command of the Party',
    ),
    words('It is the practical guide for the army always to heed the directions of the party'),
  ];

  it('sentence_bleu with uniform 4-gram weights: 0.5045…', () => {
    close(sentenceBleu(references, hypothesis1), 0.5045666840058485);
    // hypothesis2 has no trigram in any reference: current NLTK returns 0 without smoothing (the old
    // doctest's 0.3969 came from a version that skipped empty orders).
    expect(sentenceBleu(references, hypothesis2)).toBe(0);
  });
  it('sentence_bleu with five weights of 0.1666: 0.45838627164939455', () => {
    close(
      sentenceBleu(references, hypothesis1, { weights: [0.1666, 0.1666, 0.1666, 0.1666, 0.1666] }),
      0.45838627164939455,
    );
  });
  it('modified precision: 0.9444…, 0.5714…, 0.5882352941176471, 0.07692…, and "the the …" 0.2857…', () => {
    const ratio = ([m, t]: [number, number]): number => m / t;
    close(ratio(modifiedPrecision(references, hypothesis1, 1)), 17 / 18);
    close(ratio(modifiedPrecision(references, hypothesis2, 1)), 8 / 14);
    close(ratio(modifiedPrecision(references, hypothesis1, 2)), 0.5882352941176471);
    close(ratio(modifiedPrecision(references, hypothesis2, 2)), 1 / 13);
    const cat = [words('the cat is on the mat'), words('there is a cat on the mat')];
    close(ratio(modifiedPrecision(cat, words('the the the the the the the'), 1)), 2 / 7);
  });
  it('brevity penalty: 1.0, 0.2635971381157267 and 0.9200…; the shorter reference wins a tie', () => {
    const a = (n: number): string[] => new Array<string>(n).fill('a');
    expect(brevityPenalty(closestReferenceLength([a(12), a(15), a(17)], 12), 12)).toBe(1);
    close(brevityPenalty(closestReferenceLength([a(28), a(28)], 12), 12), 0.2635971381157267);
    expect(brevityPenalty(closestReferenceLength([a(13), a(2)], 12), 12).toFixed(4)).toBe('0.9200');
    expect(closestReferenceLength([a(13), a(11)], 12)).toBe(11);
  });
  it('no matching unigram (or no match at some order) gives 0', () => {
    expect(sentenceBleu([words('a b c d')], words('x y z w'))).toBe(0);
    expect(sentenceBleu([words('a b c d')], words('a b x c'))).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { mcnemarExact } from '../stats/mcnemar-exact.js';
import { pairedDifferenceInterval } from '../stats/paired-difference-interval.js';
import { makeMatrixFixture } from '../test-utils/make-report-fixture.js';
import { compareCells } from './compare-cells.js';
import { renderCellComparisonMarkdown, renderCellComparisonText } from './render-cell-comparison.js';

describe('compareCells', () => {
  it('pairs trials by suite, case and trial, with the paired interval and exact McNemar of core/stats', () => {
    const report = makeMatrixFixture([
      { id: 'a', failRate: 0.3 },
      { id: 'b', failRate: 0.05 },
    ]);
    const comparison = compareCells(report);
    const [pair] = comparison.pairs;
    if (!pair) throw new Error('no pair');
    const cells = report.matrix?.cells ?? [];
    const outcomes = (i: number) =>
      (cells[i]?.suites ?? []).flatMap((s) => s.cases.flatMap((c) => c.trials.map((t) => t.status === 'passed')));
    const a = outcomes(0);
    const b = outcomes(1);
    const counts = { bothPass: 0, candidateOnly: 0, baselineOnly: 0, bothFail: 0 };
    a.forEach((passedA, i) => {
      const passedB = b[i];
      if (passedA && passedB) counts.bothPass++;
      else if (passedB) counts.candidateOnly++;
      else if (passedA) counts.baselineOnly++;
      else counts.bothFail++;
    });
    const expected = pairedDifferenceInterval(counts);
    expect(pair).toMatchObject({
      a: 'a',
      b: 'b',
      pairs: a.length,
      bOnly: counts.candidateOnly,
      aOnly: counts.baselineOnly,
    });
    expect(pair.difference).toBeCloseTo(expected.difference, 12);
    expect(pair.interval.low).toBeCloseTo(expected.low, 12);
    expect(pair.pValue).toBeCloseTo(mcnemarExact(counts).pValueTwoSided, 12);
    expect(comparison.best.cell).toBe('b');
  });

  it('calls the best cell best with confidence only when it beats every other after Holm', () => {
    const clear = compareCells(
      makeMatrixFixture(
        [
          { id: 'bad', failRate: 0.6 },
          { id: 'good', failRate: 0 },
        ],
        { suites: 2, casesPerSuite: 40, errorRate: 0 },
      ),
    );
    expect(clear.best).toMatchObject({ cell: 'good', significant: true, tiedWith: [] });
    expect(clear.best.sentence).toMatch(
      /^Best cell: good \(pass rate 100\.0%\), better than every other cell with 95% confidence/,
    );

    const close = compareCells(
      makeMatrixFixture(
        [
          { id: 'x', failRate: 0.1 },
          { id: 'y', failRate: 0.12 },
        ],
        { suites: 1, casesPerSuite: 20 },
      ),
    );
    expect(close.best.significant).toBe(false);
    expect(close.best.sentence).toMatch(/but not with 95% confidence: it cannot be told apart from/);
  });

  it('renders the tables with cell numbers and the best-cell line', () => {
    const comparison = compareCells(
      makeMatrixFixture([
        { id: 'model=m1,prompt=v1', failRate: 0.2 },
        { id: 'model=m1,prompt=v2', failRate: 0.1 },
        { id: 'model=m2,prompt=v1', failRate: 0.3 },
      ]),
    );
    const text = renderCellComparisonText(comparison);
    expect(text).toMatch(/^# +Cell +Pass rate/);
    expect(text).toMatch(/#2 − #1 +[+−]\d+\.\d/);
    expect(text).toContain(comparison.best.sentence);
    expect(
      Math.max(
        ...text
          .split('\n')
          .slice(0, -3)
          .map((line) => line.length),
      ),
    ).toBeLessThanOrEqual(100);
    expect(renderCellComparisonMarkdown(comparison)).toMatch(/\| # \| Cell \| Pass rate \|/);
  });
});

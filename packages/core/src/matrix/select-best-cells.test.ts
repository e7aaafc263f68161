import { describe, expect, it } from 'vitest';
import { createMockLlm } from '../mock/create-mock-llm.js';
import type { RunReport } from '../schema/report.js';
import { makeMatrixFixture } from '../test-utils/make-report-fixture.js';
import { selectBestCells } from './select-best-cells.js';

function withAnswers(report: RunReport, answers: string[]): RunReport {
  for (const [index, cell] of (report.matrix?.cells ?? []).entries()) {
    for (const suite of cell.suites) {
      for (const result of suite.cases) for (const trial of result.trials) trial.response = answers[index] ?? '';
    }
  }
  return report;
}

const choose = (best: number) => ({
  respond: { toolCalls: [{ name: 'submit_choice', arguments: { best, reason: 'clearer' } }] },
});

describe('selectBestCells', () => {
  it("counts the grader's picks per cell over the trials every cell ran", async () => {
    const report = withAnswers(
      makeMatrixFixture([
        { id: 'a', failRate: 0 },
        { id: 'b', failRate: 0 },
      ]),
      ['vague', 'precise'],
    );
    const llm = createMockLlm([{ when: { user: '/<candidate index="1">precise/' }, ...choose(1) }, choose(0)]);
    const result = await selectBestCells({ report, grader: { llm } });
    const trials = (report.matrix?.cells[0]?.suites ?? []).reduce(
      (n, s) => n + s.cases.reduce((m, c) => m + c.trials.length, 0),
      0,
    );
    expect(result.compared).toBe(trials);
    expect(result.decided).toBe(trials);
    expect(result.cells.map((c) => [c.id, c.wins])).toEqual([
      ['a', 0],
      ['b', trials],
    ]);
    expect(result.cells[1]?.interval.low).toBeGreaterThan(0.5);
    expect(result.errors).toEqual([]);
  });

  it('a grader without a valid choice wins nobody anything: every trial is an error', async () => {
    const report = withAnswers(
      makeMatrixFixture([
        { id: 'a', failRate: 0 },
        { id: 'b', failRate: 0 },
      ]),
      ['x', 'y'],
    );
    const result = await selectBestCells({ report, grader: { llm: createMockLlm([{ respond: 'b is better' }]) } });
    expect(result.decided).toBe(0);
    expect(result.errors.length).toBe(result.compared);
    expect(result.cells.every((c) => c.wins === 0)).toBe(true);
  });

  it('needs a matrix report', async () => {
    const report = makeMatrixFixture([{ id: 'a', failRate: 0 }]);
    await expect(selectBestCells({ report, grader: { llm: createMockLlm([{ respond: 'x' }]) } })).rejects.toMatchObject(
      {
        code: 'AGENT_CICD_USAGE',
      },
    );
  });
});

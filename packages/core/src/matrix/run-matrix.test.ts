import { describe, expect, it } from 'vitest';
import { RunReportSchema } from '../schema/report.js';
import { makeMatrixFixture, makeReportFixture } from '../test-utils/make-report-fixture.js';
import { buildMatrixReport, matrixCells, selectCell } from './run-matrix.js';

describe('matrixCells', () => {
  it('is models × prompt versions, models outermost', () => {
    expect(matrixCells({ models: ['a', 'b'], promptVersions: ['v1', 'v2'] })).toEqual([
      { id: 'model=a,prompt=v1', llmModel: 'a', promptVersion: 'v1' },
      { id: 'model=a,prompt=v2', llmModel: 'a', promptVersion: 'v2' },
      { id: 'model=b,prompt=v1', llmModel: 'b', promptVersion: 'v1' },
      { id: 'model=b,prompt=v2', llmModel: 'b', promptVersion: 'v2' },
    ]);
    expect(matrixCells({ promptVersions: ['v1', 'v2'] }).map((cell) => cell.id)).toEqual(['prompt=v1', 'prompt=v2']);
  });

  it('rejects an empty matrix and duplicates', () => {
    expect(() => matrixCells({})).toThrow(/needs models and\/or prompt versions/);
    expect(() => matrixCells({ models: ['a', 'a'] })).toThrow(/matrix.models lists "a" twice/);
  });
});

describe('matrix reports', () => {
  it('are schemaVersion 2 with every cell; the top level is the first cell', () => {
    const a = makeReportFixture({ failRate: 0.2 });
    const b = makeReportFixture({ failRate: 0 });
    const report = buildMatrixReport([
      { cell: { id: 'prompt=v1', promptVersion: 'v1' }, report: a },
      { cell: { id: 'prompt=v2', promptVersion: 'v2' }, report: b },
    ]);
    expect(RunReportSchema.parse(report)).toEqual(report);
    expect(report.schemaVersion).toBe(2);
    expect(report.suites).toBe(a.suites);
    expect(report.matrix?.cells.map((cell) => [cell.id, cell.promptVersion])).toEqual([
      ['prompt=v1', 'v1'],
      ['prompt=v2', 'v2'],
    ]);
  });

  it('a version 2 report must have the matrix and a version 1 report must not', () => {
    const matrix = makeMatrixFixture([{ id: 'x', failRate: 0 }]);
    expect(RunReportSchema.safeParse({ ...matrix, schemaVersion: 1 }).success).toBe(false);
    const { matrix: _m, ...plain } = matrix;
    expect(RunReportSchema.safeParse({ ...plain, schemaVersion: 2 }).success).toBe(false);
  });

  it('selectCell gives one cell as an ordinary report, and names the cells when one is missing', () => {
    const report = makeMatrixFixture([
      { id: 'a', model: 'm1', failRate: 0.5 },
      { id: 'b', model: 'm2', failRate: 0 },
    ]);
    const cell = selectCell(report, 'b');
    expect(RunReportSchema.parse(cell)).toEqual(cell);
    expect(cell.schemaVersion).toBe(1);
    expect(cell.suites).toBe(report.matrix?.cells[1]?.suites);
    expect(cell.subject).toMatchObject({ cell: 'b', model: 'm2' });
    expect(() => selectCell(report, 'c')).toThrow('no cell "c" in this matrix report; its cells: a, b');
    expect(() => selectCell(makeReportFixture(), 'a')).toThrow(/not a matrix run/);
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMockLlm } from '../mock/create-mock-llm.js';
import { makeRunContext } from '../test-utils/make-run-context.js';
import { runSuite } from './run-suite.js';
import { writeRunReport } from './write-run-report.js';

describe('writeRunReport', () => {
  it('streams the cases from the JSONL file into the same JSON as the in-memory report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-cicd-write-report-'));
    const resultsFile = join(dir, 'run.jsonl');
    const llm = createMockLlm([{ probability: 0.5, respond: 'yes "quoted" \n text', otherwise: 'no' }], { seed: 2 });
    const suite = (name: string, n: number) => ({
      suite: {
        name,
        cases: Array.from({ length: n }, (_, i) => ({
          id: `${name}-${i}`,
          userInput: `q${i}`,
          expectedResponseKeywords: ['yes'],
        })),
      },
    });
    const report = await runSuite({
      suites: [suite('a', 7), suite('empty-results', 0), suite('b', 3)],
      context: makeRunContext({ llm }),
      concurrency: 3,
      resultsFile,
    });
    const file = join(dir, 'out', 'report.json');
    const withoutCases = { ...report, suites: report.suites.map((s) => ({ ...s, cases: [] })) };
    await writeRunReport({ report: withoutCases, resultsFile, file });
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });
});

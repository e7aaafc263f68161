import { afterAll, expect, it } from 'vitest';
import { removeFixtureCopies, runFixture } from './utils/run-fixture.js';

afterAll(removeFixtureCopies);

it('runs a seed-format *.cases.json (snake_case array, judge rubric) unchanged', async () => {
  const run = await runFixture('seed-cases');
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  const suite = run.reports['report.json']?.suites[0];
  expect(suite?.name).toBe('prompt_test');
  expect(suite?.file).toBe('prompt_test.cases.json');
  expect(suite?.cases.map((c) => [c.caseId, c.name, c.status, c.score])).toEqual([
    ['tc_001', 'Refund request', 'passed', 0.9],
    ['tc_002', 'Greeting', 'passed', 0.9],
  ]);
  // Vitest's default reporter lists passing tests only when they are slow, so assert on our reporter's summary.
  expect(run.stdout).toContain('✓ prompt_test  prompt_test.cases.json');
  expect(run.stdout).toContain('cases 2/2 passed');
}, 180_000);

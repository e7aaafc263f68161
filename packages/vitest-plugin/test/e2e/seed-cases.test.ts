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

it("collects the seed's own file name, tests/prompt_test_cases.json, through the include option", async () => {
  const { copyFixture } = await import('./utils/run-fixture.js');
  const { mkdir, rename } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const root = await copyFixture('seed-cases');
  await mkdir(join(root, 'tests'));
  await rename(join(root, 'prompt_test.cases.json'), join(root, 'tests/prompt_test_cases.json'));
  const run = await runFixture('seed-cases', { root, plugin: { include: ['tests/prompt_test_cases.json'] } });
  expect(run.stderr).not.toContain('No test suite found');
  expect(run.exitCode, run.stdout + run.stderr).toBe(0);
  const suite = run.reports['report.json']?.suites[0];
  expect(suite?.file).toBe('tests/prompt_test_cases.json');
  expect(suite?.cases.map((c) => [c.caseId, c.status])).toEqual([
    ['tc_001', 'passed'],
    ['tc_002', 'passed'],
  ]);
}, 180_000);

import { afterAll, expect, it } from 'vitest';
import { removeFixtureCopies, runFixture } from './utils/run-fixture.js';

afterAll(removeFixtureCopies);

it('a YAML syntax error fails the run with one error naming the file and line', async () => {
  const run = await runFixture('yaml-syntax-error');
  console.log(run.stdout, run.stderr);
  expect(run.exitCode).toBe(1);
}, 60_000);

import { afterAll, expect, it } from 'vitest';
import { removeFixtureCopies, runFixture, vitestVersion } from './utils/run-fixture.js';

afterAll(removeFixtureCopies);

it('a YAML syntax error fails the run with one error naming the file and line', async () => {
  const run = await runFixture('yaml-syntax-error');
  expect(run.stdout).toContain(`RUN  v${vitestVersion}`);
  expect(run.exitCode).toBe(1);
  const errors = `${run.stdout}${run.stderr}`.split('\n').filter((line) => line.includes('AGENT_CICD_'));
  expect(errors).toEqual([
    'AgentCicdError: error[AGENT_CICD_PARSE_ERROR] broken.prompt.yaml:6:16: YAML syntax error: Nested mappings are not allowed in compact mappings',
  ]);
  // No stack trace into the plugin: the one line is the whole story.
  expect(run.stdout).not.toMatch(/❯ .*agent-cicd|\n\s+at /);
  expect(run.reports).toEqual({});
}, 180_000);

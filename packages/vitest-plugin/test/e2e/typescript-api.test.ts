import { afterAll, expect, it } from 'vitest';
import { removeFixtureCopies, runFixture } from './utils/run-fixture.js';

afterAll(removeFixtureCopies);

it('describePrompt: fixtures from the tier, matchers, every trial recorded, the threshold gates', async () => {
  const run = await runFixture('typescript-api');
  expect(run.exitCode).toBe(0);
  const suite = run.reports['report.json']?.suites[0];
  expect([suite?.name, suite?.file, suite?.threshold, suite?.passRate, suite?.passed]).toEqual([
    'support-ts',
    'support.prompt.test.ts',
    0.5,
    0.5,
    true,
  ]);
  expect(suite?.cases.map((c) => [c.caseId, c.status, c.trials.length, c.passRate, c.passHatK])).toEqual([
    ['refund', 'passed', 2, 1, 1],
    ['greeting', 'failed', 2, 0, 0],
  ]);
  // A trial records what the agent did: tools, tokens, the judge went through the tier's (mock) model.
  const refund = suite?.cases[0]?.trials[0];
  expect(refund?.toolsCalled).toEqual([{ name: 'lookup_order', arguments: { orderId: '42' } }]);
  expect(refund?.tokens.output).toBeGreaterThan(0);
  expect(suite?.cases[1]?.violations[0]).toMatchObject({
    check: 'assertion',
    message:
      'trials 1, 2 of 2: expected the agent to call tool "lookup_order": expected tool "lookup_order" was not called (no tools were called)',
  });
  // Vitest shows the failed case with the matcher's words, the response, and the user's failing line.
  expect(run.stderr).toContain(
    [
      'PromptCaseFailure: case greeting failed (0/2 trials passed)',
      '  - expected the agent to call tool "lookup_order": expected tool "lookup_order" was not called (no tools were called) (2/2 trials)',
      '  tools called: (none)',
      '  response: "Hello! How can I help you today?"',
      ' ❯ support.prompt.test.ts:15:17',
    ].join('\n'),
  );
  // The plain promptTest (no describePrompt) passed and is not a prompt case.
  expect(run.stdout).toMatch(/Tests {2}1 failed \| 2 passed/);
  expect(run.reports['report.json']?.suites).toHaveLength(1);
}, 180_000);

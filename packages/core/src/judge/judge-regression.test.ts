import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRunContext } from '../run/create-run-context.js';
import { runSuite } from '../run/run-suite.js';
import { loadSuiteFile } from '../schema/load-suite.js';

const prompts = fileURLToPath(new URL('../../../../prompts/', import.meta.url));

describe('the judge rubric regression suite (prompts/judge.prompt.yaml)', () => {
  it('passes every case on the recorded cassettes, injections included', async () => {
    const context = await createRunContext({ cwd: prompts, env: {} });
    const loaded = await loadSuiteFile(`${prompts}judge.prompt.yaml`);
    const report = await runSuite({ suites: [loaded], context });
    const suite = report.suites[0];
    expect(suite?.cases.filter((c) => c.status !== 'passed').map((c) => [c.caseId, c.violations])).toEqual([]);
    expect(suite?.passed).toBe(true);
    const injection = suite?.cases.find((c) => c.caseId === 'injection-in-output-fails');
    expect(injection?.trials[0]?.toolsCalled[0]).toMatchObject({ name: 'submit_verdict', arguments: { pass: false } });
  });
});

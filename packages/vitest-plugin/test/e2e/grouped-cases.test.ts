import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, removeFixtureCopies, runFixture } from './utils/run-fixture.js';

afterAll(removeFixtureCopies);

describe.concurrent('casesPerTest: several cases per Vitest test', { timeout: 180_000 }, () => {
  it('runs every case, fails a group naming its failing case at its line, skips a judge-only group', async () => {
    const run = await runFixture('grouped', { plugin: { casesPerTest: 3, judge: false } });
    // A case errored: the run fails.
    expect(run.exitCode).toBe(1);
    const suite = run.reports['report.json']?.suites[0];
    // The report counts cases, not Vitest tests, in definition order.
    expect(suite?.cases.map((c) => [c.caseId, c.status])).toEqual([
      ['greeting', 'passed'],
      ['weather', 'failed'],
      ['refund', 'passed'],
      ['tone', 'skipped'],
      ['warmth', 'skipped'],
      ['politeness', 'skipped'],
      ['outage', 'error'],
    ]);
    expect(suite?.counts).toMatchObject({ cases: 7, passed: 2, failed: 1, errored: 1, skipped: 3 });
    expect(run.stdout).toContain('   cases 2/7 passed, 1 errored, 3 skipped · ');
    // Three Vitest tests: the failing group, the skipped group, the erroring group of one.
    expect(run.stdout).toMatch(/Tests {2}2 failed \| 1 skipped \(3\)/);
    expect(run.stderr).toContain('FAIL  support.prompt.yaml > support > greeting … refund (cases 1–3 of 7)');
    expect(run.stderr).toContain(
      [
        'PromptCaseFailure: 1 of 3 cases did not pass: weather',
        'support.prompt.yaml:10: case weather failed',
        '  - the response does not contain keyword "forecast"',
        '  tools called: (none)',
        '  response: "I only help with orders."',
        // The group's error is built on its first case's line.
        ' ❯ support.prompt.yaml:7:1',
      ].join('\n'),
    );
    expect(run.stderr).toContain('FAIL  support.prompt.yaml > support > outage (case 7 of 7)');
    expect(run.stderr).toContain('PromptCaseError: case outage error\n  - the model call failed: upstream exploded');
    expect(run.stderr).toContain(' ❯ support.prompt.yaml:27:1');
  });

  it("'auto' keeps one test per case in a small file; -t <caseId> selects that case alone", async () => {
    const run = await runFixture('grouped', { testNamePattern: 'weather' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/Tests {2}1 failed \| 6 skipped \(7\)/);
    expect(run.reports['report.json']?.suites[0]?.cases.map((c) => [c.caseId, c.status])).toEqual([
      ['weather', 'failed'],
    ]);
  });

  it('with groups forced, -t matches the group names', async () => {
    const run = await runFixture('grouped', { plugin: { casesPerTest: 3 }, testNamePattern: 'tone …' });
    expect(run.stdout).toMatch(/Tests {2}1 passed \| 2 skipped \(3\)/);
    expect(run.reports['report.json']?.suites[0]?.cases.map((c) => c.caseId)).toEqual(['tone', 'warmth', 'politeness']);
  });
});

describe.concurrent("casesPerTest: 'auto' on a file above 1,000 cases", { timeout: 180_000 }, () => {
  /** The fixture with a 1,001-case suite instead of its own (every case greets and is answered, except `failing`). */
  async function bigFixture(failing?: string): Promise<string> {
    const root = await copyFixture('grouped');
    const cases = Array.from({ length: 1001 }, (_, i) =>
      `c${i}` === failing
        ? `  - { id: c${i}, userInput: hello ${i}, expectedResponseKeywords: [forecast] }`
        : `  - { id: c${i}, userInput: hello ${i}, expectedResponseKeywords: [help] }`,
    );
    await writeFile(
      join(root, 'big.prompt.yaml'),
      `name: big\nprompt: { name: support, version: v1 }\ncases:\n${cases.join('\n')}\n`,
    );
    await rm(join(root, 'support.prompt.yaml'));
    return root;
  }

  it('packs two cases per test (501 tests) and still reports every case', async () => {
    const run = await runFixture('grouped', { root: await bigFixture() });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/Tests {2}501 passed \(501\)/);
    const suite = run.reports['report.json']?.suites[0];
    expect(suite?.counts).toMatchObject({ cases: 1001, passed: 1001 });
    expect(suite?.cases.map((c) => c.caseId)).toEqual(Array.from({ length: 1001 }, (_, i) => `c${i}`));
  });

  it('while -t filters by name, registers one test per case, so -t selects the case', async () => {
    const run = await runFixture('grouped', { root: await bigFixture('c17'), testNamePattern: String.raw`\bc17$` });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/Tests {2}1 failed \| 1000 skipped \(1001\)/);
    expect(run.reports['report.json']?.suites[0]?.cases.map((c) => [c.caseId, c.status])).toEqual([['c17', 'failed']]);
    // The module has an error line per group of two (c16's line); the message says where c17 itself is.
    expect(run.stderr).toContain(
      [
        'PromptCaseFailure: big.prompt.yaml:21: case c17 failed',
        '  - the response does not contain keyword "forecast"',
      ].join('\n'),
    );
    expect(run.stderr).toContain(' ❯ big.prompt.yaml:20:1');
  });
});

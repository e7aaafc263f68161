import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExecFn } from '../../exec/exec.js';
import type { StageRunContext } from '../pipeline-stage.js';
import { missingNpmTest, NPM_PLACEHOLDER_TEST, unitTestStage } from './unit-test.js';

describe('missingNpmTest', () => {
  it('names what is missing: no package.json, no test script, npm init’s placeholder', () => {
    expect(missingNpmTest(undefined)).toBe('the project has no package.json');
    expect(missingNpmTest('{"name":"a","scripts":{"build":"tsc"}}')).toBe('package.json has no test script');
    expect(missingNpmTest('{"name":"a"}')).toBe('package.json has no test script');
    expect(missingNpmTest(JSON.stringify({ scripts: { test: NPM_PLACEHOLDER_TEST } }))).toMatch(
      /^package\.json's test script is npm's placeholder/,
    );
  });

  it('leaves every real test script — and a malformed package.json — to npm test', () => {
    expect(missingNpmTest('{"scripts":{"test":"vitest run"}}')).toBeUndefined();
    expect(missingNpmTest('{"scripts":{"test":"echo \\"Error: no test specified\\" && exit 1 && true"}}')).toBe(
      undefined,
    );
    expect(missingNpmTest('{ not json')).toBeUndefined();
  });
});

describe('unit_test stage', () => {
  let dir: string;
  let calls: string[][];
  const exec: ExecFn = async (file, args) => {
    calls.push([file, ...args]);
    return { stdout: 'ok\n', stderr: '', exitCode: 0, timedOut: false };
  };
  const run = (options: { command?: string }) =>
    unitTestStage.run({
      cwd: dir,
      env: {},
      exec,
      options: unitTestStage.options?.parse(options),
    } as unknown as StageRunContext<{ command?: string; timeoutSeconds: number }>);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-cicd-unit-test-'));
    calls = [];
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("is skipped, saying why and how to fix it, when package.json's test script is npm's placeholder", async () => {
    await writeFile(join(dir, 'package.json'), JSON.stringify({ scripts: { test: NPM_PLACEHOLDER_TEST } }));
    const outcome = await run({});
    expect(outcome.status).toBe('skipped');
    expect(outcome.summary).toMatch(
      /npm's placeholder.*add a "test" script or set pipeline\.options\.unit_test\.command/,
    );
    expect(calls).toEqual([]);
  });

  it('is skipped when there is no package.json or no test script', async () => {
    expect((await run({})).summary).toMatch(/^no unit tests: the project has no package\.json;/);
    await writeFile(join(dir, 'package.json'), '{"name":"x"}');
    expect((await run({})).status).toBe('skipped');
    expect(calls).toEqual([]);
  });

  it('runs npm test when package.json has a test script, and a configured command always', async () => {
    await writeFile(join(dir, 'package.json'), '{"scripts":{"test":"vitest run"}}');
    expect(await run({})).toMatchObject({ status: 'passed', summary: 'npm test: passed' });
    await writeFile(join(dir, 'package.json'), '{"name":"x"}');
    expect(await run({ command: 'npm test' })).toMatchObject({ status: 'passed', summary: 'npm test: passed' });
    expect(await run({ command: 'pytest -q' })).toMatchObject({ status: 'passed', summary: 'pytest -q: passed' });
    expect(calls).toEqual([
      ['sh', '-c', 'npm test'],
      ['sh', '-c', 'npm test'],
      ['sh', '-c', 'pytest -q'],
    ]);
  });

  it('fails when the test command fails', async () => {
    await writeFile(join(dir, 'package.json'), '{"scripts":{"test":"vitest run"}}');
    const failing: ExecFn = async () => ({ stdout: '', stderr: 'boom\n', exitCode: 1, timedOut: false });
    const outcome = await unitTestStage.run({
      cwd: dir,
      env: {},
      exec: failing,
      options: unitTestStage.options?.parse({}),
    } as unknown as StageRunContext<{ command?: string; timeoutSeconds: number }>);
    expect(outcome).toMatchObject({ status: 'failed', summary: 'npm test: exit 1' });
  });
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSchemas } from '@agent-cicd/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../test-utils/run-cli.js';

const fixture = fileURLToPath(new URL('../../../../fixtures/checks/', import.meta.url));

interface Report {
  suites: Array<{
    cases: Array<{
      caseId: string;
      status: string;
      violations: Array<{ check: string; severity: string; message: string }>;
    }>;
  }>;
}

describe('fixtures/checks: every check type on the dev tier (mock LLM)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'checks-fixture-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const run = (name: string, extra: string[] = []) =>
    runCli([
      'run',
      fixture,
      '--config',
      join(fixture, 'agent-cicd.config.yaml'),
      '--tier',
      'dev',
      '--seed',
      '1',
      '--report',
      join(dir, `${name}.json`),
      ...extra,
    ]);

  it('uses every check type', async () => {
    const suite = parse(await readFile(join(fixture, 'checks.suite.yaml'), 'utf8')) as {
      defaults: { checks: Array<{ type: string }> };
      cases: Array<{ checks: Array<{ type: string }> }>;
    };
    const camel = (type: string): string => type.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const used = new Set([...suite.defaults.checks, ...suite.cases.flatMap((c) => c.checks)].map((c) => camel(c.type)));
    expect([...used].sort()).toEqual(Object.keys(checkSchemas).sort());
  });

  it('runs green', async () => {
    const result = await run('green');
    expect(result.exitCode, result.stderr).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'green.json'), 'utf8')) as Report;
    const cases = report.suites.flatMap((s) => s.cases);
    expect(cases.map((c) => [c.caseId, c.status])).toEqual([
      ['capital', 'passed'],
      ['order-json', 'passed'],
      ['xml', 'passed'],
      ['sql', 'passed'],
      ['sky', 'passed'],
      ['refuse', 'passed'],
    ]);
  });

  it('fails with a strict grader: the model-graded checks decide, and no verdict is an error', async () => {
    const result = await run('strict', ['--mock-script', join(fixture, 'strict-grader.mock.yaml')]);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(await readFile(join(dir, 'strict.json'), 'utf8')) as Report;
    const byId = new Map(report.suites.flatMap((s) => s.cases).map((c) => [c.caseId, c]));
    expect(byId.get('capital')?.violations.map((v) => v.check)).toEqual(
      expect.arrayContaining(['factuality', 'answerRelevance']),
    );
    expect(byId.get('sky')?.status).toBe('error');
    expect(byId.get('sky')?.violations[0]?.message).toMatch(/closedQa grader failed/);
    expect(byId.get('xml')?.status).toBe('passed');
  });
});

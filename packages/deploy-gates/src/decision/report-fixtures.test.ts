import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RunReportSchema } from '@agent-cicd/core';
import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import { loadRunReport, parseRunReportText } from './load-run-report.js';

const dir = fileURLToPath(new URL('../../../../fixtures/reports/', import.meta.url));
const reports = readdirSync(dir).filter((file) => file.endsWith('.json') && /^(baseline|candidate-)/.test(file));

describe('fixtures/reports', () => {
  it.each(reports)('%s is a valid RunReport', (file) => {
    const result = RunReportSchema.safeParse(JSON.parse(readFileSync(`${dir}${file}`, 'utf8')));
    expect(result.error).toBeUndefined();
  });

  it('gives each candidate the decision its name promises', async () => {
    const baseline = await loadRunReport(`${dir}baseline.json`);
    const actions = await Promise.all(
      ['promote', 'rollback', 'hold', 'small'].map(async (name) => {
        const candidate = await loadRunReport(`${dir}candidate-${name}.json`);
        return decide({ baseline, candidate }).action;
      }),
    );
    expect(actions).toEqual(['promote', 'rollback', 'hold', 'hold']);
  });

  it('invalid-report.json is refused with the line, column and field path', () => {
    const text = readFileSync(`${dir}invalid-report.json`, 'utf8');
    expect(() => parseRunReportText(text, 'invalid-report.json')).toThrow(
      expect.objectContaining({
        code: 'AGENT_CICD_REPORT_INVALID',
        location: expect.objectContaining({ path: 'suites[0].cases[3].trials[0].status', line: expect.any(Number) }),
      }),
    );
    expect(() => parseRunReportText('{"schemaVersion": 1', 'broken.json')).toThrow(
      /JSON syntax error: unexpected end of input/,
    );
  });
});

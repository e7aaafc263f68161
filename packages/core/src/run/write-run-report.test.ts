import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentCicdError, formatUserError } from '../errors.js';
import { createMockLlm } from '../mock/create-mock-llm.js';
import { makeRunContext } from '../test-utils/make-run-context.js';
import { runSuite } from './run-suite.js';
import { writeRunReport } from './write-run-report.js';

describe('writeRunReport', () => {
  it('streams the cases from the JSONL file into the same JSON as the in-memory report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-cicd-write-report-'));
    const resultsFile = join(dir, 'run.jsonl');
    const llm = createMockLlm([{ probability: 0.5, respond: 'yes "quoted" \n text', otherwise: 'no' }], { seed: 2 });
    const suite = (name: string, n: number) => ({
      suite: {
        name,
        cases: Array.from({ length: n }, (_, i) => ({
          id: `${name}-${i}`,
          userInput: `q${i}`,
          expectedResponseKeywords: ['yes'],
        })),
      },
    });
    const report = await runSuite({
      suites: [suite('a', 7), suite('empty-results', 0), suite('b', 3)],
      context: makeRunContext({ llm }),
      concurrency: 3,
      resultsFile,
    });
    const file = join(dir, 'out', 'report.json');
    const withoutCases = { ...report, suites: report.suites.map((s) => ({ ...s, cases: [] })) };
    await writeRunReport({ report: withoutCases, resultsFile, file });
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('reads the journal back through the guarded path: a broken case line is one located error, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-cicd-write-report-'));
    const report = await runSuite({
      suites: [{ suite: { name: 'a', cases: [{ id: 'a-0', userInput: 'q', expectedResponseKeywords: ['yes'] }] } }],
      context: makeRunContext({ llm: createMockLlm([{ respond: 'yes' }]) }),
      resultsFile: join(dir, 'ok.jsonl'),
    });
    const header = readFileSync(join(dir, 'ok.jsonl'), 'utf8').split('\n')[0];
    const withoutCases = { ...report, suites: report.suites.map((s) => ({ ...s, cases: [] })) };
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const broken: Array<[string, string | Buffer, string, string]> = [
      [
        'syntax',
        '{"type":"case","suite":0,"index":0,"result": }',
        'AGENT_CICD_PARSE_ERROR',
        ':2:46: JSON syntax error',
      ],
      [
        'latin1',
        Buffer.from('{"type":"case","suite":0,"index":0,"result":{"id":"caf\xe9"}}', 'latin1'),
        'AGENT_CICD_FILE_NOT_UTF8',
        ':2:55: file is not valid UTF-8',
      ],
      ['deep', `{"type":"case","suite":0,"index":0,"result":${deep}}`, 'AGENT_CICD_PARSE_ERROR', ':2:'],
      ['shape', '{"type":"case","suite":0,"index":0,"result":3}', 'AGENT_CICD_JOURNAL_INVALID', ':2:45 result: '],
    ];
    for (const [name, line, code, where] of broken) {
      const resultsFile = join(dir, `${name}.jsonl`);
      writeFileSync(resultsFile, Buffer.concat([Buffer.from(`${header}\n`), Buffer.from(line), Buffer.from('\n')]));
      const file = join(dir, `${name}.json`);
      const error = await writeRunReport({ report: withoutCases, resultsFile, file }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(AgentCicdError);
      expect((error as AgentCicdError).code, name).toBe(code);
      expect(formatUserError(error as AgentCicdError), name).toContain(`${resultsFile}${where}`);
      expect(existsSync(file), name).toBe(false);
    }
  });
});

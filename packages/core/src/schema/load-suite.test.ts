import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { AgentCicdError, formatUserError, InvalidFileError } from '../errors.js';
import { cheapYamlParseFrom } from '../source/parse-yaml-source.js';
import { dataSource } from '../source/source-document.js';
import { validateSource } from '../source/validate-source.js';
import { loadSuiteFile, parseSuiteText } from './load-suite.js';
import { SuiteSchema } from './suite.js';

/** Every problem of a file, as the one-line messages users see. */
function problemsOf(text: string, file: string): string[] {
  try {
    parseSuiteText(text, file);
  } catch (error) {
    if (error instanceof InvalidFileError) return error.problems.map(formatUserError);
    if (error instanceof AgentCicdError) return [formatUserError(error)];
    throw error;
  }
  return [];
}

const seedCases = [
  {
    id: 'tc_001',
    name: 'Password reset',
    system_prompt_version: 'v1',
    user_input: 'How do I reset my password?',
    expected_behavior: 'Explains the reset flow',
    expected_tools: ['search_kb'],
    expected_response_keywords: ['reset', '/pass(word)?/i'],
    forbidden_keywords: ['I cannot help'],
    max_tokens_limit: 300,
  },
];

describe('parseSuiteText', () => {
  it('loads the seed format (a JSON array of snake_case cases) unchanged, camelCased', () => {
    const loaded = parseSuiteText(JSON.stringify(seedCases, null, 2), 'tests/prompt_test_cases.json');
    expect(loaded.suite.name).toBe('prompt_test_cases');
    expect(loaded.suite.cases).toEqual([
      {
        id: 'tc_001',
        name: 'Password reset',
        systemPromptVersion: 'v1',
        userInput: 'How do I reset my password?',
        expectedBehavior: 'Explains the reset flow',
        expectedTools: ['search_kb'],
        expectedResponseKeywords: ['reset', '/pass(word)?/i'],
        forbiddenKeywords: ['I cannot help'],
        forbiddenTools: [],
        maxTokensLimit: 300,
        tags: [],
        vars: {},
        toolOrder: 'any',
        judgeThreshold: 0.7,
        trials: 1,
      },
    ]);
    expect(loaded.caseLines).toEqual({ tc_001: 2 });
  });

  it('applies suite defaults and vars to every case; the case wins, lists are merged', () => {
    const { suite, caseLines } = parseSuiteText(
      [
        'name: support',
        'prompt: { name: support, version: v2 }',
        'vars: { company: Acme, tone: warm }',
        'defaults:',
        '  trials: 3',
        '  forbidden_tools: [delete_account]',
        'cases:',
        '  - id: a',
        '    userInput: hi',
        '    forbiddenTools: [refund]',
        '    vars: { tone: formal }',
        '  - id: b',
        '    messages: [{ role: user, content: hi }]',
        '    trials: 1',
      ].join('\n'),
      'support.prompt.yaml',
    );
    expect(suite.prompt).toEqual({ name: 'support', version: 'v2' });
    expect(suite.cases[0]).toMatchObject({
      trials: 3,
      forbiddenTools: ['delete_account', 'refund'],
      vars: { company: 'Acme', tone: 'formal' },
    });
    expect(suite.cases[1]).toMatchObject({ trials: 1, forbiddenTools: ['delete_account'] });
    expect(caseLines).toEqual({ a: 8, b: 12 });
  });

  it('names file, line, column and the field path in the spelling the user wrote', () => {
    const text = ['name: support', 'cases:', '  - id: a', '    user_input: hi', '    expected_tools: search_kb'].join(
      '\n',
    );
    expect(problemsOf(text, 'prompts/support.prompt.yaml')).toEqual([
      'prompts/support.prompt.yaml:5:21 cases[0].expected_tools: expected array, got string',
    ]);
    const camel = ['name: support', 'cases:', '  - id: a', '    userInput: hi', '    expectedTools: 3'].join('\n');
    expect(problemsOf(camel, 's.prompt.yaml')).toEqual([
      's.prompt.yaml:5:20 cases[0].expectedTools: expected array, got number',
    ]);
  });

  it('reports unknown keys at the key, with a suggestion in the same spelling', () => {
    const text = ['name: s', 'cases:', '  - id: a', '    user_input: hi', '    expected_tool: [x]'].join('\n');
    expect(problemsOf(text, 's.prompt.yaml')).toEqual([
      's.prompt.yaml:5:5 cases[0].expected_tool: unknown key (did you mean "expected_tools"?)',
    ]);
  });

  it('rejects both spellings of one key', () => {
    const text = ['name: s', 'cases:', '  - id: a', '    user_input: hi', '    userInput: hi'].join('\n');
    expect(problemsOf(text, 's.prompt.yaml')).toEqual([
      's.prompt.yaml:4:5 cases[0].user_input: both "user_input" and "userInput" are given; use one spelling',
    ]);
  });

  it('rejects duplicate ids, empty suites, empty files and bad regex keywords', () => {
    expect(problemsOf('[{"id":"a","user_input":"x"},\n {"id":"a","user_input":"y"}]', 'c.cases.json')).toEqual([
      'c.cases.json:2:8 [1].id: duplicate case id "a" (first used by the case at index 0)',
    ]);
    expect(problemsOf('name: s\ncases: []\n', 's.suite.yaml')).toEqual([
      's.suite.yaml:2:8 cases: no test cases: a suite needs at least one case',
    ]);
    expect(problemsOf('', 's.suite.yaml')).toEqual(['s.suite.yaml:1:1: file is empty: a suite needs a name and cases']);
    expect(problemsOf('[{"id":"a","user_input":"x","forbidden_keywords":["ok","/[a-/"]}]', 'c.cases.json')).toEqual([
      'c.cases.json:1:56 [0].forbidden_keywords[1]: invalid regular expression /[a-/: Unterminated character class',
    ]);
  });

  it('reports YAML and JSON syntax errors with line and column', () => {
    expect(problemsOf('name: s\ncases:\n  - id: a\n   user_input: b\n', 's.prompt.yaml')).toEqual([
      's.prompt.yaml:4:1: YAML syntax error: Sequence item without - indicator',
    ]);
    expect(problemsOf('[{"id": "a",\n  "user_input": "b",}]', 'c.cases.json')).toEqual([
      'c.cases.json:2:21: JSON syntax error: unexpected character "}", expected a double-quoted key',
    ]);
  });

  it('reads a suite of thousands of cases the same way, and still locates its errors exactly', () => {
    const lines = ['name: big', 'cases:'];
    for (let i = 0; i < 7000; i++) {
      lines.push(
        i % 2 ? `  - { id: c${i}, user_input: "q ${i}", tags: [t] }` : `  - id: c${i}\n    user_input: q ${i}`,
      );
    }
    const text = `${lines.join('\n')}\n`;
    expect(text.length).toBeGreaterThanOrEqual(cheapYamlParseFrom);
    const loaded = parseSuiteText(text, 'big.suite.yaml');
    // The same as the yaml library's located document: the values, and each case's line from its node's range.
    const doc = parseDocument(text);
    expect(loaded.suite).toEqual(validateSource(dataSource(doc.toJS(), 'x.yaml'), SuiteSchema, 'X'));
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
    const ranges = (doc.get('cases') as { items: { range: [number] }[] }).items.map((item) => lineOf(item.range[0]));
    expect(Object.values(loaded.caseLines)).toEqual(ranges);
    expect(loaded.caseLines.c6999).toBe(10502);
    expect(loaded.locate(['cases', 6999, 'userInput'])).toEqual({
      file: 'big.suite.yaml',
      line: 10502,
      column: 30,
      path: 'cases[6999].user_input',
    });
    const broken = text.replace('  - id: c2998\n    user_input: q 2998', '  - id: c2998\n    user_input: [q]');
    expect(problemsOf(broken, 'big.suite.yaml')).toEqual([
      'big.suite.yaml:4501:17 cases[2998].user_input: expected string, got array',
    ]);
  });
});

describe('loadSuiteFile', () => {
  it('reads the file and names a missing one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agent-cicd-suite-'));
    const file = join(dir, 'x.cases.json');
    await writeFile(file, JSON.stringify(seedCases));
    expect((await loadSuiteFile(file)).suite.cases).toHaveLength(1);
    await expect(loadSuiteFile(join(dir, 'missing.prompt.yaml'))).rejects.toMatchObject({
      code: 'AGENT_CICD_FILE_NOT_FOUND',
    });
  });
});

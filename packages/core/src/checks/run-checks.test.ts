import { describe, expect, it } from 'vitest';
import { createMockLlm } from '../mock/create-mock-llm.js';
import { PromptTestCaseSchema } from '../schema/prompt-test-case.js';
import { type Check, CheckSchema } from './check-schema.js';
import type { CheckSubject } from './evaluate-text-check.js';
import { runChecks } from './run-checks.js';

const parse = (input: unknown): Check => CheckSchema.parse(input);
const subject = (response: string, extra: Partial<CheckSubject> = {}): CheckSubject => ({
  response,
  result: { toolCalls: [], latencyMs: 120, costUsd: 0.002 },
  testCase: { userInput: 'question' },
  ...extra,
});
async function verdict(check: unknown, response: string, extra: Partial<CheckSubject> = {}) {
  const evaluation = await runChecks({ checks: [parse(check)], subject: subject(response, extra) });
  return { pass: evaluation.violations.length === 0, evaluation, violation: evaluation.violations[0] };
}

describe('deterministic checks', () => {
  it.each([
    [{ type: 'equals', value: 'Paris' }, 'Paris', true],
    [{ type: 'equals', value: 'Paris' }, 'paris ', false],
    [{ type: 'equals', value: 'Paris', ignoreCase: true, trim: true }, ' paris\n', true],
    [{ type: 'starts_with', value: 'Hello', ignore_case: true }, 'hello there', true],
    [{ type: 'startsWith', value: 'Hello' }, 'Hi, hello', false],
    [{ type: 'containsAny', value: ['refund', 'return'] }, 'You can return it', true],
    [{ type: 'containsAny', value: ['refund', 'return'] }, 'No.', false],
    [{ type: 'containsAll', value: ['order', 'shipped'] }, 'Your order has shipped', true],
    [{ type: 'regex', value: '^A\\d{4}$' }, 'A1001', true],
    [{ type: 'regex', value: '/^a\\d+$/i' }, 'A1001', true],
    [{ type: 'regex', value: 'cat', flags: 'i' }, 'dog', false],
    [{ type: 'isJson' }, '{"a":1}', true],
    [{ type: 'isJson' }, 'Sure! {"a":1}', false],
    [{ type: 'isJson', value: { type: 'object', required: ['b'] } }, '{"a":1}', false],
    [{ type: 'containsJson' }, 'Here: ```json\n{"a":[1,2]}\n```', true],
    [{ type: 'containsJson', value: { type: 'object', required: ['a'] } }, 'x [sic] {"a": 1} y', true],
    [{ type: 'containsJson' }, 'no json [here]', false],
    [{ type: 'jsonPath', path: '$.order.items[0].sku', value: 'X1' }, '{"order":{"items":[{"sku":"X1"}]}}', true],
    [{ type: 'jsonPath', path: "$['order'].status", matches: '^ship' }, '{"order":{"status":"shipped"}}', true],
    [{ type: 'jsonPath', path: '$.order.items[-1].qty', value: 2 }, '{"order":{"items":[{"qty":1},{"qty":3}]}}', false],
    [{ type: 'jsonPath', path: '$.missing' }, '{"a":1}', false],
    [{ type: 'isXml' }, '<?xml version="1.0"?><a x="1"><b>t &amp; u</b><![CDATA[<raw>]]></a>', true],
    [{ type: 'isXml' }, '<a><b></a></b>', false],
    [{ type: 'isXml' }, '<a x=1></a>', false],
    [{ type: 'isXml' }, '<a/><b/>', false],
    [{ type: 'isXml' }, '<a>fish & chips</a>', false],
    [{ type: 'isSql' }, 'SELECT id, name FROM users WHERE id = 1', true],
    [{ type: 'isSql', dialect: 'postgresql' }, '```sql\nSELECT 1;\n```', true],
    [{ type: 'isSql' }, 'SELEC id FROM', false],
    [{ type: 'wordCount', min: 3, max: 5 }, 'one two three four', true],
    [{ type: 'wordCount', max: 3 }, 'one two three four', false],
    [{ type: 'sentenceCount', min: 2 }, 'First. Second! Third?', true],
    [{ type: 'sentenceCount', max: 1 }, 'First. Second.', false],
    [{ type: 'levenshtein', value: 'kitten', threshold: 0.5 }, 'sitting', true],
    [{ type: 'levenshtein', value: 'kitten', threshold: 0.6 }, 'sitting', false],
    [{ type: 'rougeL', value: 'testing one two', threshold: 0.8 }, 'testing two', true],
    [{ type: 'rouge1', value: 'testing one two', threshold: 0.6 }, 'testing', false],
    [{ type: 'rouge2', value: 'testing one two', threshold: 0.6 }, 'testing one', true],
    [{ type: 'bleu', value: 'the cat sat on the mat today', threshold: 0.5 }, 'the cat sat on the mat today', true],
    [{ type: 'bleu', value: ['the cat sat on the mat'] }, 'a dog ran', false],
    [{ type: 'cost', threshold: 0.01 }, 'x', true],
    [{ type: 'cost', threshold: 0.001 }, 'x', false],
    [{ type: 'latency', threshold: 100 }, 'x', false],
    [{ type: 'latency', threshold: 500 }, 'x', true],
  ])('%j on %j → %s', async (check, response, expected) => {
    expect((await verdict(check, response)).pass).toBe(expected);
  });

  it('records the measured value in the violation', async () => {
    const { violation } = await verdict({ type: 'rouge1', value: 'testing one two', threshold: 0.6 }, 'testing');
    expect(violation).toMatchObject({ check: 'rouge1', severity: 'failure', value: 0.5 });
    expect(violation?.message).toBe('check rouge1 failed: ROUGE-1 F1 0.500 (threshold 0.6)');
    const count = await verdict({ type: 'wordCount', max: 3 }, 'one two three four');
    expect(count.violation).toMatchObject({ value: 4, message: 'check wordCount failed: 4 words (allowed 0..3)' });
  });

  it('`not` negates the check and its score', async () => {
    expect((await verdict({ type: 'containsAny', value: ['sorry'], not: true }, 'Sure, here it is')).pass).toBe(true);
    const negated = await verdict({ type: 'containsAny', value: ['sorry'], not: true, name: 'no apology' }, 'sorry!');
    expect(negated.violation?.message).toBe('check not no apology failed: found "sorry"');
    expect(negated.evaluation.score).toBe(0);
  });

  it('toolCallF1 compares expected and called tool names as sets (1 when both are empty)', async () => {
    const called = {
      toolCalls: [
        { name: 'search', arguments: {} },
        { name: 'lookup_order', arguments: {} },
      ],
    };
    const result = { ...subject('').result, ...called };
    const half = await verdict({ type: 'toolCallF1', threshold: 0.6 }, '', {
      result,
      testCase: { expectedTools: ['lookup_order', 'refund'] },
    });
    expect(half.evaluation.score).toBeCloseTo(0.5, 12);
    expect(half.pass).toBe(false);
    expect((await verdict({ type: 'toolCallF1', value: ['search', 'lookup_order'] }, '', { result })).pass).toBe(true);
    expect((await verdict({ type: 'toolCallF1' }, '')).evaluation.score).toBe(1);
  });

  it('reference checks fall back to expectedOutput', async () => {
    const ok = await verdict({ type: 'levenshtein' }, 'The order shipped', {
      testCase: { expectedOutput: 'The order shipped.' },
    });
    expect(ok.pass).toBe(true);
  });

  it('a check that cannot run is an error, never a pass', async () => {
    const cases: Array<[unknown, string, Partial<CheckSubject>?]> = [
      [{ type: 'rougeL' }, 'no reference anywhere'],
      [{ type: 'cost' }, 'no threshold'],
      [{ type: 'cost', threshold: 1 }, 'unpriced', { result: { toolCalls: [] } }],
      [{ type: 'wordCount' }, 'no bounds'],
      [{ type: 'isJson', value: { type: 'nonsense' } }, '{}'],
      [{ type: 'regex', value: '(' }, 'x'],
      [{ type: 'similar', value: 'x' }, 'no model'],
      [{ type: 'factuality', value: 'x' }, 'no model'],
    ];
    for (const [check, response, extra] of cases) {
      const { violation, evaluation } = await verdict(check, response, extra);
      expect(violation?.severity, JSON.stringify(check)).toBe('error');
      expect(evaluation.score).toBeUndefined();
    }
  });

  it('the score is the weighted mean of the checks', async () => {
    const evaluation = await runChecks({
      checks: [parse({ type: 'equals', value: 'a', weight: 3 }), parse({ type: 'containsAll', value: ['a', 'b'] })],
      subject: subject('a'),
    });
    expect(evaluation.score).toBeCloseTo((3 * 1 + 1 * 0.5) / 4, 12);
  });
});

describe('check schema', () => {
  it('accepts snake_case types and keys, and names the unknown type', () => {
    expect(parse({ type: 'contains_all', value: ['a'], ignore_case: true })).toMatchObject({
      type: 'containsAll',
      ignoreCase: true,
    });
    const bad = PromptTestCaseSchema.safeParse({
      id: 'a',
      userInput: 'x',
      checks: [{ type: 'equals', value: 'x' }, { type: 'nope' }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['checks', 1, 'type'] });
    expect(bad.error?.issues[0]?.message).toMatch(/^unknown check type "nope"; expected one of: equals, startsWith/);
    const missing = PromptTestCaseSchema.safeParse({ id: 'a', userInput: 'x', checks: [{ type: 'equals' }] });
    expect(missing.error?.issues[0]?.path).toEqual(['checks', 0, 'value']);
    const extra = PromptTestCaseSchema.safeParse({ id: 'a', userInput: 'x', checks: [{ type: 'isXml', valu: 1 }] });
    expect(extra.success).toBe(false);
  });
});

describe('model-backed checks', () => {
  const verdictRule = (version: string, score: number, pass: boolean, reason: string) => ({
    when: { promptVersion: version },
    respond: { toolCalls: [{ name: 'submit_verdict', arguments: { score, pass, reason } }] },
  });
  const llm = createMockLlm([
    verdictRule('check-factuality@v1', 0.9, true, 'consistent with the reference'),
    verdictRule('check-refusal@v1', 0.1, false, 'it helps'),
    verdictRule('check-harmful@v1', 0, false, 'harmless'),
    verdictRule('check-answerRelevance@v1', 0.4, false, 'off topic'),
    { when: { promptVersion: 'check-closedQa@v1' }, respond: 'I think it passes' },
    { respond: 'fallback' },
  ]);

  it('grades through the judge with a rubric per type; the verdict decides, `not` negates', async () => {
    const evaluation = await runChecks({
      checks: [
        parse({ type: 'factuality', value: 'Paris is the capital of France.' }),
        parse({ type: 'refusal', not: true }),
        parse({ type: 'harmful', not: true }),
        parse({ type: 'answerRelevance' }),
      ],
      subject: subject('Paris.'),
      grader: { llm },
    });
    expect(evaluation.violations).toEqual([
      expect.objectContaining({ check: 'answerRelevance', severity: 'failure', value: 0.4 }),
    ]);
    expect(evaluation.tokens.input).toBeGreaterThan(0);
  });

  it('a grader that gives no valid verdict is an error', async () => {
    const { violations } = await runChecks({
      checks: [parse({ type: 'closedQa', value: 'names a city' })],
      subject: subject('Paris'),
      grader: { llm },
    });
    expect(violations[0]).toMatchObject({ severity: 'error' });
    expect(violations[0]?.message).toMatch(/closedQa grader failed: the judge gave no valid verdict/);
  });

  it('contextFaithfulness reads the tool results from the trajectory; without any it is an error', async () => {
    const faithful = createMockLlm([
      {
        when: { user: 'order A1001: shipped' },
        respond: { toolCalls: [{ name: 'submit_verdict', arguments: { score: 1, pass: true, reason: 'supported' } }] },
      },
    ]);
    const trajectory = [
      {
        step: 0,
        text: '',
        tokens: { input: 1, output: 1 },
        latencyMs: 1,
        finishReason: 'tool_calls',
        toolCalls: [{ id: '1', name: 'lookup_order', arguments: {}, result: 'order A1001: shipped', latencyMs: 1 }],
      },
    ];
    const ok = await runChecks({
      checks: [parse({ type: 'contextFaithfulness' })],
      subject: subject('It shipped', { result: { toolCalls: [], trajectory } }),
      grader: { llm: faithful },
    });
    expect(ok.violations).toEqual([]);
    const none = await runChecks({
      checks: [parse({ type: 'contextFaithfulness' })],
      subject: subject('It shipped'),
      grader: { llm: faithful },
    });
    expect(none.violations[0]?.severity).toBe('error');
  });

  it('similar: cosine similarity of the mock embeddings, related text high and unrelated low', async () => {
    const check = parse({ type: 'similar', value: 'Your order A1001 has shipped and arrives Friday', threshold: 0.5 });
    const close = await runChecks({
      checks: [check],
      subject: subject('Order A1001 has shipped; it arrives on Friday'),
      grader: { llm },
    });
    expect(close.violations).toEqual([]);
    expect(close.score).toBeGreaterThan(0.5);
    const far = await runChecks({
      checks: [check],
      subject: subject('I cannot help with cooking recipes'),
      grader: { llm },
    });
    expect(far.violations[0]).toMatchObject({ check: 'similar', severity: 'failure' });
    expect(far.violations[0]?.value).toBeLessThan(0.3);
  });

  it('skipModelGraded (--no-judge) leaves rubrics unrun and counts them; similar still runs', async () => {
    const evaluation = await runChecks({
      checks: [parse({ type: 'factuality', value: 'x' }), parse({ type: 'similar', value: 'x y' })],
      subject: subject('x y'),
      grader: { llm },
      skipModelGraded: true,
    });
    expect(evaluation.skipped).toBe(1);
    expect(evaluation.skippedChecks).toEqual(['factuality']);
    expect(evaluation.ran).toBe(1);
    expect(evaluation.violations).toEqual([]);
    expect(evaluation.score).toBeCloseTo(1, 9);
  });
});
